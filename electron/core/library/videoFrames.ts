// The main process's side of the clip-scan thread (videoScanWorker.ts): one long-lived thread, started when the
// first clip is scanned, that streams frames and runs the face detector; this side only sends the request, passes
// progress on and receives the boxes. Cancelling sends `abort`, which kills the clip's ffmpeg child at once.
import type { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import type { ModelChoice } from '../faces';
import { errorText, fromFailure, startWorker, type WorkerFailure } from '../workers';

export interface SampledFrame {
  readonly frame: number;
  /** Grown face boxes, normalised, display orientation. */
  readonly faces: ReadonlyArray<{ x: number; y: number; w: number; h: number; score: number }>;
}

export interface FrameScan {
  /** Frames the clip decoded to. */
  readonly frameCount: number;
  /** The size the frames were searched at. */
  readonly width: number;
  readonly height: number;
  readonly sampled: readonly SampledFrame[];
}

export type FrameScanRequest =
  | {
      readonly kind: 'scan';
      readonly id: number;
      readonly file: string;
      readonly name: string;
      readonly display: { readonly width: number; readonly height: number };
      /** The probe's frame rate: the grid frames are numbered on (as the clip export numbers them). */
      readonly frameRate: number;
      readonly sampleEvery: number;
      readonly maxSide: number;
      /** Smallest face looked for, as a share of the frame's longer side. */
      readonly minFaceShare: number;
      /** …and at least this many pixels. */
      readonly minFacePx: number;
      /** Every full scale step down to the whole frame (faces/detector.ts): finer boxes for faces between steps. */
      readonly everyScaleStep: boolean;
      readonly model: ModelChoice;
    }
  | { readonly kind: 'abort'; readonly id: number }
  | { readonly kind: 'close' };

export type FrameScanReply =
  | { readonly kind: 'progress'; readonly id: number; readonly frame: number; readonly sampled: number }
  | { readonly kind: 'done'; readonly id: number; readonly result: FrameScan }
  | { readonly kind: 'failed'; readonly id: number; readonly failure: WorkerFailure }
  | { readonly kind: 'closed' };

interface Pending {
  onProgress(frame: number, sampled: number): void;
  resolve(result: FrameScan): void;
  reject(error: Error): void;
}

let thread: Promise<Worker> | null = null;
const pending = new Map<number, Pending>();
let nextId = 1;

function failAll(error: unknown): void {
  thread = null;
  const failure = error instanceof Error ? error : new Error(errorText(error));
  for (const [id, task] of pending) {
    pending.delete(id);
    task.reject(failure);
  }
}

function scanThread(): Promise<Worker> {
  thread ??= startWorker(
    {
      importer: import.meta.url,
      file: './videoScanWorker.ts',
      bundled: () => import('./videoScanWorker?nodeWorker'),
    },
    {},
  ).then((worker) => {
    worker.on('message', (reply: FrameScanReply) => {
      if (reply.kind === 'closed') return;
      const task = pending.get(reply.id);
      if (!task) return;
      if (reply.kind === 'progress') {
        task.onProgress(reply.frame, reply.sampled);
        return;
      }
      pending.delete(reply.id);
      if (pending.size === 0) worker.unref();
      if (reply.kind === 'done') task.resolve(reply.result);
      else task.reject(fromFailure(reply.failure));
    });
    worker.on('error', (error) => failAll(error));
    worker.on('exit', () => failAll(new AppError('faces.inferenceFailed', { detail: 'clip scan thread ended' })));
    worker.unref();
    return worker;
  });
  thread.catch((error: unknown) => failAll(error));
  return thread;
}

/** Streams and searches one clip's frames in the scan thread; `onProgress` gets each searched frame in order. */
export async function scanFramesInThread(
  request: Omit<Extract<FrameScanRequest, { kind: 'scan' }>, 'kind' | 'id'>,
  onProgress: (frame: number, sampled: number) => void,
  signal?: AbortSignal,
): Promise<FrameScan> {
  signal?.throwIfAborted();
  const worker = await scanThread();
  const id = nextId++;
  const onAbort = (): void => {
    const abort: FrameScanRequest = { kind: 'abort', id };
    worker.postMessage(abort);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await new Promise<FrameScan>((resolve, reject) => {
      pending.set(id, { onProgress, resolve, reject });
      worker.ref();
      const message: FrameScanRequest = { kind: 'scan', id, ...request };
      worker.postMessage(message);
    });
  } catch (error) {
    // A cancelled scan fails with the abort reason, as every cancelled step does.
    if (signal?.aborted) throw signal.reason;
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

/** Ends the scan thread (its detectors first); the next scan starts a new one. */
export async function releaseVideoScanThread(): Promise<void> {
  const running = thread;
  thread = null;
  const worker = await running?.catch(() => null);
  if (!worker) return;
  worker.ref();
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => void worker.terminate().then(() => resolve()), 10_000);
    timer.unref();
    worker.on('message', (reply: FrameScanReply) => {
      if (reply.kind !== 'closed') return;
      clearTimeout(timer);
      void worker.terminate().then(() => resolve());
    });
    const close: FrameScanRequest = { kind: 'close' };
    worker.postMessage(close);
  });
}
