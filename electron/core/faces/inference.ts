// Model inference off the main thread. onnxruntime-node's session.run() only defers to setImmediate and then
// runs synchronously, so on the main thread every tile would stall the event loop (17+ ms a YuNet tile).
// A small pool of worker threads (inferenceWorker.ts), each with its own session, runs the tiles; it also lets the
// tiles of one photo use both cores.
import type { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import { errorText, startWorker } from '../workers';
import type { InferenceReply, InferenceRequest, InferenceWorkerData } from './inferenceWorker';

/** How an RGB tile (bytes, rows top to bottom) becomes the model's float input. */
export interface InputSpec {
  readonly name: string;
  readonly size: number;
  readonly layout: 'nhwc' | 'nchw';
  readonly order: 'rgb' | 'bgr';
  /** The square input the model file was exported for, when the tiles (`size`) are larger: see modelShape.ts. */
  readonly exportedSize?: number;
  /** value = byte · scale + offset */
  readonly scale: number;
  readonly offset: number;
  /** The outputs to send back (others stay in the worker). */
  readonly outputs: readonly string[];
}

export type ModelOutputs = Readonly<Record<string, { readonly data: Float32Array }>>;

interface Pending {
  resolve(outputs: ModelOutputs): void;
  reject(error: Error): void;
}

interface Lane {
  /** The worker, started in the background (in the bundle its starter is loaded first); run() waits for it. */
  readonly starting: Promise<Worker>;
  worker: Worker | null;
  busy: number;
}

export class InferencePool {
  private readonly lanes: Lane[];
  private readonly pending = new Map<number, Pending & { lane: Lane }>();
  private nextId = 1;
  private failure: Error | null = null;

  constructor(
    modelPath: string,
    private readonly spec: InputSpec,
    size: number,
  ) {
    const workerData: InferenceWorkerData = { modelPath, spec };
    const source = {
      importer: import.meta.url,
      file: './inferenceWorker.ts',
      bundled: () => import('./inferenceWorker?nodeWorker'),
    };
    this.lanes = Array.from({ length: Math.max(1, size) }, () => {
      const lane: Lane = { starting: startWorker(source, { workerData }), worker: null, busy: 0 };
      lane.starting.then(
        (worker) => this.watch(lane, worker),
        (error: unknown) => this.fail(error),
      );
      return lane;
    });
  }

  /** Runs one tile (size² RGB bytes; the buffer is handed over to the worker). */
  run(rgb: Uint8Array): Promise<ModelOutputs> {
    if (this.failure) return Promise.reject(this.failure);
    const lane = this.lanes.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    lane.busy++;
    return new Promise<ModelOutputs>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, lane });
      // A worker that did not start has failed the pool (constructor), which rejected this task.
      void lane.starting.then(
        (worker) => {
          if (!this.pending.has(id)) return; // the pool failed meanwhile
          worker.ref();
          const request: InferenceRequest = { id, rgb };
          worker.postMessage(request, [rgb.buffer as ArrayBuffer]);
        },
        () => undefined,
      );
    });
  }

  /** The side of the square tiles this pool's model takes. */
  get inputSize(): number {
    return this.spec.size;
  }

  get parallelism(): number {
    return this.lanes.length;
  }

  /**
   * Ends every worker: each releases its session and ends its thread by itself (terminating a thread inside
   * onnxruntime can abort the whole process); one that does not end within a few seconds is terminated.
   */
  async release(): Promise<void> {
    await Promise.all(
      this.lanes.map((lane) =>
        lane.starting.then(
          (worker) =>
            new Promise<void>((resolve) => {
              const timer = setTimeout(() => void worker.terminate().then(() => resolve()), 5_000);
              timer.unref();
              worker.once('exit', () => {
                clearTimeout(timer);
                resolve();
              });
              worker.ref();
              const request: InferenceRequest = { close: true };
              worker.postMessage(request);
            }),
          () => undefined,
        ),
      ),
    );
  }

  private watch(lane: Lane, worker: Worker): void {
    lane.worker = worker;
    worker.on('message', (message: InferenceReply) => {
      const task = this.pending.get(message.id);
      if (!task) return;
      this.pending.delete(message.id);
      this.settle(lane);
      if (message.error !== undefined) task.reject(new AppError('faces.inferenceFailed', { detail: message.error }));
      else task.resolve(message.result!);
    });
    worker.on('error', (error) => this.fail(error));
    // After the listeners, since adding a 'message' listener refs the worker again. A tile already waiting for
    // this worker refs it in run().
    worker.unref();
  }

  private settle(lane: Lane): void {
    // An idle worker must not keep the process (the CLI) alive.
    if (--lane.busy === 0) lane.worker?.unref();
  }

  private fail(error: unknown): void {
    this.failure = new AppError('faces.inferenceFailed', { detail: errorText(error) });
    for (const [id, task] of this.pending) {
      this.pending.delete(id);
      this.settle(task.lane);
      task.reject(this.failure);
    }
  }
}
