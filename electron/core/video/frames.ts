// Single frames out of a clip with the bundled ffmpeg, turned the way a player shows them: the poster of the grid
// and a few preview frames. One child process per frame, with a time limit; a frame that cannot be decoded is an
// error for that file only.
import { AppError } from '../../../shared/errors';
import { inputOptions, runTool } from './ffmpeg';

/** Longest side of a grabbed frame: enough for the preview size the library shows. */
export const FRAME_MAX_SIDE = 1280;
const FRAME_TIMEOUT_MS = 30_000;

/** Where the poster and the preview frames are taken, as shares of the clip (the very first frame is often black). */
export const POSTER_AT = 0.1;
export const PREVIEW_FRAMES_AT: readonly number[] = [0.25, 0.5, 0.75];

/** One frame near `seconds` as PNG (display orientation, at most FRAME_MAX_SIDE), or null when there is none there. */
export async function grabFrame(
  file: string,
  seconds: number,
  name: string,
  signal?: AbortSignal,
): Promise<Buffer | null> {
  const scale = `scale=w='min(${FRAME_MAX_SIDE},iw)':h='min(${FRAME_MAX_SIDE},ih)':force_original_aspect_ratio=decrease`;
  const result = await runTool(
    'ffmpeg',
    [
      '-v',
      'error',
      '-ss',
      seconds.toFixed(3),
      ...inputOptions(file),
      '-map',
      '0:V:0',
      '-frames:v',
      '1',
      '-vf',
      scale,
      '-an',
      '-sn',
      '-dn',
      '-f',
      'image2pipe',
      '-c:v',
      'png',
      'pipe:1',
    ],
    { timeoutMs: FRAME_TIMEOUT_MS, maxOutputBytes: 64_000_000, signal },
  ).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'video.tool.timeout')
      throw new AppError('video.timeout', { file: name });
    throw error;
  });
  if (result.stdout.length === 0) return null;
  return result.stdout;
}

/**
 * Frames at the given shares of the clip; a share past the last decodable frame (a cut-off file) falls back to the
 * start. Fails with video.undecodable when not even the first frame decodes.
 */
export async function grabFrames(
  file: string,
  durationSeconds: number,
  shares: readonly number[],
  name: string,
  signal?: AbortSignal,
): Promise<Buffer[]> {
  const frames: Buffer[] = [];
  let start: Buffer | null | undefined;
  for (const share of shares) {
    signal?.throwIfAborted();
    let frame = durationSeconds > 0 ? await grabFrame(file, durationSeconds * share, name, signal) : null;
    if (!frame) frame = start === undefined ? (start = await grabFrame(file, 0, name, signal)) : start;
    if (!frame) throw new AppError('video.undecodable', { file: name });
    frames.push(frame);
  }
  return frames;
}
