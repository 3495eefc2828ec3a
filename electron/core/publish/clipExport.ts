// One publish-ready clip: the source file that still has the clip's content hash, exported by the video domain with
// every hidden track masked in every frame it may be on screen (found, interpolated and margin frames), written in
// the staging folder, read back and checked for leaks, then moved into the export folder. ffmpeg does the pixel work
// in its own processes; this process only streams frames between them.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { checkClipLeak, exportClip, type FrameMasks } from '../video';
import { maskPlan, type ClipDecided } from './clipDecisions';
import { moveIntoPlace } from './staging';

export interface ClipWriteSettings {
  readonly longSide: number | null;
  /** The policy's margin around a hidden face (hair, ears), on top of the tracker's own margins. */
  readonly maskMargin: number;
  readonly keepAudio: boolean;
  readonly stagingDir: string;
  readonly outDir: string;
  /** Texts that must appear nowhere in the file: every name of the registry. */
  readonly forbidden: readonly string[];
}

export interface ClipProblem {
  readonly code: string;
  readonly params: Readonly<Record<string, string | number>>;
}

export type ClipWriteOutcome =
  | { readonly state: 'done'; readonly sha256: string; readonly frames: number; readonly audioKept: boolean }
  | { readonly state: 'leak'; readonly findings: readonly ClipProblem[] }
  | { readonly state: 'cancelled' };

async function sha256Of(file: string, signal: AbortSignal): Promise<string | null> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(file, { signal }) as AsyncIterable<Buffer>) hash.update(chunk);
  } catch (error) {
    if (signal.aborted) throw error;
    return null;
  }
  return hash.digest('hex');
}

/** The first of the clip's files that still holds exactly the bytes its tracks were found on. */
async function sourceOf(decided: ClipDecided, signal: AbortSignal): Promise<string> {
  for (const file of decided.clip.video.paths) {
    if ((await sha256Of(file, signal)) === decided.clip.video.hash) return file;
  }
  throw new AppError('publish.clipFileMissing', { file: path.basename(decided.clip.video.paths[0] ?? '') });
}

/** The masks per frame the export paints and the leak check reads back. */
export function frameMasks(decided: ClipDecided, maskMargin: number): FrameMasks[] {
  return [...maskPlan(decided, maskMargin).entries()]
    .sort(([a], [b]) => a - b)
    .map(([frame, boxes]) => ({ frame, boxes }));
}

/**
 * Writes one clip as `outputName` into the export folder, or reports its leaks (nothing written). Throws for a
 * source that is gone or changed and for a clip ffmpeg cannot read or write (the caller fails the item).
 */
export async function writeClip(
  decided: ClipDecided,
  outputName: string,
  settings: ClipWriteSettings,
  signal: AbortSignal,
  onFrames: (done: number, total: number) => void,
): Promise<ClipWriteOutcome> {
  const source = await sourceOf(decided, signal);
  const staged = path.join(settings.stagingDir, outputName);
  const masks = frameMasks(decided, settings.maskMargin);
  try {
    const result = await exportClip(
      source,
      staged,
      { longSide: settings.longSide, masks },
      { keepAudio: settings.keepAudio, signal, onProgress: onFrames, name: path.basename(source) },
    );
    // Read back: no metadata, names, chapters or extra streams, sound only when chosen, every frame written, and
    // every masked box flat in every frame the plan masks.
    const findings = await checkClipLeak(staged, {
      names: settings.forbidden,
      audio: result.audioKept,
      masks,
      frames: result.frames,
      signal,
    });
    if (findings.length > 0) {
      await rm(staged, { force: true });
      return {
        state: 'leak',
        findings: findings.map(({ code, params }) => ({
          code,
          params: Object.fromEntries(
            Object.entries(params).map(([key, value]) => [key, typeof value === 'boolean' ? String(value) : value]),
          ),
        })),
      };
    }
    await moveIntoPlace(staged, settings.outDir, outputName);
    return { state: 'done', sha256: result.sha256, frames: result.frames, audioKept: result.audioKept };
  } catch (error) {
    await rm(staged, { force: true });
    if (signal.aborted) return { state: 'cancelled' };
    throw error;
  }
}
