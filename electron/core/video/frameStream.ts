// A clip's frames as raw RGB for the face detector, from one ffmpeg child: every frame or every n-th, turned the way
// a player shows them (ffmpeg's autorotate, as frames.ts), scaled to what the detector needs, read from a pipe a few
// frames at a time (the child waits while the detector is busy, so memory stays bounded). A second output of the
// same child lists every decoded frame, so the clip's exact frame count is known at the end — the frames the
// tracks must cover are counted by the decoder itself, never guessed from the duration.
import { spawn } from 'node:child_process';
import { AppError } from '../../../shared/errors';
import { inputOptions, toolPath } from './ffmpeg';
import { numberingRate } from './rawFrames';

export interface StreamedFrame {
  /** Frame number in the clip (0-based, on the clip's constant-rate grid — the numbering every frame-wise step uses). */
  readonly frame: number;
  /** RGB, 3 bytes a pixel, rows top to bottom, display orientation. */
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
}

export interface FrameStreamOptions {
  /** Every how many frames one is sent (1: every frame). */
  readonly sampleEvery: number;
  /** Longer side of a sent frame; smaller clips are sent at their own size. */
  readonly maxSide: number;
  /**
   * The clip's frame rate (the probe's): frames are numbered on that constant-rate grid, as the clip export decodes
   * them (rawFrames.ts), so that a box found on frame n is masked on the export's frame n — also in a clip filmed
   * at a variable rate.
   */
  readonly frameRate: number;
  /** Frames read ahead of the consumer (the rest waits in the child). */
  readonly readAhead?: number;
  /** No output for this long ends the run as video.timeout. */
  readonly stallMs?: number;
  readonly signal?: AbortSignal | undefined;
}

export interface FrameStream {
  /** The sampled frames in order. */
  readonly frames: AsyncIterable<StreamedFrame>;
  /** Settles after the last frame: how many frames the clip decoded to. */
  readonly frameCount: Promise<number>;
}

/** The size frames are sent at: the display size, scaled down to `maxSide`. */
export function streamSize(
  displayWidth: number,
  displayHeight: number,
  maxSide: number,
): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(displayWidth, displayHeight));
  return {
    width: Math.max(2, Math.round(displayWidth * scale)),
    height: Math.max(2, Math.round(displayHeight * scale)),
  };
}

/**
 * Streams a clip's frames. `display` is the probe's display size (rotation applied). A clip that decodes to no
 * frame at all is video.undecodable; a stalled child is video.timeout; a cancel kills the child at once.
 */
export function streamFrames(
  file: string,
  name: string,
  display: { readonly width: number; readonly height: number },
  options: FrameStreamOptions,
): FrameStream {
  const every = Math.max(1, Math.floor(options.sampleEvery));
  const { width, height } = streamSize(display.width, display.height, options.maxSide);
  const frameBytes = width * height * 3;
  const readAhead = Math.max(1, options.readAhead ?? 2);
  const select = every === 1 ? 'null' : `select='not(mod(n\\,${every}))'`;
  const rate = numberingRate(options.frameRate);
  const graph = `[0:V:0]fps=fps=${rate},split=2[s][c];[s]${select},scale=${width}:${height}:flags=bicubic,format=rgb24[det]`;
  const args = [
    '-nostdin',
    '-hide_banner',
    '-v',
    'error',
    ...inputOptions(file),
    '-filter_complex',
    graph,
    '-vsync',
    '0',
    '-map',
    '[det]',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    'pipe:1',
    // Every decoded frame as one line on stderr (a wrapped frame, no pixels copied): the exact frame count.
    '-map',
    '[c]',
    '-c:v',
    'wrapped_avframe',
    '-f',
    'framecrc',
    'pipe:2',
  ];
  options.signal?.throwIfAborted();
  const child = spawn(toolPath('ffmpeg'), args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });

  const ready: StreamedFrame[] = [];
  let current: Buffer | null = null;
  let filled = 0;
  let sent = 0;
  let decoded = 0;
  let stderrTail = '';
  let failure: unknown = null;
  let ended = false;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    const waiting = wake;
    wake = null;
    waiting?.();
  };
  const stop = (reason: unknown): void => {
    failure ??= reason;
    child.kill('SIGKILL');
    // A paused pipe never ends, and the child's 'close' waits for it: let what is left flow away.
    child.stdout.resume();
    notify();
  };
  const stallMs = options.stallMs ?? 60_000;
  let stall = setTimeout(() => stop(new AppError('video.timeout', { file: name })), stallMs);
  const alive = (): void => {
    clearTimeout(stall);
    stall = setTimeout(() => stop(new AppError('video.timeout', { file: name })), stallMs);
  };
  const onAbort = (): void => stop(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });

  child.stdout.on('data', (chunk: Buffer) => {
    if (failure) return;
    alive();
    let offset = 0;
    while (offset < chunk.length) {
      current ??= Buffer.allocUnsafe(frameBytes);
      const take = Math.min(frameBytes - filled, chunk.length - offset);
      chunk.copy(current, filled, offset, offset + take);
      filled += take;
      offset += take;
      if (filled === frameBytes) {
        ready.push({ frame: sent * every, data: current, width, height });
        sent += 1;
        current = null;
        filled = 0;
      }
    }
    // Enough read ahead: the child waits on the full pipe until the consumer takes a frame.
    if (ready.length >= readAhead) child.stdout.pause();
    notify();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    alive();
    const lines = (stderrTail + chunk.toString('utf8')).split('\n');
    stderrTail = lines.pop() ?? '';
    for (const line of lines) {
      if (/^0,\s*-?\d+,/.test(line)) decoded += 1;
    }
  });
  child.on('error', (error) => stop(error));
  const closed = new Promise<void>((resolve) => {
    child.on('close', () => {
      clearTimeout(stall);
      options.signal?.removeEventListener('abort', onAbort);
      if (/^0,\s*-?\d+,/.test(stderrTail)) decoded += 1;
      ended = true;
      notify();
      resolve();
    });
  });

  const frameCount = closed.then(() => {
    if (failure) throw failure instanceof Error ? failure : new AppError('video.tool.failed', { tool: 'ffmpeg' });
    // A clip ffmpeg could not open, or that decoded to nothing: an error for this clip only.
    if (decoded === 0 || sent === 0) throw new AppError('video.undecodable', { file: name });
    // A non-zero exit after frames decoded (a clip cut short) keeps what decoded: the export decodes the same.
    return decoded;
  });
  frameCount.catch(() => undefined); // read by the caller after the frames; never an unhandled rejection

  async function* frames(): AsyncGenerator<StreamedFrame> {
    try {
      for (;;) {
        if (failure) throw failure instanceof Error ? failure : new AppError('video.undecodable', { file: name });
        const next = ready.shift();
        if (next) {
          if (ready.length < readAhead) child.stdout.resume();
          yield next;
          continue;
        }
        if (ended) {
          await frameCount;
          return;
        }
        await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      // The consumer stopped early (an error, a cancel): the child goes too.
      if (!ended) stop(new AppError('video.scan.stopped', { file: name }));
    }
  }

  return { frames: frames(), frameCount };
}
