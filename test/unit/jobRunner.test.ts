import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import type { JobProgress } from '../../shared/types';
import { JobRunner } from '../../electron/core/jobs/runner';

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

describe('JobRunner', () => {
  it('counts done, failed and skipped items, keeps failed items with their code, and returns the result', async () => {
    const runner = new JobRunner({ throttleMs: 0 });
    const events: JobProgress[] = [];
    runner.onProgress((progress) => events.push(progress));
    const { finished } = runner.start({
      kind: 'test',
      run: async (ctx) => {
        const items = [1, 2, 3, 4, 5, 6];
        ctx.setTotal(items.length);
        await ctx.forEach(
          items,
          async (n) => {
            await tick();
            if (n === 2) throw new AppError('library.unreadable', { file: 'b.jpg' });
            if (n === 5) throw new Error('disk on fire');
            return n === 3 ? 'skipped' : 'done';
          },
          { label: (n) => `photo-${n}.jpg`, concurrency: 2 },
        );
        return { sum: 21 };
      },
    });
    const end = await finished;
    expect(end).toMatchObject({
      state: 'done',
      total: 6,
      done: 3,
      failed: 2,
      skipped: 1,
      current: null,
      result: { sum: 21 },
    });
    expect(end.errors).toEqual([
      { item: 'photo-2.jpg', code: 'library.unreadable', params: { file: 'b.jpg' } },
      { item: 'photo-5.jpg', code: 'job.itemFailed', params: { detail: 'disk on fire' } },
    ]);
    expect(events[0]?.state).toBe('queued');
    expect(events.some((event) => event.state === 'running' && event.current?.startsWith('photo-'))).toBe(true);
    expect(events.at(-1)?.state).toBe('done');
  });

  it('never has more items in flight than the concurrency cap', async () => {
    const runner = new JobRunner();
    let inFlight = 0;
    let most = 0;
    const { finished } = runner.start({
      kind: 'test',
      run: (ctx) =>
        ctx.forEach(
          Array.from({ length: 20 }, (_, i) => i),
          async () => {
            inFlight += 1;
            most = Math.max(most, inFlight);
            await tick(2);
            inFlight -= 1;
            return 'done';
          },
          { label: String, concurrency: 3 },
        ),
    });
    expect((await finished).done).toBe(20);
    expect(most).toBe(3);
  });

  it('stops taking items once cancelled and ends as cancelled', async () => {
    const runner = new JobRunner();
    let started = 0;
    const { jobId, finished } = runner.start({
      kind: 'test',
      run: (ctx) =>
        ctx.forEach(
          Array.from({ length: 100 }, (_, i) => i),
          async (_n, signal) => {
            started += 1;
            await tick(5);
            return signal.aborted ? 'skipped' : 'done';
          },
          { label: String, concurrency: 2 },
        ),
    });
    await tick(20);
    expect(runner.cancel(jobId)).toBe(true);
    const end = await finished;
    expect(end.state).toBe('cancelled');
    expect(started).toBeLessThan(100);
    expect(end.done + end.skipped).toBe(started);
    expect(runner.cancel(jobId)).toBe(false);
  });

  it('runs no more jobs at once than allowed, queues the rest, and cancels a queued job without running it', async () => {
    const runner = new JobRunner({ maxConcurrentJobs: 1 });
    const order: string[] = [];
    const job = (name: string) =>
      runner.start({
        kind: name,
        run: async () => {
          order.push(`start ${name}`);
          await tick(10);
          order.push(`end ${name}`);
        },
      });
    const a = job('a');
    const b = job('b');
    const c = job('c');
    expect(runner.get(b.jobId)?.state).toBe('queued');
    runner.cancel(c.jobId);
    await runner.waitForIdle();
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b']);
    expect((await a.finished).state).toBe('done');
    expect((await c.finished).state).toBe('cancelled');
  });

  it('reports a job that throws as failed with a code, not a stack', async () => {
    const runner = new JobRunner();
    const { finished } = runner.start({
      kind: 'test',
      run: async () => {
        throw new Error('boom at /secret/path.ts');
      },
    });
    const end = await finished;
    expect(end.state).toBe('failed');
    expect(end.error).toEqual({ code: 'internal', params: {} });
  });

  it('throws a coded error when cancelling a job that does not exist', () => {
    expect(() => new JobRunner().cancel('nope')).toThrow(AppError);
  });

  it('throttles item progress but always sends state changes', async () => {
    const runner = new JobRunner({ throttleMs: 1000 });
    const events: JobProgress[] = [];
    runner.onProgress((progress) => events.push(progress));
    const { finished } = runner.start({
      kind: 'test',
      run: async (ctx) => {
        for (let i = 0; i < 50; i += 1) ctx.recordItem('done', String(i));
      },
    });
    await finished;
    expect(events.length).toBeLessThan(10);
    expect(events.map((event) => event.state)).toEqual(expect.arrayContaining(['queued', 'running', 'done']));
    expect(events.at(-1)?.done).toBe(50);
  });
});
