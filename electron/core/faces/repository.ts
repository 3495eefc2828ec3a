// SQL of the faces domain: photos awaiting detection, detected/drawn/dismissed regions, the model-path setting.
import type { Box, PhotoFaces, PhotoRegion } from '../../../shared/faces';
import type { Db } from '../db/connection';

interface RegionRow {
  id: number;
  photo_hash: string;
  source: PhotoRegion['source'];
  namespace: string;
  kind: PhotoRegion['kind'];
  x: number | null;
  y: number | null;
  w: number | null;
  h: number | null;
  name: string;
  score: number | null;
  created_at: string;
  created_by: string | null;
  dismissed_at: string | null;
  dismissed_by: string | null;
}

export const DETECTOR_NAMESPACE = 'fotowacht-detector';
export const USER_NAMESPACE = 'fotowacht-user';
const MODEL_PATH_SETTING = 'faces.yunetModelPath';

function toRegion(row: RegionRow): PhotoRegion {
  return {
    id: row.id,
    photoHash: row.photo_hash,
    source: row.source,
    namespace: row.namespace,
    kind: row.kind,
    box:
      row.x === null || row.y === null || row.w === null || row.h === null
        ? null
        : { x: row.x, y: row.y, w: row.w, h: row.h },
    name: row.name,
    score: row.score,
    createdAt: row.created_at,
    createdBy: row.created_by,
    dismissedAt: row.dismissed_at,
    dismissedBy: row.dismissed_by,
  };
}

export function getPhotoFaces(db: Db, photoHash: string): PhotoFaces | null {
  const photo = db
    .prepare('SELECT hash, faces_detected_with, faces_detected_at FROM photos WHERE hash = ?')
    .get(photoHash) as
    { hash: string; faces_detected_with: string | null; faces_detected_at: string | null } | undefined;
  if (!photo) return null;
  const rows = db.prepare('SELECT * FROM regions WHERE photo_hash = ? ORDER BY id').all(photoHash) as RegionRow[];
  return {
    photoHash,
    detectedWith: photo.faces_detected_with,
    detectedAt: photo.faces_detected_at,
    regions: rows.map(toRegion),
  };
}

export function getRegion(db: Db, regionId: number): PhotoRegion | null {
  const row = db.prepare('SELECT * FROM regions WHERE id = ?').get(regionId) as RegionRow | undefined;
  return row ? toRegion(row) : null;
}

/** A photo's hash from a full hash, or from the path of one of its indexed files. */
export function findPhotoHash(db: Db, hashOrPath: string): string | null {
  const byHash = db.prepare('SELECT hash FROM photos WHERE hash = ?').get(hashOrPath.toLowerCase()) as
    { hash: string } | undefined;
  if (byHash) return byHash.hash;
  const byPath = db.prepare('SELECT photo_hash FROM photo_files WHERE path = ?').get(hashOrPath) as
    { photo_hash: string } | undefined;
  return byPath?.photo_hash ?? null;
}

/** Indexed files of a photo, for decoding (any copy will do: same content). */
export function photoFilePaths(db: Db, photoHash: string): string[] {
  return (
    db.prepare('SELECT path FROM photo_files WHERE photo_hash = ? ORDER BY id').all(photoHash) as Array<{
      path: string;
    }>
  ).map((r) => r.path);
}

/** Photos without a result of this model (never detected, or detected with another model). */
export function photosAwaitingDetection(db: Db, modelId: string): string[] {
  return (
    db
      .prepare(
        `SELECT hash FROM photos
          WHERE (faces_detected_with IS NULL OR faces_detected_with <> ?)
            AND EXISTS (SELECT 1 FROM photo_files f WHERE f.photo_hash = photos.hash)
          ORDER BY indexed_at, hash`,
      )
      .all(modelId) as Array<{ hash: string }>
  ).map((r) => r.hash);
}

export function countPhotosAwaitingDetection(db: Db, modelId: string): number {
  return (
    db
      .prepare(
        `SELECT count(*) AS n FROM photos
          WHERE (faces_detected_with IS NULL OR faces_detected_with <> ?)
            AND EXISTS (SELECT 1 FROM photo_files f WHERE f.photo_hash = photos.hash)`,
      )
      .get(modelId) as { n: number }
  ).n;
}

export interface NewDetectorRegion extends Box {
  readonly score: number;
  readonly raw: Readonly<Record<string, unknown>>;
}

/**
 * Replaces a photo's detector regions with a new result and records the model. A detector region a user
 * dismissed stays (dismissed) so the dismissal is kept; a new box on the same spot is stored dismissed too.
 */
export function replaceDetectorRegions(
  db: Db,
  photoHash: string,
  modelId: string,
  regions: readonly NewDetectorRegion[],
  now: string,
  sameFace: (a: Box, b: Box) => boolean,
): { stored: number; keptDismissed: number } {
  const dismissed = (getPhotoFaces(db, photoHash)?.regions ?? []).filter(
    (r) => r.source === 'detector' && r.dismissedAt !== null && r.box !== null,
  );
  db.prepare("DELETE FROM regions WHERE photo_hash = ? AND source = 'detector' AND dismissed_at IS NULL").run(
    photoHash,
  );
  const insert = db.prepare(
    `INSERT INTO regions (photo_hash, source, namespace, kind, x, y, w, h, raw, score, created_at, created_by)
     VALUES (?, 'detector', ?, 'face', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let stored = 0;
  for (const region of regions) {
    if (dismissed.some((d) => sameFace(d.box!, region))) continue;
    insert.run(
      photoHash,
      DETECTOR_NAMESPACE,
      region.x,
      region.y,
      region.w,
      region.h,
      JSON.stringify(region.raw),
      region.score,
      now,
      modelId,
    );
    stored++;
  }
  db.prepare('UPDATE photos SET faces_detected_with = ?, faces_detected_at = ? WHERE hash = ?').run(
    modelId,
    now,
    photoHash,
  );
  return { stored, keptDismissed: dismissed.length };
}

export function markRegionDismissed(db: Db, regionId: number, at: string, by: string): void {
  db.prepare('UPDATE regions SET dismissed_at = ?, dismissed_by = ? WHERE id = ?').run(at, by, regionId);
}

export function insertUserRegion(db: Db, photoHash: string, box: Box, at: string, by: string): number {
  return Number(
    db
      .prepare(
        `INSERT INTO regions (photo_hash, source, namespace, kind, x, y, w, h, created_at, created_by)
         VALUES (?, 'user', ?, 'face', ?, ?, ?, ?, ?, ?)`,
      )
      .run(photoHash, USER_NAMESPACE, box.x, box.y, box.w, box.h, at, by).lastInsertRowid,
  );
}

export function getModelPathSetting(db: Db): string | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(MODEL_PATH_SETTING) as
    { value: string } | undefined;
  if (!row) return null;
  const value: unknown = JSON.parse(row.value);
  return typeof value === 'string' && value.length > 0 ? value : null;
}

export function setModelPathSetting(db: Db, modelPath: string | null): void {
  if (modelPath === null) db.prepare('DELETE FROM settings WHERE key = ?').run(MODEL_PATH_SETTING);
  else
    db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(MODEL_PATH_SETTING, JSON.stringify(modelPath));
}
