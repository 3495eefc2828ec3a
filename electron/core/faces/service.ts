// Face detection as the app uses it: which model runs, detecting one photo (cached by content hash and
// model id), the detection job over every indexed photo, and the user's corrections (dismiss, draw).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { AppError } from '../../../shared/errors';
import {
  coveredDetections,
  effectiveRegions,
  overlapsRegion,
  type Box,
  type FaceDetectorInfo,
  type PhotoFaces,
  type PhotoRegion,
} from '../../../shared/faces';
import { actorLabel } from '../audit/actor';
import { appendAuditEvent } from '../audit/trail';
import type { CoreContext } from '../context';
import type { Db } from '../db/connection';
import type { JobHandle } from '../jobs/runner';
import { decodeForDetection } from './decode';
import { FaceDetector } from './detector';
import { blazeFace, blazeFaceModelPath, yunet, YUNET_SHA256, type FaceModel } from './models';
import {
  countPhotosAwaitingDetection,
  findPhotoHash,
  getPhotoFaces,
  getModelPathSetting,
  getRegion,
  insertUserRegion,
  markRegionDismissed,
  photoFilePaths,
  photosAwaitingDetection,
  replaceDetectorRegions,
  setModelPathSetting,
} from './repository';

export const FACE_MODEL_ENV = 'FOTOWACHT_FACE_MODEL';
/** Photos detected at once: two keeps a laptop responsive (sharp and onnxruntime work off the event loop). */
export const FACE_JOB_CONCURRENCY = 2;

interface ActiveModel {
  readonly model: FaceModel;
  readonly path: string;
}

const verifiedFiles = new Map<string, { size: number; mtimeMs: number; ok: boolean }>();

/** Whether the file is the YuNet model Fotowacht knows, by sha256 (remembered per path, size and mtime). */
export function isVerifiedYunetFile(path: string): 'ok' | 'missing' | 'hashMismatch' {
  if (!existsSync(path)) return 'missing';
  const stat = statSync(path);
  const known = verifiedFiles.get(path);
  if (known && known.size === stat.size && known.mtimeMs === stat.mtimeMs) return known.ok ? 'ok' : 'hashMismatch';
  const ok = createHash('sha256').update(readFileSync(path)).digest('hex') === YUNET_SHA256;
  verifiedFiles.set(path, { size: stat.size, mtimeMs: stat.mtimeMs, ok });
  return ok ? 'ok' : 'hashMismatch';
}

function configuredYunet(db: Db, env: NodeJS.ProcessEnv): { path: string | null; from: 'env' | 'setting' | null } {
  const fromEnv = env[FACE_MODEL_ENV]?.trim();
  if (fromEnv) return { path: fromEnv, from: 'env' };
  const fromSetting = getModelPathSetting(db);
  return fromSetting ? { path: fromSetting, from: 'setting' } : { path: null, from: null };
}

/** The model new detections use: YuNet when a verified file is configured, else the bundled BlazeFace. */
export function activeFaceModel(db: Db, env: NodeJS.ProcessEnv = process.env): ActiveModel {
  const { path } = configuredYunet(db, env);
  if (path && isVerifiedYunetFile(path) === 'ok') return { model: yunet, path };
  return { model: blazeFace, path: blazeFaceModelPath() };
}

export function getFaceDetectorInfo(db: Db, env: NodeJS.ProcessEnv = process.env): FaceDetectorInfo {
  const configured = configuredYunet(db, env);
  const check = configured.path ? isVerifiedYunetFile(configured.path) : null;
  const active = activeFaceModel(db, env).model;
  return {
    active: { kind: active.kind, id: active.id },
    yunet: {
      installed: check === 'ok',
      path: configured.path,
      from: configured.from,
      problem: check === null || check === 'ok' ? null : check,
    },
    pendingPhotos: countPhotosAwaitingDetection(db, active.id),
  };
}

/** Sets (or clears, with null) the YuNet model file; refused unless the file has the known sha256. */
export function setFaceModelPath(core: CoreContext, modelPath: string | null): FaceDetectorInfo {
  if (modelPath !== null) {
    const check = isVerifiedYunetFile(modelPath);
    if (check === 'missing') throw new AppError('faces.model.missing', { path: modelPath });
    if (check === 'hashMismatch') throw new AppError('faces.model.hashMismatch', { path: modelPath });
  }
  core.db.transaction(() => {
    setModelPathSetting(core.db, modelPath);
    appendAuditEvent(core.db, core.actor(), {
      action: 'faces.model.set',
      subject: 'settings',
      details: { model: modelPath === null ? blazeFace.id : yunet.id, path: modelPath },
    });
  })();
  return getFaceDetectorInfo(core.db);
}

const detectors = new Map<string, Promise<FaceDetector>>();

/** One loaded session per model per process; onnxruntime sessions take concurrent runs. */
function forgetDetector(active: ActiveModel): void {
  const key = `${active.model.id}|${active.path}`;
  const detector = detectors.get(key);
  detectors.delete(key);
  void detector?.then((d) => d.release()).catch(() => undefined);
}

function detectorFor(active: ActiveModel): Promise<FaceDetector> {
  const key = `${active.model.id}|${active.path}`;
  let detector = detectors.get(key);
  if (!detector) {
    detector = FaceDetector.load(active.model, active.path);
    detectors.set(key, detector);
    detector.catch(() => detectors.delete(key));
  }
  return detector;
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
 * Detects the faces of one indexed photo unless this model already did (`force` re-detects). Each face is
 * stored as a detector region, grown to cover the head, unless a region from the file (or one a user drew)
 * already covers it. Call this after indexing a photo, or let the detection job do it.
 */
export async function detectPhotoFaces(
  core: Pick<CoreContext, 'db'>,
  photoHash: string,
  options: { readonly force?: boolean; readonly signal?: AbortSignal; readonly env?: NodeJS.ProcessEnv } = {},
): Promise<PhotoDetectionResult> {
  const db = core.db;
  const active = activeFaceModel(db, options.env);
  const before = getPhotoFaces(db, photoHash);
  if (!before) throw new AppError('faces.photoNotFound', { photo: photoHash });
  if (!options.force && before.detectedWith === active.model.id) {
    const stored = before.regions.filter((r) => r.source === 'detector' && r.dismissedAt === null).length;
    return { photoHash, modelId: active.model.id, cached: true, stored, coveredByRegions: 0, tiles: 0 };
  }
  const path = photoFilePaths(db, photoHash).find((p) => existsSync(p));
  if (!path) throw new AppError('faces.fileMissing', { photo: photoHash });
  const detector = await detectorFor(active);
  const image = await decodeForDetection(path, { scaleFor: (w, h) => detector.decodeScale(w, h) });
  const detection = await detector.detect(image, options.signal ? { signal: options.signal } : {}).catch((error) => {
    // A crashed inference worker is not reused: the next photo loads the model afresh.
    if (error instanceof AppError && error.code === 'faces.inferenceFailed') forgetDetector(active);
    throw error;
  });
  options.signal?.throwIfAborted();

  return db.transaction(() => {
    // Read again inside the transaction: a user may have drawn a box meanwhile.
    const given = (getPhotoFaces(db, photoHash)?.regions ?? []).filter(
      (r): r is PhotoRegion & { box: Box } => r.source !== 'detector' && r.box !== null && r.dismissedAt === null,
    );
    const covered = coveredDetections(
      detection.faces,
      given.map((region) => region.box),
    );
    const kept = detection.faces.filter((_, index) => !covered[index]);
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
      new Date().toISOString(),
      (a, b) => overlapsRegion(a, b),
    );
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
  core: CoreContext,
  options: { readonly all?: boolean } = {},
): JobHandle<FaceJobResult> {
  return core.jobs.start<FaceJobResult>({
    kind: 'faces',
    concurrency: FACE_JOB_CONCURRENCY,
    run: async (ctx) => {
      const active = activeFaceModel(core.db);
      const hashes = options.all
        ? (core.db.prepare('SELECT hash FROM photos ORDER BY indexed_at, hash').all() as Array<{ hash: string }>).map(
            (r) => r.hash,
          )
        : photosAwaitingDetection(core.db, active.model.id);
      ctx.setTotal(hashes.length);
      let photos = 0;
      let faces = 0;
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
        appendAuditEvent(core.db, core.actor(), {
          action: 'faces.detect',
          subject: `job:${ctx.jobId}`,
          details: { model: active.model.id, photos, faces, cancelled: ctx.signal.aborted },
        });
      }
      return { modelId: active.model.id, photos, faces };
    },
  });
}


/**
 * "Not a person": marks a detected (or drawn) face as dismissed. Never deletes; the dismissal survives
 * re-detection and is in the audit trail. Regions from the file are tags, not detections: not dismissed here.
 */
export function dismissFaceRegion(core: CoreContext, regionId: number, reason = 'notAPerson'): PhotoRegion {
  return core.db.transaction(() => {
    const region = getRegion(core.db, regionId);
    if (!region) throw new AppError('faces.regionNotFound', { region: regionId });
    if (region.source === 'file') throw new AppError('faces.cannotDismissFileRegion', { region: regionId });
    if (region.dismissedAt !== null) return region;
    markRegionDismissed(core.db, regionId, new Date().toISOString(), actorLabel(core.actor()));
    appendAuditEvent(core.db, core.actor(), {
      action: 'faces.dismiss',
      subject: `photo:${region.photoHash}`,
      details: {
        region: regionId,
        source: region.source,
        reason,
        box: region.box ? { ...region.box } : null,
        score: region.score,
      },
    });
    return getRegion(core.db, regionId)!;
  })();
}

/** Smallest drawn face side, normalised: below this the box is a slip of the mouse. */
const MIN_DRAWN = 0.002;

/** Adds a face a user drew (a missed face): a region with source 'user', in the audit trail. */
export function addDrawnFace(core: CoreContext, photoHash: string, box: Box): PhotoRegion {
  const clamped = {
    x: Math.max(0, box.x),
    y: Math.max(0, box.y),
    w: Math.min(1, box.x + box.w) - Math.max(0, box.x),
    h: Math.min(1, box.y + box.h) - Math.max(0, box.y),
  };
  if (!(clamped.w >= MIN_DRAWN && clamped.h >= MIN_DRAWN)) throw new AppError('faces.boxTooSmall', {});
  return core.db.transaction(() => {
    if (!getPhotoFaces(core.db, photoHash)) throw new AppError('faces.photoNotFound', { photo: photoHash });
    const id = insertUserRegion(core.db, photoHash, clamped, new Date().toISOString(), actorLabel(core.actor()));
    appendAuditEvent(core.db, core.actor(), {
      action: 'faces.draw',
      subject: `photo:${photoHash}`,
      details: { region: id, box: clamped },
    });
    return getRegion(core.db, id)!;
  })();
}

/** Every region of a photo (file, detector, user; dismissed ones included, marked). */
export function listPhotoRegions(db: Db, photoHash: string): PhotoFaces {
  const faces = getPhotoFaces(db, photoHash);
  if (!faces) throw new AppError('faces.photoNotFound', { photo: photoHash });
  return faces;
}

/** The regions that count for the decision: file + detector + user, minus dismissed. */
export function listEffectiveRegions(db: Db, photoHash: string): PhotoRegion[] {
  return effectiveRegions(listPhotoRegions(db, photoHash).regions);
}

/** A photo by full hash or by the path of one of its indexed files. */
export function resolvePhoto(db: Db, hashOrPath: string): string {
  const hash = findPhotoHash(db, hashOrPath);
  if (!hash) throw new AppError('faces.photoNotFound', { photo: hashOrPath });
  return hash;
}
