// A small pool of worker threads that answer requests (one module, several threads): heavy per-item work — reading
// and hashing photos, decoding, encoding, checking — runs there, so its buffers, its garbage collection and its
// hashing never hold the main process's event loop. Failures come back as the errors they were: an AppError keeps
// its code and parameters, a system error its errno code (a full disk stays a full disk).
import { parentPort, type Transferable, type Worker, type WorkerOptions } from 'node:worker_threads';
import { AppError, type ErrorParams } from '../../../shared/errors';
import { errorText, startWorker, type WorkerSource } from './start';

/** A failure as it crosses between threads. */
export type WorkerFailure =
  | { readonly kind: 'app'; readonly code: string; readonly params: ErrorParams }
  | { readonly kind: 'system'; readonly code: string; readonly message: string }
  | { readonly kind: 'other'; readonly message: string };

export interface PoolMessage<T> {
  readonly id: number;
  /** Sent to every thread of the pool (`broadcast`), not one. */
  readonly body: T;
}

export type PoolReply<R> =
  | { readonly id: number; readonly ok: true; readonly value: R }
  | { readonly id: number; readonly ok: false; readonly failure: WorkerFailure };

export function toFailure(error: unknown): WorkerFailure {
  if (error instanceof AppError) return { kind: 'app', code: error.code, params: error.params };
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return { kind: 'system', code, message: errorText(error) };
  return { kind: 'other', message: errorText(error) };
}

export function fromFailure(failure: WorkerFailure): Error {
  if (failure.kind === 'app') return new AppError(failure.code, failure.params);
  const error = new Error(failure.message) as Error & { code?: string };
  if (failure.kind === 'system') error.code = failure.code;
  return error;
}

/**
 * The worker side: answers each request with `handle`'s value (its transfer list beside it) or its failure.
 * Call once, at the top of the worker's module.
 */
export function serveRequests<T, R>(
  handle: (body: T) => Promise<{ readonly value: R; readonly transfer?: readonly Transferable[] }>,
): void {
  const port = parentPort;
  if (!port) throw new Error('serveRequests runs only in a worker thread');
  port.on('message', (message: PoolMessage<T>) => {
    handle(message.body).then(
      ({ value, transfer }) => {
        const reply: PoolReply<R> = { id: message.id, ok: true, value };
        port.postMessage(reply, [...(transfer ?? [])]);
      },
      (error: unknown) => {
        const reply: PoolReply<R> = { id: message.id, ok: false, failure: toFailure(error) };
        port.postMessage(reply);
      },
    );
  });
}

interface Lane {
  worker: Promise<Worker> | null;
  busy: number;
}

interface Pending<R> {
  readonly lane: Lane;
  resolve(value: R): void;
  reject(error: Error): void;
}

/**
 * Threads started when first needed and kept; each is unref'd while idle (it never keeps the CLI or a test alive).
 * A thread that fails fails what it was doing and is started afresh for the next request.
 */
export class WorkerPool<T, R> {
  private readonly lanes: Lane[];
  private readonly pending = new Map<number, Pending<R>>();
  private nextId = 1;
  private released = false;

  constructor(
    private readonly source: WorkerSource,
    size: number,
    private readonly options: WorkerOptions = {},
  ) {
    this.lanes = Array.from({ length: Math.max(1, size) }, () => ({ worker: null, busy: 0 }));
  }

  get size(): number {
    return this.lanes.length;
  }

  /** One request on the least busy thread. */
  run(body: T, transfer: readonly Transferable[] = []): Promise<R> {
    const lane = this.lanes.reduce((a, b) => (b.busy < a.busy ? b : a));
    return this.send(lane, body, transfer);
  }

  /** The same request on every thread (e.g. a list every thread needs for the requests that follow). */
  async broadcast(body: T): Promise<R[]> {
    return Promise.all(this.lanes.map((lane) => this.send(lane, body, [])));
  }

  /** Ends every thread (each finishes what it was sent first); the pool starts none after this. */
  async release(): Promise<void> {
    this.released = true;
    await Promise.all(
      this.lanes.map(async (lane) => {
        const worker = await lane.worker?.catch(() => null);
        lane.worker = null;
        await worker?.terminate();
      }),
    );
  }

  private send(lane: Lane, body: T, transfer: readonly Transferable[]): Promise<R> {
    if (this.released) return Promise.reject(new Error('worker pool released'));
    const id = this.nextId++;
    lane.busy++;
    return new Promise<R>((resolve, reject) => {
      this.pending.set(id, { lane, resolve, reject });
      this.start(lane).then(
        (worker) => {
          if (!this.pending.has(id)) return; // its thread failed meanwhile
          worker.ref();
          const message: PoolMessage<T> = { id, body };
          worker.postMessage(message, [...transfer]);
        },
        (error: unknown) => this.failLane(lane, error),
      );
    });
  }

  private start(lane: Lane): Promise<Worker> {
    lane.worker ??= startWorker(this.source, this.options).then((worker) => {
      worker.on('message', (reply: PoolReply<R>) => {
        const task = this.pending.get(reply.id);
        if (!task) return;
        this.pending.delete(reply.id);
        if (--lane.busy === 0) worker.unref();
        if (reply.ok) task.resolve(reply.value);
        else task.reject(fromFailure(reply.failure));
      });
      worker.on('error', (error) => this.failLane(lane, error));
      worker.on('exit', () => this.failLane(lane, new Error('worker thread ended')));
      // After the listeners: adding a 'message' listener refs the worker again.
      worker.unref();
      return worker;
    });
    return lane.worker;
  }

  private failLane(lane: Lane, error: unknown): void {
    lane.worker = null;
    const failure = error instanceof Error ? error : new Error(errorText(error));
    for (const [id, task] of this.pending) {
      if (task.lane !== lane) continue;
      this.pending.delete(id);
      lane.busy--;
      task.reject(failure);
    }
  }
}
