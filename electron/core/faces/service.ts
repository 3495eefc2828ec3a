// Face detection as the app uses it: which model runs (YuNet when a verified file is configured, else the bundled
// BlazeFace), one loaded detector per model per process, and detecting the faces of one opened photo. Boxes only.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { AppError } from '../../../shared/errors';
import type { FaceDetectorInfo } from '../../../shared/faces';
import type { Actor } from '../audit';
import { audited } from '../audit';
import type { ReadableDb, WritableDb } from '../db';
import { deleteSetting, readSetting, writeSetting } from '../settings';
import { decodeForDetection, type OpenedPhoto } from './decode';
import { FaceDetector, type Detection } from './detector';
import { blazeFace, blazeFaceModelPath, yunet, YUNET_SHA256, type FaceModel } from './models';

export const FACE_MODEL_ENV = 'FOTOWACHT_FACE_MODEL';
const MODEL_PATH_SETTING = 'faces.yunetModelPath';

export interface ActiveModel {
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

function configuredYunet(
  db: ReadableDb,
  env: NodeJS.ProcessEnv,
): { path: string | null; from: 'env' | 'setting' | null } {
  const fromEnv = env[FACE_MODEL_ENV]?.trim();
  if (fromEnv) return { path: fromEnv, from: 'env' };
  const fromSetting = readSetting(db, MODEL_PATH_SETTING);
  return typeof fromSetting === 'string' && fromSetting.length > 0
    ? { path: fromSetting, from: 'setting' }
    : { path: null, from: null };
}

/** The model new detections use: YuNet when a verified file is configured, else the bundled BlazeFace. */
export function activeFaceModel(db: ReadableDb, env: NodeJS.ProcessEnv = process.env): ActiveModel {
  const { path } = configuredYunet(db, env);
  if (path && isVerifiedYunetFile(path) === 'ok') return { model: yunet, path };
  return { model: blazeFace, path: blazeFaceModelPath() };
}

/** An active model as it crosses to a worker thread: the model's id and its file (already verified). */
export interface ModelChoice {
  readonly id: string;
  readonly path: string;
}

export const modelChoice = (active: ActiveModel): ModelChoice => ({ id: active.model.id, path: active.path });

/** The active model a choice names (in a worker thread, which has no settings of its own). */
export function chosenModel(choice: ModelChoice): ActiveModel {
  const model = [blazeFace, yunet].find((candidate) => candidate.id === choice.id);
  if (!model) throw new AppError('faces.inferenceFailed', { detail: `unknown model ${choice.id}` });
  return { model, path: choice.path };
}

/** Which model is active and how the optional YuNet file stands; the library adds how many photos await it. */
export function faceModelStatus(
  db: ReadableDb,
  env: NodeJS.ProcessEnv = process.env,
): Omit<FaceDetectorInfo, 'pendingPhotos'> {
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
  };
}

/** Sets (or clears, with null) the YuNet model file; refused unless the file has the known sha256. */
export function setYunetModelPath(db: WritableDb, actor: Actor, modelPath: string | null): void {
  if (modelPath !== null) {
    const check = isVerifiedYunetFile(modelPath);
    if (check === 'missing') throw new AppError('faces.model.missing', { path: modelPath });
    if (check === 'hashMismatch') throw new AppError('faces.model.hashMismatch', { path: modelPath });
  }
  audited(db, actor, (log) => {
    if (modelPath === null) deleteSetting(db, MODEL_PATH_SETTING);
    else writeSetting(db, MODEL_PATH_SETTING, modelPath);
    log({
      action: 'faces.model.set',
      subject: 'settings',
      details: { model: modelPath === null ? blazeFace.id : yunet.id, path: modelPath },
    });
  });
}

const detectors = new Map<string, Promise<FaceDetector>>();

/** One loaded session per model per process; onnxruntime sessions take concurrent runs. */
function forgetDetector(active: ActiveModel): void {
  const key = `${active.model.id}|${active.path}`;
  const detector = detectors.get(key);
  detectors.delete(key);
  void detector?.then((d) => d.release()).catch(() => undefined);
}

/**
 * Unloads every model and stops its inference threads (when the core closes): onnxruntime torn down by a
 * process exit while its threads still run can abort the process after its work was done.
 */
export async function releaseFaceDetectors(): Promise<void> {
  const loaded = [...detectors.values()];
  detectors.clear();
  await Promise.all(loaded.map((detector) => detector.then((d) => d.release()).catch(() => undefined)));
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

/**
 * The faces on one photo its owner opened: decoded at the scale the model's finest pass needs, searched over
 * scales and tiles. Boxes are normalised, display orientation, grown to cover the head. `minFacePx` (the photo's
 * pixels) overrides the smallest face looked for — a video frame's is set by the clip scan.
 */
export async function detectFaces(
  active: ActiveModel,
  photo: OpenedPhoto,
  label: string,
  options: { readonly signal?: AbortSignal; readonly minFacePx?: number; readonly everyStep?: boolean } = {},
): Promise<Detection> {
  const detector = await detectorFor(active);
  const image = await decodeForDetection(photo, label, { scaleFor: (w, h) => detector.decodeScale(w, h) });
  const detectOptions = {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.minFacePx !== undefined ? { minFacePx: options.minFacePx } : {}),
    ...(options.everyStep ? { everyStep: true } : {}),
  };
  const detection = await detector.detect(image, detectOptions).catch((error) => {
    // A crashed inference worker is not reused: the next photo loads the model afresh.
    if (error instanceof AppError && error.code === 'faces.inferenceFailed') forgetDetector(active);
    throw error;
  });
  options.signal?.throwIfAborted();
  return detection;
}
