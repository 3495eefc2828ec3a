// A clip in an event with face tracks for review tests, straight into the database: the clip row (no file behind
// it, unless the test indexed a real one first) and a scan with the given tracks (the scan itself is the video
// scan's work and tested there).
import { createHash } from 'node:crypto';
import type { WritableDb } from '../../electron/core/db';
import { replaceVideoScan } from '../../electron/core/library';
import { insertVideo, upsertVideoFile } from '../../electron/core/library/videoRepository';
import type { Box } from '../../shared/geometry';
import type { VideoTrackObservation } from '../../shared/videoTracks';

export interface SeedClip {
  readonly file: string;
  readonly takenAt: string | null;
  readonly frameRate?: number;
  readonly frameCount?: number;
  /** Each track's observed frames, with a box moving right one hundredth per frame from `x`. */
  readonly tracks: ReadonlyArray<{ readonly x: number; readonly frames: readonly number[] }>;
}

export function observationsOf(x: number, frames: readonly number[]): VideoTrackObservation[] {
  return frames.map((frame) => {
    const box: Box = { x: Math.min(0.85, x + frame * 0.001), y: 0.3, w: 0.1, h: 0.15 };
    return { frame, box, score: 0.9 };
  });
}

/** Adds the clip to the event (a file path under `folder`) with its scan; returns its hash and track ids in order. */
export function seedClip(
  db: WritableDb,
  eventId: number,
  folder: string,
  clip: SeedClip,
  hash = createHash('sha256').update(`clip/${clip.file}`).digest('hex'),
): { videoHash: string; trackIds: number[] } {
  const frameRate = clip.frameRate ?? 25;
  const frameCount = clip.frameCount ?? 100;
  const now = new Date().toISOString();
  insertVideo(
    db,
    {
      hash,
      container: 'mov,mp4',
      videoCodec: 'h264',
      durationSeconds: frameCount / frameRate,
      frameRate,
      width: 640,
      height: 360,
      rotation: 0,
      displayWidth: 640,
      displayHeight: 360,
      takenAt: clip.takenAt,
      cameraMake: 'Apple',
      cameraModel: 'iPhone 13',
      hasGps: false,
      hasAudio: false,
      otherStreams: 0,
      title: null,
      comment: null,
      keywords: [],
      people: [],
      previewFrames: 0,
    },
    now,
  );
  upsertVideoFile(db, { path: `${folder}/${clip.file}`, hash, eventId, size: 1, mtimeMs: 1 }, now);
  const trackIds = replaceVideoScan(
    db,
    {
      videoHash: hash,
      model: 'test',
      sampleEvery: 1,
      frameCount,
      framesSampled: frameCount,
      options: { marginFrames: 8 },
      scannedAt: now,
      scannedBy: 'test',
    },
    clip.tracks.map((track) => observationsOf(track.x, track.frames)),
  );
  return { videoHash: hash, trackIds };
}
