// Model inference off the main thread. onnxruntime-node's session.run() only defers to setImmediate and then
// runs synchronously, so on the main thread every tile would stall the event loop (17+ ms a YuNet tile).
// A small pool of worker threads, each with its own session, runs the tiles; it also lets the tiles of one
// photo use both cores. The worker is plain JavaScript evaluated from a string, so it runs the same under
// Electron, tsx (CLI) and vitest without a build step.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';

/** How an RGB tile (bytes, rows top to bottom) becomes the model's float input. */
export interface InputSpec {
  readonly name: string;
  readonly size: number;
  readonly layout: 'nhwc' | 'nchw';
  readonly order: 'rgb' | 'bgr';
  /** value = byte · scale + offset */
  readonly scale: number;
  readonly offset: number;
  /** The outputs to send back (others stay in the worker). */
  readonly outputs: readonly string[];
}

export type ModelOutputs = Readonly<Record<string, { readonly data: Float32Array }>>;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ort = require(workerData.ortPath);
const spec = workerData.spec;
const sessionReady = ort.InferenceSession.create(workerData.modelPath, {
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  graphOptimizationLevel: 'all',
  logSeverityLevel: 3,
});
sessionReady.catch(() => {});
const plane = spec.size * spec.size;
const dims = spec.layout === 'nhwc' ? [1, spec.size, spec.size, 3] : [1, 3, spec.size, spec.size];
parentPort.on('message', async ({ id, rgb }) => {
  try {
    const session = await sessionReady;
    // A fresh input per tile: run() yields (setImmediate) before it reads it, and the next tile may arrive.
    const input = new Float32Array(plane * 3);
    const { scale, offset } = spec;
    if (spec.layout === 'nhwc' && spec.order === 'rgb') {
      for (let i = 0; i < rgb.length; i++) input[i] = rgb[i] * scale + offset;
    } else {
      const r = spec.order === 'rgb' ? 0 : 2;
      const b = 2 - r;
      for (let p = 0, i = 0; p < plane; p++, i += 3) {
        if (spec.layout === 'nchw') {
          input[p] = rgb[i + r] * scale + offset;
          input[plane + p] = rgb[i + 1] * scale + offset;
          input[2 * plane + p] = rgb[i + b] * scale + offset;
        } else {
          input[i] = rgb[i + r] * scale + offset;
          input[i + 1] = rgb[i + 1] * scale + offset;
          input[i + 2] = rgb[i + b] * scale + offset;
        }
      }
    }
    const out = await session.run({ [spec.name]: new ort.Tensor('float32', input, dims) });
    const result = {};
    const transfer = [];
    for (const name of spec.outputs) {
      const data = new Float32Array(out[name].data);
      result[name] = { data };
      transfer.push(data.buffer);
    }
    parentPort.postMessage({ id, result }, transfer);
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  }
});
`;

interface Pending {
  resolve(outputs: ModelOutputs): void;
  reject(error: Error): void;
}

interface Lane {
  readonly worker: Worker;
  busy: number;
}

const require = createRequire(import.meta.url);

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
    const ortPath = require.resolve('onnxruntime-node');
    this.lanes = Array.from({ length: Math.max(1, size) }, () => {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ortPath, modelPath, spec } });
      worker.unref();
      const lane: Lane = { worker, busy: 0 };
      worker.on('message', (message: { id: number; result?: ModelOutputs; error?: string }) => {
        const task = this.pending.get(message.id);
        if (!task) return;
        this.pending.delete(message.id);
        this.settle(lane);
        if (message.error !== undefined) task.reject(new AppError('faces.inferenceFailed', { detail: message.error }));
        else task.resolve(message.result!);
      });
      worker.on('error', (error) => this.fail(error));
      return lane;
    });
  }

  /** Runs one tile (size² RGB bytes; the buffer is handed over to the worker). */
  run(rgb: Uint8Array): Promise<ModelOutputs> {
    if (this.failure) return Promise.reject(this.failure);
    const lane = this.lanes.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    if (lane.busy++ === 0) lane.worker.ref();
    return new Promise<ModelOutputs>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, lane });
      lane.worker.postMessage({ id, rgb }, [rgb.buffer as ArrayBuffer]);
    });
  }

  /** The side of the square tiles this pool's model takes. */
  get inputSize(): number {
    return this.spec.size;
  }

  get parallelism(): number {
    return this.lanes.length;
  }

  async release(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.worker.terminate()));
  }

  private settle(lane: Lane): void {
    // An idle worker must not keep the process (the CLI) alive.
    if (--lane.busy === 0) lane.worker.unref();
  }

  private fail(error: Error): void {
    this.failure = new AppError('faces.inferenceFailed', { detail: error.message });
    for (const [id, task] of this.pending) {
      this.pending.delete(id);
      this.settle(task.lane);
      task.reject(this.failure);
    }
  }
}
