// A clip made ready to publish: decoded by the bundled ffmpeg into raw pictures (constant rate, display
// orientation, the channel's size), each frame's masks burned in, and encoded by a second ffmpeg as H.264 in MP4
// with nothing but what playback needs — no metadata, chapters, data, subtitle or attachment streams, no sound
// unless asked for. Two child processes joined by this process, a picture or two in memory at a time.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { inputOptions } from './ffmpeg';
import { masksByFrame, paintMasks, type FrameMasks } from './masks';
import { probeVideo } from './probe';
import {
  decodeFramesArgs,
  frameSizeFor,
  numberingRate,
  readFrames,
  startTool,
  writeFrame,
  yuvFrameBytes,
  type FrameSize,
  type StreamingTool,
} from './rawFrames';

export interface ClipExportPlan {
  /** Longest side of the output in pixels (the channel's export size); null keeps the clip's size. Never enlarged. */
  readonly longSide: number | null;
  /** The boxes to mask, per frame number (frames numbered as in rawFrames.ts). */
  readonly masks: readonly FrameMasks[];
  /** The constant rate the frame numbers refer to; by default the clip's own (numberingRate of its probe). */
  readonly frameRate?: number | undefined;
}

export interface ClipExportOptions {
  /** Keep the clip's (first) sound track, re-encoded as AAC. Off by default: voices and spoken names are personal. */
  readonly keepAudio?: boolean | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Called after each frame written: frames done, and the frames the clip's length promises (an estimate). */
  readonly onProgress?: ((framesDone: number, framesExpected: number) => void) | undefined;
  /** The clip's name in errors (by default the file name). */
  readonly name?: string | undefined;
}

export interface ClipExportResult {
  readonly sha256: string;
  readonly frames: number;
  readonly bytes: number;
  readonly durationSeconds: number;
  readonly frameRate: number;
  readonly width: number;
  readonly height: number;
  readonly audioKept: boolean;
  /** Frames on which at least one mask was painted. */
  readonly maskedFrames: number;
}

/**
 * x264's speed preset and quality: measured on a 2-core machine (README "Exporting clips"), veryfast at CRF 23
 * encodes 1080p well within the clip's length and keeps a flat mask flat.
 */
export const X264_PRESET = 'veryfast';
export const X264_CRF = 23;
const AUDIO_BITRATE = '128k';
/** A clip that yields no new frame for this long is stuck (a hostile or broken file): the export stops. */
const STALL_MS = 60_000;

function encodeArgs(size: FrameSize, frameRate: number, audioFrom: string | null, target: string): string[] {
  const audio =
    audioFrom === null
      ? []
      : ['-map', '1:a:0', '-c:a', 'aac', '-b:a', AUDIO_BITRATE, '-ac', '2', '-flags:a', '+bitexact'];
  return [
    '-v',
    'error',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'yuv420p',
    '-s',
    `${size.width}x${size.height}`,
    '-framerate',
    String(frameRate),
    '-i',
    'pipe:0',
    ...(audioFrom === null ? [] : inputOptions(audioFrom)),
    '-map',
    '0:v:0',
    ...audio,
    // Nothing of the input's container, streams or chapters; no encoder names; no creation time.
    '-map_metadata',
    '-1',
    '-map_chapters',
    '-1',
    '-fflags',
    '+bitexact',
    '-flags:v',
    '+bitexact',
    '-c:v',
    'libx264',
    '-preset',
    X264_PRESET,
    '-crf',
    String(X264_CRF),
    '-pix_fmt',
    'yuv420p',
    // x264 writes its version and settings as an SEI message into the first frame: every SEI message goes.
    '-bsf:v',
    'filter_units=remove_types=6',
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    `file:${target}`,
  ];
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

/**
 * Exports `input` to `output` (MP4) as the plan says. The file is written under a temporary name beside the
 * output and renamed when complete; on failure or cancel both processes are killed and the partial file removed.
 * Errors: the probe's video.* errors, video.undecodable (no frame), video.timeout (stuck),
 * video.export.decodeFailed / video.export.encodeFailed, or the signal's reason when cancelled.
 */
export async function exportClip(
  input: string,
  output: string,
  plan: Readonly<ClipExportPlan>,
  options: Readonly<ClipExportOptions> = {},
): Promise<ClipExportResult> {
  options.signal?.throwIfAborted();
  const name = options.name ?? path.basename(input);
  const probe = await probeVideo(input, name, options.signal);
  const frameRate = numberingRate(plan.frameRate ?? probe.frameRate);
  const size = frameSizeFor(probe.displayWidth, probe.displayHeight, plan.longSide);
  const frameBytes = yuvFrameBytes(size);
  const expected = Math.max(1, Math.round(probe.durationSeconds * frameRate));
  const masks = masksByFrame(plan.masks);
  const audioKept = options.keepAudio === true && probe.hasAudio;
  const temp = path.join(path.dirname(output), `.${path.basename(output)}.${randomBytes(6).toString('hex')}.partial`);

  const stop = new AbortController();
  let stalled = false;
  const onAbort = () => stop.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let watchdog: NodeJS.Timeout | undefined;
  const feed = () => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      stalled = true;
      stop.abort(new AppError('video.timeout', { file: name }));
    }, STALL_MS);
  };
  let decoder: StreamingTool | null = null;
  let encoder: StreamingTool | null = null;
  try {
    decoder = startTool('ffmpeg', decodeFramesArgs(input, { rotation: probe.rotation, frameRate, size }), stop.signal);
    encoder = startTool('ffmpeg', encodeArgs(size, frameRate, audioKept ? input : null, temp), stop.signal);
    decoder.child.stdin.end();
    let frames = 0;
    let maskedFrames = 0;
    let encoderGone = false;
    feed();
    for await (const picture of readFrames(decoder.child.stdout, frameBytes)) {
      feed();
      const boxes = masks.get(frames);
      if (boxes) {
        paintMasks(picture, size, boxes);
        maskedFrames += 1;
      }
      if (!(await writeFrame(encoder, picture))) {
        encoderGone = true;
        break;
      }
      frames += 1;
      options.onProgress?.(frames, Math.max(expected, frames));
    }
    encoder.child.stdin.end();
    if (encoderGone) decoder.kill();
    const [decoded, encoded] = await Promise.all([decoder.ended, encoder.ended]);
    stop.signal.throwIfAborted();
    if (encoderGone || encoded.code !== 0) {
      throw new AppError('video.export.encodeFailed', { file: name, detail: firstLine(encoded.stderr) });
    }
    if (decoded.code !== 0) {
      throw new AppError('video.export.decodeFailed', { file: name, detail: firstLine(decoded.stderr) });
    }
    if (frames === 0) throw new AppError('video.undecodable', { file: name });
    const [sha256, info] = await Promise.all([sha256Of(temp), stat(temp)]);
    await rename(temp, output);
    return {
      sha256,
      frames,
      bytes: info.size,
      durationSeconds: frames / frameRate,
      frameRate,
      width: size.width,
      height: size.height,
      audioKept,
      maskedFrames,
    };
  } catch (error) {
    if (!stop.signal.aborted) stop.abort(error);
    decoder?.kill();
    encoder?.kill();
    await Promise.all([decoder?.ended, encoder?.ended]);
    await rm(temp, { force: true });
    if (options.signal?.aborted) throw options.signal.reason;
    if (stalled) throw new AppError('video.timeout', { file: name });
    throw error;
  } finally {
    clearTimeout(watchdog);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

function firstLine(stderr: string): string {
  return (
    stderr
      .split('\n')
      .find((line) => line.trim())
      ?.trim()
      .slice(0, 300) ?? ''
  );
}
