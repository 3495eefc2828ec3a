// The clip-scan thread (started by videoFrames.ts): streams a clip's frames from ffmpeg and runs the face detector
// on them (its inference in threads of its own), so neither the frames nor the detector's work touch the main
// process. It sends back progress per frame and, at the end, the boxes found on every sampled frame.
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { chosenModel, detectFaces, releaseFaceDetectors } from '../faces';
import { streamFrames, type StreamedFrame } from '../video';
import { toFailure } from '../workers';
import type { FrameScan, FrameScanReply, FrameScanRequest, SampledFrame } from './videoFrames';

if (!parentPort) throw new Error('videoScanWorker.ts runs only as a worker thread');
const port = parentPort;
const running = new Map<number, AbortController>();

/** Frames searched at once: the next one's tiles keep both cores busy while one frame's last tiles finish. */
const FRAMES_IN_FLIGHT = 2;

async function detectFrame(
  request: Extract<FrameScanRequest, { kind: 'scan' }>,
  frame: StreamedFrame,
  signal: AbortSignal,
): Promise<SampledFrame> {
  const raw = { data: frame.data, width: frame.width, height: frame.height, channels: 3 };
  const opened = {
    width: frame.width,
    height: frame.height,
    orientation: 1,
    raw,
    pipeline: () => sharp(frame.data, { raw: { width: frame.width, height: frame.height, channels: 3 } }),
  };
  const detection = await detectFaces(chosenModel(request.model), opened, `${request.name}#${frame.frame}`, {
    signal,
    minFacePx: Math.max(request.minFacePx, request.minFaceShare * Math.max(frame.width, frame.height)),
    everyStep: request.everyScaleStep,
  });
  return {
    frame: frame.frame,
    faces: detection.faces.map(({ x, y, w, h, score }) => ({ x, y, w, h, score })),
  };
}

async function scan(request: Extract<FrameScanRequest, { kind: 'scan' }>, signal: AbortSignal): Promise<FrameScan> {
  const stream = streamFrames(request.file, request.name, request.display, {
    sampleEvery: request.sampleEvery,
    maxSide: request.maxSide,
    frameRate: request.frameRate,
    signal,
  });
  const sampled: SampledFrame[] = [];
  const inFlight: Array<Promise<SampledFrame>> = [];
  const settle = async (): Promise<void> => {
    const done = await inFlight.shift()!;
    sampled.push(done);
    const progress: FrameScanReply = { kind: 'progress', id: request.id, frame: done.frame, sampled: sampled.length };
    port.postMessage(progress);
  };
  let width = 0;
  let height = 0;
  try {
    for await (const frame of stream.frames) {
      width = frame.width;
      height = frame.height;
      const work = detectFrame(request, frame, signal);
      work.catch(() => undefined); // awaited in order by settle()
      inFlight.push(work);
      if (inFlight.length >= FRAMES_IN_FLIGHT) await settle();
    }
    while (inFlight.length > 0) await settle();
  } finally {
    // Whatever went wrong, no detection is left running for a clip that is given up.
    await Promise.allSettled(inFlight);
  }
  return { frameCount: await stream.frameCount, width, height, sampled };
}

port.on('message', (request: FrameScanRequest) => {
  if (request.kind === 'abort') {
    running.get(request.id)?.abort(new Error('cancelled'));
    return;
  }
  if (request.kind === 'close') {
    for (const controller of running.values()) controller.abort(new Error('closing'));
    // Inference threads end by themselves (terminating one inside onnxruntime can abort the process).
    void releaseFaceDetectors().finally(() => {
      const reply: FrameScanReply = { kind: 'closed' };
      port.postMessage(reply);
    });
    return;
  }
  const controller = new AbortController();
  running.set(request.id, controller);
  scan(request, controller.signal)
    .then(
      (result): FrameScanReply => ({ kind: 'done', id: request.id, result }),
      (error: unknown): FrameScanReply => ({ kind: 'failed', id: request.id, failure: toFailure(error) }),
    )
    .then((reply) => {
      running.delete(request.id);
      port.postMessage(reply);
    });
});
