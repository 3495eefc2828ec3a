// One inference worker thread (started by inference.ts): its own onnxruntime session runs the tiles it is sent.
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { errorText } from '../workers';
import type { InputSpec } from './inference';
import { resizeModelInput } from './modelShape';

export interface InferenceWorkerData {
  readonly modelPath: string;
  readonly spec: InputSpec;
}

export type InferenceRequest =
  | {
      readonly id: number;
      /** size² RGB bytes, rows top to bottom (transferred). */
      readonly rgb: Uint8Array;
    }
  /** Release the session and end the thread by itself: terminating it inside onnxruntime can abort the process. */
  | { readonly close: true };

export interface InferenceReply {
  readonly id: number;
  /** The outputs named in the spec (transferred). */
  readonly result?: Record<string, { readonly data: Float32Array }>;
  readonly error?: string;
}

if (!parentPort) throw new Error('inferenceWorker.ts runs only as a worker thread');
const port = parentPort;
const { modelPath, spec } = workerData as InferenceWorkerData;

const sessionOptions: InferenceSession.SessionOptions = {
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  graphOptimizationLevel: 'all',
  logSeverityLevel: 3,
};
const sessionReady =
  spec.exportedSize !== undefined && spec.exportedSize !== spec.size
    ? readFile(modelPath).then((model) =>
        InferenceSession.create(
          resizeModelInput(model, { from: spec.exportedSize!, to: spec.size, layout: spec.layout }),
          sessionOptions,
        ),
      )
    : InferenceSession.create(modelPath, sessionOptions);
// A model that fails to load is reported with each tile (below), not as an unhandled rejection here.
sessionReady.catch(() => {});

const plane = spec.size * spec.size;
const dims = spec.layout === 'nhwc' ? [1, spec.size, spec.size, 3] : [1, 3, spec.size, spec.size];

/** value = byte · scale + offset, in the model's channel order and layout. */
function toInput(rgb: Uint8Array): Float32Array {
  // A fresh input per tile: run() yields (setImmediate) before it reads it, and the next tile may arrive.
  const input = new Float32Array(plane * 3);
  const { scale, offset } = spec;
  if (spec.layout === 'nhwc' && spec.order === 'rgb') {
    for (let i = 0; i < rgb.length; i++) input[i] = rgb[i]! * scale + offset;
    return input;
  }
  const r = spec.order === 'rgb' ? 0 : 2;
  const b = 2 - r;
  for (let p = 0, i = 0; p < plane; p++, i += 3) {
    if (spec.layout === 'nchw') {
      input[p] = rgb[i + r]! * scale + offset;
      input[plane + p] = rgb[i + 1]! * scale + offset;
      input[2 * plane + p] = rgb[i + b]! * scale + offset;
    } else {
      input[i] = rgb[i + r]! * scale + offset;
      input[i + 1] = rgb[i + 1]! * scale + offset;
      input[i + 2] = rgb[i + b]! * scale + offset;
    }
  }
  return input;
}

port.on('message', async (request: InferenceRequest) => {
  if ('close' in request) {
    await sessionReady.then((session) => session.release()).catch(() => undefined);
    port.close();
    return;
  }
  const { id, rgb } = request;
  try {
    const session = await sessionReady;
    const out = await session.run({ [spec.name]: new Tensor('float32', toInput(rgb), dims) });
    const result: Record<string, { data: Float32Array }> = {};
    const transfer: ArrayBuffer[] = [];
    for (const name of spec.outputs) {
      const data = new Float32Array(out[name]!.data as ArrayLike<number>);
      result[name] = { data };
      transfer.push(data.buffer);
    }
    const reply: InferenceReply = { id, result };
    port.postMessage(reply, transfer);
  } catch (error) {
    const reply: InferenceReply = { id, error: errorText(error) };
    port.postMessage(reply);
  }
});
