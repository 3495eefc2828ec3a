// The clip face-scan job (kind 'video-faces'): every clip the active model has not scanned (or every clip), one at a
// time (a clip's scan keeps both cores busy by itself), with progress in frames and cancel. Its counts: `done` is
// frames scanned, `failed` clips that failed, `skipped` clips kept because a person already worked on their
// tracks; `total` is the frames of the clips (from their duration, corrected to the decoded count as each ends).
import path from 'node:path';
import type { SerializedError } from '../../../shared/errors';
import type { Actor } from '../audit';
import type { WritableDb } from '../db';
import { activeFaceModel } from '../faces';
import { describeItemError, type JobHandle, type JobRunner } from '../jobs';
import { reviewedTracks, scanClipFaces } from './videoScan';
import { getVideo } from './videoRepository';
import { allScannableVideos, listVideoTracks, videoFilesOf, videosAwaitingScan } from './videoTrackRepository';

export const VIDEO_FACE_JOB_KIND = 'video-faces';

export interface ClipJobEntry {
  readonly hash: string;
  /** The clip's (first) file name, for the person reading the result. */
  readonly name: string;
  /** scanned; kept: not rescanned, a person already worked on its tracks (force to rescan); failed. */
  readonly state: 'scanned' | 'kept' | 'failed';
  readonly frames: number;
  readonly sampled: number;
  readonly tracks: number;
  readonly error: SerializedError | null;
}

export interface VideoFaceJobResult {
  readonly modelId: string;
  readonly clips: readonly ClipJobEntry[];
  readonly tracks: number;
}

export interface VideoFaceJobOptions {
  /** Every clip, not only those the active model has not scanned. */
  readonly all?: boolean;
  /** Rescan clips whose tracks a person worked on too (their names and marks are dropped; each scan logs it). */
  readonly force?: boolean;
  /** Only these clips. */
  readonly hashes?: readonly string[];
  readonly sampleEvery?: number;
}

/** Seconds shown for a frame, from the clip's frame rate. */
const secondsAt = (frame: number, frameRate: number): string => (frameRate > 0 ? (frame / frameRate).toFixed(1) : '?');

export function startVideoFaceJob(
  core: { readonly db: WritableDb; actor(): Actor; readonly jobs: JobRunner },
  options: VideoFaceJobOptions = {},
): JobHandle<VideoFaceJobResult> {
  return core.jobs.start<VideoFaceJobResult>({
    kind: VIDEO_FACE_JOB_KIND,
    concurrency: 1,
    run: async (ctx) => {
      const modelId = activeFaceModel(core.db).model.id;
      const hashes =
        options.hashes ?? (options.all ? allScannableVideos(core.db) : videosAwaitingScan(core.db, modelId));
      const clips = hashes.flatMap((hash) => {
        const video = getVideo(core.db, hash);
        const file = videoFilesOf(core.db, hash)[0];
        if (!video || !file) return [];
        const estimate = Math.max(1, Math.round(video.durationSeconds * video.frameRate));
        return [{ hash, video, name: path.basename(file.path), estimate }];
      });
      let total = clips.reduce((sum, clip) => sum + clip.estimate, 0);
      ctx.setTotal(total);
      const entries: ClipJobEntry[] = [];
      for (const clip of clips) {
        if (ctx.signal.aborted) break;
        const { hash, video, name, estimate } = clip;
        const entry = (state: ClipJobEntry['state'], rest: Partial<ClipJobEntry> = {}): ClipJobEntry => ({
          hash,
          name,
          state,
          frames: 0,
          sampled: 0,
          tracks: 0,
          error: null,
          ...rest,
        });
        if (!options.force && reviewedTracks(listVideoTracks(core.db, hash)).length > 0) {
          total -= estimate - 1;
          ctx.setTotal(total);
          ctx.recordItem('skipped', name);
          entries.push(entry('kept'));
          continue;
        }
        let counted = 0;
        const countTo = (frames: number): void => {
          for (; counted < frames; counted++) ctx.recordItem('done', name);
        };
        const duration = video.durationSeconds.toFixed(1);
        ctx.setCurrent(`${name} 0.0/${duration} s`);
        try {
          const result = await scanClipFaces(core, hash, {
            force: Boolean(options.force),
            signal: ctx.signal,
            ...(options.sampleEvery !== undefined ? { sampleEvery: options.sampleEvery } : {}),
            onProgress: (frame) => {
              countTo(Math.min(estimate, frame + 1));
              ctx.setCurrent(`${name} ${secondsAt(frame + 1, video.frameRate)}/${duration} s`);
            },
          });
          total += result.frameCount - estimate;
          ctx.setTotal(total);
          countTo(result.frameCount);
          entries.push(
            entry('scanned', { frames: result.frameCount, sampled: result.framesSampled, tracks: result.tracks }),
          );
        } catch (error) {
          if (ctx.signal.aborted) break;
          // The frames it did not reach leave the total; the clip counts once, as failed.
          total -= estimate - counted - 1;
          ctx.setTotal(total);
          const serialized = describeItemError(error);
          ctx.recordItem('failed', name, serialized);
          entries.push(entry('failed', { frames: counted, error: serialized }));
        }
      }
      return { modelId, clips: entries, tracks: entries.reduce((sum, clip) => sum + clip.tracks, 0) };
    },
  });
}
