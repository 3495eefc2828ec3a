// Searching the library's photos for faces nobody tagged: one photo (cached by content hash and model), the job
// over every photo the active model has not searched, and what the detector settings screen shows.
import { AppError } from '../../../shared/errors';
import { coveredDetections, overlapsRegion, type FaceDetectorInfo, type PhotoFaces } from '../../../shared/faces';
import type { Box } from '../../../shared/geometry';
import { effectiveRegions, type PhotoRegion } from '../../../shared/people';
import type { Actor } from '../audit';
import { audited } from '../audit';
import type { ReadableDb, WritableDb } from '../db';
import {
  activeFaceModel,
  faceModelStatus,
  modelChoice,
  setYunetModelPath,
  type ActiveModel,
  type Detection,
} from '../faces';
import type { JobHandle, JobRunner } from '../jobs';
import { regionsOfPhoto, replaceDetectorRegions } from '../people';
import type { IndexedPhotoHook } from './indexer';
import { detectInWorker } from './pixels';
import {
  allPhotoHashes,
  countPhotosAwaitingFaces,
  faceSearchOf,
  findPhotoHash,
  markFacesSearched,
  photoFilePaths,
  photosAwaitingFaces,
} from './photoRepository';

export const FACE_JOB_KIND = 'faces';
/** Photos searched at once: two keeps a laptop responsive (sharp and onnxruntime work off the event loop). */
export const FACE_JOB_CONCURRENCY = 2;

interface Searching {
  readonly db: WritableDb;
  actor(): Actor;
}

export interface PhotoDetectionResult {
  readonly photoHash: string;
  readonly modelId: string;
  /** True when this model's result was already stored and nothing ran. */
  readonly cached: boolean;
  /** Faces stored as detector regions. */
  readonly stored: number;
  /** Faces left out because a file or user region already covers them. */
  readonly coveredByRegions: number;
  readonly tiles: number;
}

/**
 * Detects the faces of one indexed photo unless this model already did (`force` re-detects). The photo is opened
 * by its content hash (a file that changed since indexing is not this photo).
 */
export async function detectPhotoFaces(
  core: Pick<Searching, 'db'>,
  photoHash: string,
  options: { readonly force?: boolean; readonly signal?: AbortSignal; readonly env?: NodeJS.ProcessEnv } = {},
): Promise<PhotoDetectionResult> {
  const db = core.db;
  const active = activeFaceModel(db, options.env);
  const search = faceSearchOf(db, photoHash);
  if (!search) throw new AppError('faces.photoNotFound', { photo: photoHash });
  if (!options.force && search.detectedWith === active.model.id) {
    const stored = regionsOfPhoto(db, photoHash).filter((r) => r.source === 'detector' && r.dismissedAt === null);
    return { photoHash, modelId: active.model.id, cached: true, stored: stored.length, coveredByRegions: 0, tiles: 0 };
  }
  let detection: Detection;
  try {
    // Opened by its content hash and searched in the pixel thread: no pixels on the main thread.
    detection = await detectInWorker(photoFilePaths(db, photoHash), photoHash, modelChoice(active), options.signal);
  } catch (error) {
    if (error instanceof AppError && error.code === 'library.photo.fileMissing')
      throw new AppError('faces.fileMissing', { photo: photoHash });
    throw error;
  }
  return storeDetection(db, photoHash, active, detection);
}

/**
 * Stores what the model found on a photo: each face as a detector region, grown to cover the head, unless a
 * region from the file (or one a user drew) already covers it; the photo is marked searched by this model.
 */
function storeDetection(
  db: WritableDb,
  photoHash: string,
  active: ActiveModel,
  detection: Detection,
): PhotoDetectionResult {
  return db.transaction(() => {
    // Read again inside the transaction: a user may have drawn a box meanwhile.
    const given = regionsOfPhoto(db, photoHash).filter(
      (r): r is PhotoRegion & { box: Box } => r.source !== 'detector' && r.box !== null && r.dismissedAt === null,
    );
    const covered = coveredDetections(
      detection.faces,
      given.map((region) => region.box),
    );
    const kept = detection.faces.filter((_, index) => !covered[index]);
    const now = new Date().toISOString();
    const result = replaceDetectorRegions(
      db,
      photoHash,
      active.model.id,
      kept.map((face) => ({
        x: face.x,
        y: face.y,
        w: face.w,
        h: face.h,
        score: face.score,
        raw: { model: active.model.kind, modelBox: face.modelBox },
      })),
      now,
      (a, b) => overlapsRegion(a, b),
    );
    markFacesSearched(db, photoHash, active.model.id, now);
    return {
      photoHash,
      modelId: active.model.id,
      cached: false,
      stored: result.stored,
      coveredByRegions: detection.faces.length - kept.length,
      tiles: detection.tiles,
    };
  })();
}

/** Photos searched and faces stored outside the face job (during indexing), counted into its result and audit. */
export interface FaceSearchTally {
  photos: number;
  faces: number;
}

/**
 * The face search as the index job's hook: a photo the active model has not searched is searched from the pixels
 * the indexer decoded, so it is read and decoded once. What it does is counted in `tally`; once `stopped()` (the
 * user cancelled the face search), the photos still to come are left to review.
 */
export function faceSearchHook(
  core: Pick<Searching, 'db'>,
  tally: FaceSearchTally,
  stopped: () => boolean,
): IndexedPhotoHook {
  return {
    modelFor: (hash) => {
      if (stopped()) return null;
      const active = activeFaceModel(core.db);
      return faceSearchOf(core.db, hash)?.detectedWith !== active.model.id ? active : null;
    },
    photoSearched(hash, active, detection) {
      const result = storeDetection(core.db, hash, active, detection);
      tally.photos += 1;
      tally.faces += result.stored;
    },
  };
}

export interface FaceJobResult {
  readonly modelId: string;
  readonly photos: number;
  readonly faces: number;
}

/**
 * The detection job (kind 'faces'): every photo without a result of the active model (or every photo with
 * `all`), two at a time, with progress and cancel. Resumable: each finished photo is recorded at once.
 */
export function startFaceDetectionJob(
  core: Searching & { readonly jobs: JobRunner },
  options: { readonly all?: boolean; readonly searchedBefore?: Readonly<FaceSearchTally> } = {},
): JobHandle<FaceJobResult> {
  return core.jobs.start<FaceJobResult>({
    kind: FACE_JOB_KIND,
    concurrency: FACE_JOB_CONCURRENCY,
    run: async (ctx) => {
      const active = activeFaceModel(core.db);
      const hashes = options.all ? allPhotoHashes(core.db) : photosAwaitingFaces(core.db, active.model.id);
      ctx.setTotal(hashes.length);
      // Photos the index job already searched (its hook) count as this search's.
      let photos = options.searchedBefore?.photos ?? 0;
      let faces = options.searchedBefore?.faces ?? 0;
      await ctx.forEach(
        hashes,
        async (hash, signal) => {
          const result = await detectPhotoFaces(core, hash, { force: Boolean(options.all), signal });
          if (result.cached) return 'skipped';
          photos++;
          faces += result.stored;
          return 'done';
        },
        { label: (hash) => photoFilePaths(core.db, hash)[0] ?? hash, concurrency: FACE_JOB_CONCURRENCY },
      );
      if (photos > 0) {
        audited(core.db, core.actor(), (log) =>
          log({
            action: 'faces.detect',
            subject: `job:${ctx.jobId}`,
            details: { model: active.model.id, photos, faces, cancelled: ctx.signal.aborted },
          }),
        );
      }
      return { modelId: active.model.id, photos, faces };
    },
  });
}

export function getFaceDetectorInfo(db: ReadableDb, env: NodeJS.ProcessEnv = process.env): FaceDetectorInfo {
  const status = faceModelStatus(db, env);
  return { ...status, pendingPhotos: countPhotosAwaitingFaces(db, status.active.id) };
}

/** Sets (or clears, with null) the YuNet model file; refused unless the file has the known sha256. */
export function setFaceModelPath(core: Searching, modelPath: string | null): FaceDetectorInfo {
  setYunetModelPath(core.db, core.actor(), modelPath);
  return getFaceDetectorInfo(core.db);
}

/** Every region of a photo (file, detector, user; dismissed ones included, marked) and which model searched it. */
export function listPhotoRegions(db: ReadableDb, photoHash: string): PhotoFaces {
  const search = faceSearchOf(db, photoHash);
  if (!search) throw new AppError('faces.photoNotFound', { photo: photoHash });
  return { photoHash, ...search, regions: regionsOfPhoto(db, photoHash) };
}

/** The regions that count for the decision: file + detector + user, minus dismissed and covered detections. */
export function listEffectiveRegions(db: ReadableDb, photoHash: string): PhotoRegion[] {
  return effectiveRegions(listPhotoRegions(db, photoHash).regions);
}

/** A photo by full hash or by the path of one of its indexed files. */
export function resolvePhoto(db: ReadableDb, hashOrPath: string): string {
  const hash = findPhotoHash(db, hashOrPath);
  if (!hash) throw new AppError('faces.photoNotFound', { photo: hashOrPath });
  return hash;
}
