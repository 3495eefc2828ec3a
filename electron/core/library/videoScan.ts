// Faces in clips (issue 15): a clip's frames searched by the app's face detector (every n-th frame, in the scan
// thread), the detections linked into tracks by position, size and motion (video/tracks.ts — never by what a face
// looks like), stored with the scan's settings so that every frame's boxes can be computed again exactly. A rescan
// never silently drops what a person did with the tracks (named, marked, split, drawn): it is refused unless forced,
// and a forced one logs what it dropped.
import { statSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { VideoTrack, VideoTrackObservation } from '../../../shared/videoTracks';
import type { Actor } from '../audit';
import { audited } from '../audit';
import type { WritableDb } from '../db';
import { activeFaceModel, modelChoice } from '../faces';
import { buildTracks, DEFAULT_TRACK_OPTIONS, type TrackOptions } from '../video';
import { scanFramesInThread } from './videoFrames';
import { getVideo } from './videoRepository';
import { listVideoTracks, replaceVideoScan, videoFilesOf } from './videoTrackRepository';

/**
 * Share of its size every box of a clip's track is grown by on each side. The detector's box on a face half behind
 * another drifts onto the part still seen (measured on the benchmark's clip: up to 0.47 of the box on one side).
 */
const PAD = 0.35;

/**
 * How clips are searched. Every sampleEvery-th frame goes through the detector and the tracks cover the frames
 * between (interpolated and padded) — chosen from the figures in the README ("Faces in video").
 */
export const VIDEO_SCAN_SETTINGS = {
  sampleEvery: 3,
  /** Frames are searched at most this large (longer side): a 4K clip's faces are found at 1080p as well. */
  maxSide: 1920,
  /** Smallest face looked for: this share of the frame's longer side (20 px in a 1080p frame)… */
  minFaceShare: 1 / 96,
  /** …but never below this many pixels (a small clip's frames are not blown up beyond what the detector needs). */
  minFacePx: 10,
  /**
   * Every full scale step of the detector down to the whole frame. Without it, a 1080p frame is searched at 0.7
   * (faces up to 86 px) and as a whole at 0.13, where a face of 86–110 px is 11–15 model pixels: found, but with a
   * box up to half a face beside it (measured on the benchmark's clip: 110 of its 226 uncovered face-frames). The
   * step between (one tile more) finds such faces at 18–22 model pixels.
   */
  everyScaleStep: true,
} as const;

/**
 * The tracker's options for clips: its defaults (video/tracks.ts) with every box grown by PAD of its size on each
 * side and a margin of 15 frames before a track's first and after its last detection. A track that begins or ends
 * near the picture's edge has margins that reach the edge and last EDGE_HOLD_SECONDS (a face partly outside is not
 * found, however long it stays there); a track whose next detection lies more than half a face's size from where
 * its motion was going also gets an end's and a start's margins there (jumpShare). Measured on clips with moving real
 * faces (README, "Faces in video").
 */
export const VIDEO_TRACK_OPTIONS: Omit<TrackOptions, 'frameCount'> = {
  ...DEFAULT_TRACK_OPTIONS,
  detectionPad: PAD,
  interpolationPad: PAD,
  marginFrames: 15,
  marginToEdge: 1,
  jumpShare: 0.5,
};

/** How long a track that begins or ends at the picture's edge keeps a box reaching that edge (edgeHoldFrames). */
export const EDGE_HOLD_SECONDS = 3;

/** The tracker's options for one clip: VIDEO_TRACK_OPTIONS with the edge hold in the clip's frames. */
export function clipTrackOptions(frameRate: number, frameCount: number): TrackOptions {
  const hold = Number.isFinite(frameRate) && frameRate > 0 ? Math.round(EDGE_HOLD_SECONDS * frameRate) : 0;
  return {
    ...VIDEO_TRACK_OPTIONS,
    edgeHoldFrames: Math.max(VIDEO_TRACK_OPTIONS.marginFrames, hold),
    frameCount,
  };
}

/**
 * The rules of video/tracks.ts these scans were made with (raise it when they change what trackBoxes gives).
 * 2: edgeHoldFrames and jumpShare (scans of version 1 have neither option and keep their boxes exactly).
 */
export const TRACKER_VERSION = 2;

export interface ClipScanResult {
  readonly hash: string;
  /** The file that was read (the first indexed path that is still the indexed clip). */
  readonly file: string;
  readonly modelId: string;
  readonly sampleEvery: number;
  readonly frameCount: number;
  readonly framesSampled: number;
  readonly detections: number;
  readonly tracks: number;
  /** Tracks a person had named, marked, split or drawn that this (forced) scan replaced. */
  readonly droppedReviewed: number;
}

export interface ClipScanOptions {
  /** Rescan even when a person already named or marked the clip's tracks (that work is dropped, and logged). */
  readonly force?: boolean;
  readonly signal?: AbortSignal;
  /** Every how many frames the detector runs (default VIDEO_SCAN_SETTINGS.sampleEvery). */
  readonly sampleEvery?: number;
  /** The frame reached (all frames up to it are covered) and how many frames were searched. */
  readonly onProgress?: (frame: number, sampled: number) => void;
  readonly env?: NodeJS.ProcessEnv;
}

interface Scanning {
  readonly db: WritableDb;
  actor(): Actor;
}

/** Tracks a person worked on: named, marked guest or dismissed, split off, or drawn. */
export function reviewedTracks(tracks: readonly VideoTrack[]): VideoTrack[] {
  return tracks.filter((track) => track.state !== 'open' || track.source === 'user' || track.splitFrom !== null);
}

/** The first indexed file of the clip that still has the size and time it had when indexed. */
function clipFile(db: WritableDb, hash: string): string {
  const files = videoFilesOf(db, hash);
  if (files.length === 0) throw new AppError('video.scan.notFound', { clip: hash.slice(0, 12) });
  for (const file of files) {
    try {
      const stat = statSync(file.path);
      if (stat.isFile() && stat.size === file.size && Math.trunc(stat.mtimeMs) === Math.trunc(file.mtimeMs)) {
        return file.path;
      }
    } catch {
      // gone: try the next
    }
  }
  throw new AppError('video.scan.fileChanged', { file: path.basename(files[0]!.path) });
}

/** A clip's name for messages: the file name only (a folder may name a pupil; the file name is shown anyway). */
const nameOf = (file: string): string => path.basename(file);

/**
 * Searches a clip's frames for faces and stores its tracks, replacing the previous scan. Refused with
 * video.scan.reviewed when a person already worked on its tracks, unless `force`.
 */
export async function scanClipFaces(
  core: Scanning,
  hash: string,
  options: ClipScanOptions = {},
): Promise<ClipScanResult> {
  const db = core.db;
  const video = getVideo(db, hash);
  if (!video) throw new AppError('video.scan.notFound', { clip: hash.slice(0, 12) });
  const file = clipFile(db, hash);
  const refuse = (count: number) => new AppError('video.scan.reviewed', { file: nameOf(file), tracks: count });
  const reviewedBefore = reviewedTracks(listVideoTracks(db, hash)).length;
  if (!options.force && reviewedBefore > 0) throw refuse(reviewedBefore);
  const active = activeFaceModel(db, options.env);
  const sampleEvery = Math.max(1, Math.floor(options.sampleEvery ?? VIDEO_SCAN_SETTINGS.sampleEvery));
  const scan = await scanFramesInThread(
    {
      file,
      name: nameOf(file),
      display: { width: video.displayWidth, height: video.displayHeight },
      frameRate: video.frameRate,
      sampleEvery,
      maxSide: VIDEO_SCAN_SETTINGS.maxSide,
      minFaceShare: VIDEO_SCAN_SETTINGS.minFaceShare,
      minFacePx: VIDEO_SCAN_SETTINGS.minFacePx,
      everyScaleStep: VIDEO_SCAN_SETTINGS.everyScaleStep,
      model: modelChoice(active),
    },
    (frame, sampled) => options.onProgress?.(frame, sampled),
    options.signal,
  );
  options.signal?.throwIfAborted();

  const trackOptions = clipTrackOptions(video.frameRate, scan.frameCount);
  // The tracker keeps each detection's box object: its score is found again through it.
  const scores = new Map<object, number>();
  const frames = scan.sampled.map((sampled) => ({
    frame: sampled.frame,
    boxes: sampled.faces.map((face) => {
      const box = { x: face.x, y: face.y, w: face.w, h: face.h };
      scores.set(box, face.score);
      return box;
    }),
  }));
  const tracks = buildTracks(frames, trackOptions).map((track) =>
    track.observations.map((observation): VideoTrackObservation => ({
      frame: observation.frame,
      box: observation.box,
      score: scores.get(observation.box) ?? null,
    })),
  );
  const detections = frames.reduce((sum, frame) => sum + frame.boxes.length, 0);

  return audited(db, core.actor(), (log) => {
    // Read again inside the transaction: a person may have named a track while the frames were searched.
    const reviewed = reviewedTracks(listVideoTracks(db, hash));
    if (reviewed.length > 0 && !options.force) throw refuse(reviewed.length);
    const scannedAt = new Date().toISOString();
    replaceVideoScan(
      db,
      {
        videoHash: hash,
        model: active.model.id,
        sampleEvery,
        frameCount: scan.frameCount,
        framesSampled: scan.sampled.length,
        // The tracker's version beside its options: boxes computed again later must use the same rules.
        options: { ...trackOptions, trackerVersion: TRACKER_VERSION },
        scannedAt,
        scannedBy: core.actor().os,
      },
      tracks,
    );
    const dropped = {
      linked: reviewed.filter((track) => track.state === 'linked').length,
      guest: reviewed.filter((track) => track.state === 'guest').length,
      dismissed: reviewed.filter((track) => track.state === 'dismissed').length,
      split: reviewed.filter((track) => track.splitFrom !== null).length,
      drawn: reviewed.filter((track) => track.source === 'user').length,
    };
    // Pseudonymous: the clip by its content hash, never a file name (a name may be in it).
    log({
      action: 'video.faces.scan',
      subject: `video:${hash}`,
      details: {
        model: active.model.id,
        sampleEvery,
        frames: scan.frameCount,
        sampled: scan.sampled.length,
        detections,
        tracks: tracks.length,
        ...(reviewed.length > 0 ? { forced: true, dropped } : {}),
      },
    });
    return {
      hash,
      file,
      modelId: active.model.id,
      sampleEvery,
      frameCount: scan.frameCount,
      framesSampled: scan.sampled.length,
      detections,
      tracks: tracks.length,
      droppedReviewed: reviewed.length,
    };
  });
}
