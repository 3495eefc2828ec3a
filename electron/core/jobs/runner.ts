// The job runner: long work with progress (done/total, current item), cancel through AbortSignal,
// a concurrency cap per job and a cap on jobs running at once, and per-item outcomes done/failed/skipped.
// Heavy image work inside a job runs on sharp's (libuv) thread pool, so the event loop stays free.
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { AppError, toSerializedError, type SerializedError } from '../../../shared/errors';
import type { FrameProgress, JobItemError, JobItemOutcome, JobProgress, JobState } from '../../../shared/types';
import { diskError, withoutPaths } from '../fsErrors';

const MAX_ERRORS_KEPT = 200;

export interface JobContext {
  readonly jobId: string;
  readonly signal: AbortSignal;
  setTotal(total: number | null): void;
  setCurrent(label: string | null): void;
  /** Frames of the current item done and in all (a clip's export), or null when it is not a clip. */
  setFrames(frames: FrameProgress | null): void;
  /** Count one item; for work that does not go through forEach. */
  recordItem(outcome: JobItemOutcome, label: string, error?: SerializedError): void;
  /**
   * Runs `work` over the items with at most `concurrency` in flight. An item that throws counts as failed
   * (with its error code) and the job goes on; once cancelled, no new item starts.
   */
  forEach<T>(
    items: Iterable<T>,
    work: (item: T, signal: AbortSignal) => Promise<JobItemOutcome>,
    options: { readonly label: (item: T) => string; readonly concurrency?: number },
  ): Promise<void>;
}

export interface JobSpec<Result> {
  readonly kind: string;
  readonly concurrency?: number;
  run(context: JobContext): Promise<Result>;
}

export interface JobHandle<Result> {
  readonly jobId: string;
  /** Settles when the job ends, whatever its state; `result` is set when it is done. */
  readonly finished: Promise<JobProgress & { result: Result | null }>;
}

export interface JobRunnerOptions {
  readonly maxConcurrentJobs?: number;
  readonly defaultConcurrency?: number;
  /** Least time between two progress events of one job (state changes are sent at once). */
  readonly throttleMs?: number;
  readonly now?: () => Date;
}

type ProgressListener = (progress: JobProgress) => void;

interface JobRecord {
  progress: JobProgress;
  readonly controller: AbortController;
  readonly start: () => void;
  lastEmit: number;
  pendingEmit: NodeJS.Timeout | null;
}

export class JobRunner {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly queue: string[] = [];
  private readonly listeners = new Set<ProgressListener>();
  private readonly idleWaiters: Array<() => void> = [];
  private running = 0;
  private readonly maxConcurrentJobs: number;
  private readonly defaultConcurrency: number;
  private readonly throttleMs: number;
  private readonly now: () => Date;

  constructor(options: JobRunnerOptions = {}) {
    this.maxConcurrentJobs = options.maxConcurrentJobs ?? 1;
    this.defaultConcurrency = options.defaultConcurrency ?? Math.max(1, availableParallelism());
    this.throttleMs = options.throttleMs ?? 100;
    this.now = options.now ?? (() => new Date());
  }

  onProgress(listener: ProgressListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(): JobProgress[] {
    return [...this.jobs.values()].map((job) => job.progress);
  }

  get(jobId: string): JobProgress | undefined {
    return this.jobs.get(jobId)?.progress;
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job) throw new AppError('job.notFound', { jobId });
    if (job.progress.state !== 'queued' && job.progress.state !== 'running') return false;
    job.controller.abort();
    if (job.progress.state === 'queued') {
      this.queue.splice(this.queue.indexOf(jobId), 1);
      this.finish(job, 'cancelled', null, null);
    }
    return true;
  }

  /** Resolves when no job is queued or running (for tests and orderly shutdown). */
  waitForIdle(): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Cancels everything and waits for running jobs to stop. */
  async shutdown(): Promise<void> {
    for (const job of this.jobs.values()) {
      if (job.progress.state === 'queued' || job.progress.state === 'running') this.cancel(job.progress.jobId);
    }
    await this.waitForIdle();
  }

  start<Result>(spec: JobSpec<Result>): JobHandle<Result> {
    const jobId = randomUUID();
    const controller = new AbortController();
    let resolveFinished!: (progress: JobProgress & { result: Result | null }) => void;
    const finished = new Promise<JobProgress & { result: Result | null }>((resolve) => {
      resolveFinished = resolve;
    });

    const record: JobRecord = {
      progress: {
        jobId,
        kind: spec.kind,
        state: 'queued',
        total: null,
        done: 0,
        failed: 0,
        skipped: 0,
        current: null,
        errors: [],
        startedAt: this.now().toISOString(),
        finishedAt: null,
        result: null,
        error: null,
      },
      controller,
      lastEmit: 0,
      pendingEmit: null,
      start: () => {
        this.running += 1;
        this.update(record, { state: 'running' }, true);
        const context = this.contextFor(record, spec.concurrency ?? this.defaultConcurrency);
        spec
          .run(context)
          .then(
            (result) => {
              if (controller.signal.aborted) this.finish(record, 'cancelled', null, null);
              else this.finish(record, 'done', result, null);
            },
            (error: unknown) => {
              if (controller.signal.aborted) this.finish(record, 'cancelled', null, null);
              else this.finish(record, 'failed', null, diskError(error)?.toJSON() ?? toSerializedError(error));
            },
          )
          .finally(() => {
            this.running -= 1;
            this.pump();
          });
      },
    };
    this.jobs.set(jobId, record);
    this.queue.push(jobId);
    this.emit(record);

    const unsubscribe = this.onProgress((progress) => {
      if (progress.jobId !== jobId || progress.finishedAt === null) return;
      unsubscribe();
      resolveFinished({ ...progress, result: progress.result as Result | null });
    });
    this.pump();
    return { jobId, finished };
  }

  private pump(): void {
    while (this.running < this.maxConcurrentJobs && this.queue.length > 0) {
      const next = this.jobs.get(this.queue.shift()!);
      next?.start();
    }
    if (this.running === 0 && this.queue.length === 0) {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  private contextFor(record: JobRecord, defaultConcurrency: number): JobContext {
    const signal = record.controller.signal;
    const recordItem = (outcome: JobItemOutcome, label: string, error?: SerializedError): void => {
      const progress = record.progress;
      const errors =
        outcome === 'failed' && error
          ? [...progress.errors, { item: label, code: error.code, params: error.params } satisfies JobItemError].slice(
              -MAX_ERRORS_KEPT,
            )
          : progress.errors;
      this.update(record, {
        done: progress.done + (outcome === 'done' ? 1 : 0),
        failed: progress.failed + (outcome === 'failed' ? 1 : 0),
        skipped: progress.skipped + (outcome === 'skipped' ? 1 : 0),
        errors,
      });
    };
    return {
      jobId: record.progress.jobId,
      signal,
      setTotal: (total) => this.update(record, { total }),
      setCurrent: (current) => this.update(record, { current }),
      setFrames: (frames) => this.update(record, { frames }),
      recordItem,
      forEach: async (items, work, options) => {
        const iterator = items[Symbol.iterator]();
        const lanes = Math.max(1, options.concurrency ?? defaultConcurrency);
        const lane = async (): Promise<void> => {
          for (;;) {
            if (signal.aborted) return;
            const next = iterator.next();
            if (next.done) return;
            const label = options.label(next.value);
            this.update(record, { current: label });
            try {
              recordItem(await work(next.value, signal), label);
            } catch (error) {
              if (signal.aborted) return;
              recordItem('failed', label, describeItemError(error));
            }
          }
        };
        await Promise.all(Array.from({ length: lanes }, lane));
      },
    };
  }

  private finish(record: JobRecord, state: JobState, result: unknown, error: SerializedError | null): void {
    this.update(record, { state, result, error, current: null, finishedAt: this.now().toISOString() }, true);
  }

  private update(record: JobRecord, patch: Partial<JobProgress>, immediate = false): void {
    record.progress = { ...record.progress, ...patch };
    const elapsed = Date.now() - record.lastEmit;
    if (immediate || elapsed >= this.throttleMs) {
      if (record.pendingEmit) clearTimeout(record.pendingEmit);
      record.pendingEmit = null;
      this.emit(record);
    } else if (!record.pendingEmit) {
      record.pendingEmit = setTimeout(() => {
        record.pendingEmit = null;
        this.emit(record);
      }, this.throttleMs - elapsed);
    }
  }

  private emit(record: JobRecord): void {
    record.lastEmit = Date.now();
    for (const listener of [...this.listeners]) listener(record.progress);
  }
}

/**
 * A failed item's error for the job's list: AppErrors keep their code; a full, read-only or forbidden disk gets its
 * own code; others keep their message as detail, without absolute paths (the renderer sees this list).
 */
export function describeItemError(error: unknown): SerializedError {
  if (error instanceof AppError) return error.toJSON();
  const disk = diskError(error);
  if (disk) return disk.toJSON();
  return {
    code: 'job.itemFailed',
    params: { detail: withoutPaths(error instanceof Error ? error.message : String(error)) },
  };
}
