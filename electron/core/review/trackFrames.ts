// The stills the review crops a track's faces from: the clip's frame at each crop of a track, grabbed with the
// bundled ffmpeg (one frame per run, at the frame's time, turned as a player shows it) and cached in the media folder
// sealed like every thumbnail and preview ('previews/<clip hash>-f<frame>.jpg'). A job: a clip's tracks may need a
// few dozen frames, and the review shows the crops as they come.
import { access, mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { CoreContext } from '../context';
import { listEventVideos, listVideoTracks } from '../library';
import { mediaFile, trackFrameName } from '../media';
import { grabFrame } from '../video';
import { cropFramesOf } from './clips';
import { requireEvent } from './roster';

export const TRACK_FRAMES_JOB_KIND = 'review.trackFrames';

export interface TrackFramesSummary {
  readonly clips: number;
  readonly frames: number;
  readonly written: number;
}

interface Wanted {
  readonly videoHash: string;
  readonly files: readonly string[];
  readonly frameRate: number;
  readonly frame: number;
  readonly target: string;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** The stills the event's tracks need that are not cached yet. */
async function missingFrames(core: CoreContext, eventId: number): Promise<{ clips: number; missing: Wanted[] }> {
  const clips = listEventVideos(core.db, eventId);
  const wanted: Wanted[] = [];
  for (const video of clips) {
    const frames = new Set(listVideoTracks(core.db, video.hash).flatMap(cropFramesOf));
    for (const frame of [...frames].sort((a, b) => a - b)) {
      const target = mediaFile(core.paths, 'previews', trackFrameName(video.hash, frame), 'jpg');
      wanted.push({ videoHash: video.hash, files: video.paths, frameRate: video.frameRate, frame, target });
    }
  }
  const cached = await Promise.all(wanted.map((entry) => exists(entry.target)));
  return { clips: clips.length, missing: wanted.filter((_, index) => !cached[index]) };
}

async function writeSealed(core: CoreContext, file: string, data: Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temporary, core.media.seal(data), { mode: 0o600 });
  await rename(temporary, file);
}

/** The first of the clip's files that is still there (a clip may sit in several folders). */
async function clipFile(files: readonly string[]): Promise<string | null> {
  for (const file of files) if (await exists(file)) return file;
  return null;
}

/**
 * Grabs and caches the stills the event's tracks need; answers at once with null when every one is cached.
 * A still that cannot be grabbed (the file moved away, a frame that does not decode) fails for itself only.
 */
export async function startTrackFramesJob(
  core: CoreContext,
  eventId: number,
): Promise<{ readonly jobId: string; readonly finished: Promise<unknown> } | null> {
  requireEvent(core.db, eventId);
  const { clips, missing } = await missingFrames(core, eventId);
  if (missing.length === 0) return null;
  return core.jobs.start<TrackFramesSummary>({
    kind: TRACK_FRAMES_JOB_KIND,
    concurrency: 1,
    run: async (ctx) => {
      ctx.setTotal(missing.length);
      let written = 0;
      await ctx.forEach(
        missing,
        async (entry, signal) => {
          const file = await clipFile(entry.files);
          if (file === null) return 'skipped';
          const name = path.basename(file);
          // Frame n starts at n / fps: a point a quarter frame earlier lands on it, not on the next one.
          const seconds = Math.max(0, (entry.frame - 0.25) / (entry.frameRate > 0 ? entry.frameRate : 25));
          const png = await grabFrame(file, seconds, name, signal);
          if (!png) return 'skipped';
          await writeSealed(core, entry.target, await sharp(png).jpeg({ quality: 82 }).toBuffer());
          written += 1;
          return 'done';
        },
        { label: (entry) => `${entry.videoHash.slice(0, 12)}@${entry.frame}` },
      );
      return { clips, frames: missing.length, written };
    },
  });
}
