// SQL of the library's photos: what each photo is (size, date, camera, keywords), which face detector searched it,
// and which photos a decision or an export takes. The files, events and roots are in repository.ts.
import path from 'node:path';
import type { PhotoInfo, PhotoReviewReason } from '../../../shared/library';
import type { ReadableDb, WritableDb } from '../db';
import type { PhotoMetadata } from './metadata';

export function photoExists(db: ReadableDb, hash: string): boolean {
  return db.prepare('SELECT 1 FROM photos WHERE hash = ?').get(hash) !== undefined;
}

export interface NewPhoto {
  readonly hash: string;
  readonly format: string;
  readonly metadata: PhotoMetadata;
}

/** A photo, unless it is already known (then its regions and history stay): true when it was added. */
export function insertPhoto(db: WritableDb, photo: NewPhoto, now: string): boolean {
  const m = photo.metadata;
  const inserted = db
    .prepare(
      `INSERT OR IGNORE INTO photos (hash, format, width, height, orientation, display_width, display_height, taken_at,
         camera_make, camera_model, camera_serial, artist, copyright, has_gps, keywords, review_reasons, indexed_at)
       VALUES (@hash, @format, @width, @height, @orientation, @displayWidth, @displayHeight, @takenAt,
         @cameraMake, @cameraModel, @cameraSerial, @artist, @copyright, @hasGps, @keywords, @reviewReasons, @now)`,
    )
    .run({
      hash: photo.hash,
      format: photo.format,
      width: m.width,
      height: m.height,
      orientation: m.orientation,
      displayWidth: m.displayWidth,
      displayHeight: m.displayHeight,
      takenAt: m.takenAt,
      cameraMake: m.cameraMake,
      cameraModel: m.cameraModel,
      cameraSerial: m.cameraSerial,
      artist: m.artist,
      copyright: m.copyright,
      hasGps: m.hasGps ? 1 : 0,
      keywords: JSON.stringify(m.keywords),
      reviewReasons: JSON.stringify(m.reviewReasons),
      now,
    });
  return inserted.changes > 0;
}

interface PhotoRow {
  hash: string;
  format: string;
  width: number;
  height: number;
  orientation: number;
  displayWidth: number;
  displayHeight: number;
  takenAt: string | null;
  cameraMake: string | null;
  cameraModel: string | null;
  cameraSerial: string | null;
  artist: string | null;
  copyright: string | null;
  hasGps: number;
  keywords: string;
}

const PHOTO_COLUMNS = `p.hash, p.format, p.width, p.height, p.orientation, p.display_width AS displayWidth,
  p.display_height AS displayHeight, p.taken_at AS takenAt, p.camera_make AS cameraMake, p.camera_model AS cameraModel,
  p.camera_serial AS cameraSerial,
  p.artist, p.copyright, p.has_gps AS hasGps, p.keywords`;

function toPhoto(db: ReadableDb, row: PhotoRow): PhotoInfo {
  const paths = (
    db.prepare('SELECT path FROM photo_files WHERE photo_hash = ? ORDER BY path').all(row.hash) as Array<{
      path: string;
    }>
  ).map((file) => file.path);
  return {
    ...row,
    hasGps: row.hasGps === 1,
    keywords: JSON.parse(row.keywords) as string[],
    paths,
  };
}

export function getPhotoInfo(db: ReadableDb, hash: string): PhotoInfo | null {
  const row = db.prepare(`SELECT ${PHOTO_COLUMNS} FROM photos p WHERE p.hash = ?`).get(hash) as PhotoRow | undefined;
  return row ? toPhoto(db, row) : null;
}

/** The photos of an event, ordered by date taken then file name, one page at a time. */
export function eventPhotoPage(
  db: ReadableDb,
  eventId: number,
  offset: number,
  limit: number,
): { readonly total: number; readonly photos: PhotoInfo[] } {
  const total = (
    db.prepare('SELECT count(DISTINCT photo_hash) AS n FROM photo_files WHERE event_id = ?').get(eventId) as {
      n: number;
    }
  ).n;
  const rows = db
    .prepare(
      `SELECT ${PHOTO_COLUMNS} FROM photos p
       JOIN (SELECT photo_hash, min(path) AS path FROM photo_files WHERE event_id = @eventId GROUP BY photo_hash) f
         ON f.photo_hash = p.hash
       ORDER BY p.taken_at IS NULL, p.taken_at, f.path LIMIT @limit OFFSET @offset`,
    )
    .all({ eventId, limit, offset }) as PhotoRow[];
  return { total, photos: rows.map((row) => toPhoto(db, row)) };
}

/** A file path of a photo that is still on disk as far as the library knows (for decoding it again). */
export function photoFilePaths(db: ReadableDb, hash: string): string[] {
  return (
    db.prepare('SELECT path FROM photo_files WHERE photo_hash = ? ORDER BY path').all(hash) as Array<{ path: string }>
  ).map((row) => row.path);
}

// ---------------------------------------------------------------- face search: which detector searched a photo

export interface FaceSearch {
  /** Model id@version that last searched this photo for faces, or null when none did. */
  readonly detectedWith: string | null;
  readonly detectedAt: string | null;
}

export function faceSearchOf(db: ReadableDb, hash: string): FaceSearch | null {
  return (
    (db
      .prepare('SELECT faces_detected_with AS detectedWith, faces_detected_at AS detectedAt FROM photos WHERE hash = ?')
      .get(hash) as FaceSearch | undefined) ?? null
  );
}

export function markFacesSearched(db: WritableDb, hash: string, modelId: string, at: string): void {
  db.prepare('UPDATE photos SET faces_detected_with = ?, faces_detected_at = ? WHERE hash = ?').run(modelId, at, hash);
}

/** Photos with a file on record and no result of this model (never searched, or searched with another model). */
export function photosAwaitingFaces(db: ReadableDb, modelId: string): string[] {
  return db
    .prepare(
      `SELECT hash FROM photos
        WHERE (faces_detected_with IS NULL OR faces_detected_with <> ?)
          AND EXISTS (SELECT 1 FROM photo_files f WHERE f.photo_hash = photos.hash)
        ORDER BY indexed_at, hash`,
    )
    .pluck()
    .all(modelId) as string[];
}

export function countPhotosAwaitingFaces(db: ReadableDb, modelId: string): number {
  return db
    .prepare(
      `SELECT count(*) FROM photos
        WHERE (faces_detected_with IS NULL OR faces_detected_with <> ?)
          AND EXISTS (SELECT 1 FROM photo_files f WHERE f.photo_hash = photos.hash)`,
    )
    .pluck()
    .get(modelId) as number;
}

export function allPhotoHashes(db: ReadableDb): string[] {
  return db.prepare('SELECT hash FROM photos ORDER BY indexed_at, hash').pluck().all() as string[];
}

/** A photo's hash from a full hash, or from the path of one of its indexed files. */
export function findPhotoHash(db: ReadableDb, hashOrPath: string): string | null {
  const byHash = db.prepare('SELECT hash FROM photos WHERE hash = ?').pluck().get(hashOrPath.toLowerCase()) as
    string | undefined;
  if (byHash) return byHash;
  return (db.prepare('SELECT photo_hash FROM photo_files WHERE path = ?').pluck().get(hashOrPath) as string) ?? null;
}

// ---------------------------------------------------------------- photos chosen for a decision or an export

export interface ChosenPhoto {
  readonly hash: string;
  /** The first of its files (by path): its name for the person exporting. */
  readonly path: string;
  readonly eventId: number;
  /** Whether a face detector has searched it (else untagged faces may be missing). */
  readonly facesChecked: boolean;
  /** Why indexing put it on "needs review" (unreadable metadata, stale regions); empty for most photos. */
  readonly reviewReasons: readonly PhotoReviewReason[];
}

const CHOSEN = `SELECT pf.photo_hash AS hash, min(pf.path) AS path, min(pf.event_id) AS eventId,
                       p.faces_detected_with IS NOT NULL AS facesChecked, p.review_reasons AS reviewReasons
                FROM photo_files pf JOIN photos p ON p.hash = pf.photo_hash`;

type ChosenRow = Omit<ChosenPhoto, 'facesChecked' | 'reviewReasons'> & { facesChecked: unknown; reviewReasons: string };

function toChosen(row: ChosenRow): ChosenPhoto {
  return {
    ...row,
    facesChecked: Boolean(row.facesChecked),
    reviewReasons: JSON.parse(row.reviewReasons) as PhotoReviewReason[],
  };
}

/** An event's photos (those with a file on record), ordered by path. */
export function chosenPhotosOfEvent(db: ReadableDb, eventId: number): ChosenPhoto[] {
  return (
    db.prepare(`${CHOSEN} WHERE pf.event_id = ? GROUP BY pf.photo_hash ORDER BY path`).all(eventId) as ChosenRow[]
  ).map(toChosen);
}

/** The given photos that have a file on record, ordered by path. */
export function chosenPhotos(db: ReadableDb, hashes: readonly string[]): ChosenPhoto[] {
  const rows: ChosenPhoto[] = [];
  for (let start = 0; start < hashes.length; start += 500) {
    const chunk = hashes.slice(start, start + 500);
    rows.push(
      ...(
        db
          .prepare(`${CHOSEN} WHERE pf.photo_hash IN (${chunk.map(() => '?').join(',')}) GROUP BY pf.photo_hash`)
          .all(...chunk) as ChosenRow[]
      ).map(toChosen),
    );
  }
  return rows.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Photos with a file inside `folder` that indexing put on review, each once under its first path, with why. */
export function reviewsInside(
  db: ReadableDb,
  folder: string,
): Array<{ readonly path: string; readonly reasons: readonly PhotoReviewReason[] }> {
  const prefix = folder.endsWith(path.sep) ? folder : folder + path.sep;
  const prefixEnd = prefix.slice(0, -1) + String.fromCharCode(path.sep.charCodeAt(0) + 1);
  const rows = db
    .prepare(
      `SELECT min(pf.path) AS path, p.review_reasons AS reasons FROM photo_files pf JOIN photos p ON p.hash = pf.photo_hash
       WHERE p.review_reasons <> '[]' AND pf.path >= @prefix AND pf.path < @prefixEnd
       GROUP BY p.hash ORDER BY path`,
    )
    .all({ prefix, prefixEnd }) as Array<{ path: string; reasons: string }>;
  return rows.map((row) => ({ path: row.path, reasons: JSON.parse(row.reasons) as PhotoReviewReason[] }));
}

/** Erasure: removes the keywords `remove` picks (a person's name tags) from every photo; returns how many went. */
export function removePhotoKeywords(db: WritableDb, remove: (keyword: string) => boolean): number {
  const rows = db.prepare("SELECT hash, keywords FROM photos WHERE keywords <> '[]'").all() as Array<{
    hash: string;
    keywords: string;
  }>;
  const update = db.prepare('UPDATE photos SET keywords = ? WHERE hash = ?');
  let removed = 0;
  for (const row of rows) {
    const keywords = JSON.parse(row.keywords) as string[];
    const kept = keywords.filter((keyword) => !remove(keyword));
    if (kept.length === keywords.length) continue;
    removed += keywords.length - kept.length;
    update.run(JSON.stringify(kept), row.hash);
  }
  return removed;
}
