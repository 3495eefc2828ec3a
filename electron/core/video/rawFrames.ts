// Raw pictures streamed out of and into the bundled ffmpeg, and the one way every video step numbers a clip's
// frames: decoded at a constant rate (the `fps` filter drops or repeats frames of a variable-rate clip onto that
// rate's grid), turned as a player shows them, scaled, as 8-bit YUV 4:2:0. Frame n is the n-th picture of that
// stream, so a box found on frame n by one step lands on the same picture in another.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Readable } from 'node:stream';
import { AppError } from '../../../shared/errors';
import { inputOptions, toolPath, type VideoTool } from './ffmpeg';

/** Frame rates outside this range are a broken or hostile header: such clips are numbered at 30 frames a second. */
const MAX_FRAME_RATE = 240;
const FALLBACK_FRAME_RATE = 30;

/** The constant rate a clip's frames are numbered at: its average rate (ffprobe's avg_frame_rate), to 1/1000. */
export function numberingRate(frameRate: number): number {
  if (!(frameRate > 0 && frameRate <= MAX_FRAME_RATE)) return FALLBACK_FRAME_RATE;
  return Math.round(frameRate * 1000) / 1000;
}

export interface FrameSize {
  readonly width: number;
  readonly height: number;
}

/** Longest side of any exported or decoded picture (4K): a larger header is scaled down, so a frame stays < 13 MB. */
export const MAX_FRAME_SIDE = 3840;

/**
 * The picture size in display orientation with the longest side at most `longSide` (null: the clip's own size)
 * and at most MAX_FRAME_SIDE, never enlarged, both sides even (4:2:0 needs them) and at least 2.
 */
export function frameSizeFor(displayWidth: number, displayHeight: number, longSide: number | null): FrameSize {
  const long = Math.max(displayWidth, displayHeight);
  const limit = Math.min(longSide ?? MAX_FRAME_SIDE, MAX_FRAME_SIDE);
  const scale = long <= limit ? 1 : limit / long;
  const even = (value: number) => Math.max(2, Math.round((value * scale) / 2) * 2);
  return { width: even(displayWidth), height: even(displayHeight) };
}

/** Bytes of one YUV 4:2:0 picture: the full-size luma plane and two quarter-size chroma planes. */
export function yuvFrameBytes(size: FrameSize): number {
  return size.width * size.height + 2 * Math.ceil(size.width / 2) * Math.ceil(size.height / 2);
}

export interface DecodeOptions {
  /** Clockwise degrees a player turns the picture (the probe's rotation). */
  readonly rotation: number;
  readonly frameRate: number;
  /** Size in display orientation. */
  readonly size: FrameSize;
}

/**
 * ffmpeg arguments that write the clip's frames to stdout as described at the top. The rotation is applied here
 * (not by ffmpeg's own autorotate) so that every step turns the picture the same way as the probe read it.
 */
export function decodeFramesArgs(file: string, options: DecodeOptions): string[] {
  const { width, height } = options.size;
  const sideways = options.rotation === 90 || options.rotation === 270;
  const turn =
    options.rotation === 90
      ? ',transpose=clock'
      : options.rotation === 270
        ? ',transpose=cclock'
        : options.rotation === 180
          ? ',hflip,vflip'
          : '';
  // Scale before turning (fewer pixels to turn); the pre-turn size is the display size swapped when sideways.
  const scale = sideways ? `scale=${height}:${width}` : `scale=${width}:${height}`;
  const filters = `fps=fps=${options.frameRate},${scale}:flags=bicubic${turn},setsar=1,format=yuv420p`;
  return [
    '-v',
    'error',
    '-noautorotate',
    ...inputOptions(file),
    '-map',
    '0:V:0',
    '-an',
    '-sn',
    '-dn',
    '-vf',
    filters,
    // The filter made the rate constant; the muxer must neither drop nor repeat frames on top of it.
    '-vsync',
    'passthrough',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'yuv420p',
    'pipe:1',
  ];
}

export interface StreamingTool {
  readonly child: ChildProcessWithoutNullStreams;
  /** Resolves when the process has ended (never rejects): its exit code and the first 64 kB of its messages. */
  readonly ended: Promise<{ readonly code: number | null; readonly stderr: string }>;
  kill(): void;
}

/** Starts a tool whose stdin and stdout the caller streams; abort (or kill()) ends it at once. */
export function startTool(tool: VideoTool, args: readonly string[], signal?: AbortSignal): StreamingTool {
  const child = spawn(toolPath(tool), [...(tool === 'ffmpeg' ? ['-nostdin'] : []), '-hide_banner', ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true,
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < 64_000) stderr += chunk.toString('utf8');
  });
  // A tool that exits early closes its stdin under a writer: the writer sees it through `ended`, not as a crash.
  child.stdin.on('error', () => undefined);
  child.stdout.on('error', () => undefined);
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  signal?.addEventListener('abort', kill, { once: true });
  const ended = new Promise<{ code: number | null; stderr: string }>((resolve) => {
    child.on('error', () => resolve({ code: null, stderr }));
    child.on('close', (code) => {
      signal?.removeEventListener('abort', kill);
      resolve({ code, stderr });
    });
  });
  return { child, ended, kill };
}

/**
 * Whole pictures of `frameBytes` each from a raw stream, one at a time: the stream is read no faster than the
 * caller takes pictures, so memory stays at a picture or two whatever the clip's length. A stream that ends in
 * the middle of a picture is video.export.truncated.
 */
export async function* readFrames(stream: Readable, frameBytes: number): AsyncGenerator<Buffer> {
  let frame = Buffer.allocUnsafe(frameBytes);
  let filled = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(frameBytes - filled, chunk.length - offset);
      chunk.copy(frame, filled, offset, offset + take);
      filled += take;
      offset += take;
      if (filled === frameBytes) {
        yield frame;
        frame = Buffer.allocUnsafe(frameBytes);
        filled = 0;
      }
    }
  }
  if (filled > 0) throw new AppError('video.export.truncated', { bytes: filled });
}

/** Writes a picture to a tool's stdin, waiting while its pipe is full; false when the tool has gone. */
export async function writeFrame(tool: StreamingTool, frame: Buffer): Promise<boolean> {
  const stdin = tool.child.stdin;
  if (stdin.destroyed || !stdin.writable) return false;
  if (stdin.write(frame)) return true;
  return new Promise<boolean>((resolve) => {
    const done = (ok: boolean) => () => {
      stdin.off('drain', drained);
      stdin.off('close', closed);
      resolve(ok);
    };
    const drained = done(true);
    const closed = done(false);
    stdin.once('drain', drained);
    stdin.once('close', closed);
  });
}
