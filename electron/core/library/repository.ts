// SQL of the photo library: roots, events, photos, their files, file regions and index errors.
import path from 'node:path';
import type { Db } from '../db/connection';
import type {
  Box,
  FileRegion,
  IndexError,
  LibraryEvent,
  LibraryRoot,
  Photo,
  PhotoPage,
  Region,
  RegionKind,
  RegionSource,
} from '../../../shared/library';
import type { PhotoMetadata } from './metadata';

/** Rows whose path lies inside `folder` (the folder itself excluded): a prefix test that uses the index. */
function insideClause(column: string): string {
  return `(${column} >= @prefix AND ${column} < @prefixEnd)`;
}
function insideParams(folder: string): { prefix: string; prefixEnd: string } {
  const prefix = folder.endsWith(path.sep) ? folder : folder + path.sep;
  return { prefix, prefixEnd: prefix.slice(0, -1) + String.fromCharCode(path.sep.charCodeAt(0) + 1) };
}

export interface RootRow {
  readonly id: number;
  readonly path: string;
}

/** The root holding `folder` (itself or a parent), if any. */
export function findRootFor(db: Db, folder: string): RootRow | null {
  const roots = db.prepare('SELECT id, path FROM library_roots').all() as RootRow[];
  return (
    roots.find(
      (root) =>
        root.path === folder || folder.startsWith(root.path.endsWith(path.sep) ? root.path : root.path + path.sep),
    ) ?? null
  );
}

/** Adds a root; roots that lie inside it are folded into it (their events move over). */
export function insertRoot(db: Db, folder: string, now: string): RootRow {
  const id = Number(
    db.prepare('INSERT INTO library_roots (path, added_at) VALUES (?, ?)').run(folder, now).lastInsertRowid,
  );
  const inner = db
    .prepare(`SELECT id FROM library_roots WHERE ${insideClause('path')}`)
    .all(insideParams(folder)) as Array<{ id: number }>;
  for (const { id: innerId } of inner) {
    db.prepare('UPDATE events SET root_id = ? WHERE root_id = ?').run(id, innerId);
    db.prepare('DELETE FROM library_roots WHERE id = ?').run(innerId);
  }
  return { id, path: folder };
}

export function getRoot(db: Db, id: number): RootRow | null {
  return (db.prepare('SELECT id, path FROM library_roots WHERE id = ?').get(id) as RootRow | undefined) ?? null;
}

export function ensureEvent(db: Db, rootId: number, folder: string, now: string): number {
  const existing = db.prepare('SELECT id FROM events WHERE folder_path = ?').get(folder) as { id: number } | undefined;
  if (existing) return existing.id;
  return Number(
    db
      .prepare('INSERT INTO events (root_id, name, folder_path, created_at) VALUES (?, ?, ?, ?)')
      .run(rootId, path.basename(folder) || folder, folder, now).lastInsertRowid,
  );
}

export interface KnownFile {
  readonly size: number;
  readonly mtimeMs: number;
  readonly hash: string;
}

export function knownFiles(db: Db, folder: string): Map<string, KnownFile> {
  const rows = db
    .prepare(
      `SELECT path, size, mtime_ms AS mtimeMs, photo_hash AS hash FROM photo_files WHERE ${insideClause('path')}`,
    )
    .all(insideParams(folder)) as Array<KnownFile & { path: string }>;
  return new Map(rows.map((row) => [row.path, row]));
}

export interface KnownError {
  readonly size: number | null;
  readonly mtimeMs: number | null;
  readonly code: string;
  readonly params: Record<string, string | number | boolean | null>;
}

export function knownErrors(db: Db, folder: string): Map<string, KnownError> {
  const rows = db
    .prepare(`SELECT path, size, mtime_ms AS mtimeMs, code, params FROM index_errors WHERE ${insideClause('path')}`)
    .all(insideParams(folder)) as Array<{
    path: string;
    size: number | null;
    mtimeMs: number | null;
    code: string;
    params: string;
  }>;
  return new Map(rows.map((row) => [row.path, { ...row, params: JSON.parse(row.params) as KnownError['params'] }]));
}

export function photoExists(db: Db, hash: string): boolean {
  return db.prepare('SELECT 1 FROM photos WHERE hash = ?').get(hash) !== undefined;
}

export interface NewPhoto {
  readonly hash: string;
  readonly format: string;
  readonly metadata: PhotoMetadata;
}

/** A photo and its regions from the file, unless the photo is already known (its regions and history stay). */
export function insertPhoto(db: Db, photo: NewPhoto, now: string): boolean {
  const m = photo.metadata;
  const inserted = db
    .prepare(
      `INSERT OR IGNORE INTO photos (hash, format, width, height, orientation, display_width, display_height, taken_at,
         camera_make, camera_model, artist, copyright, has_gps, keywords, indexed_at)
       VALUES (@hash, @format, @width, @height, @orientation, @displayWidth, @displayHeight, @takenAt,
         @cameraMake, @cameraModel, @artist, @copyright, @hasGps, @keywords, @now)`,
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
      artist: m.artist,
      copyright: m.copyright,
      hasGps: m.hasGps ? 1 : 0,
      keywords: JSON.stringify(m.keywords),
      now,
    });
  if (inserted.changes === 0) return false;
  insertFileRegions(db, photo.hash, m.regions, now);
  return true;
}

export function insertFileRegions(db: Db, hash: string, regions: readonly FileRegion[], now: string): void {
  const insert = db.prepare(
    `INSERT INTO regions (photo_hash, source, namespace, kind, x, y, w, h, name, raw, created_at)
     VALUES (@hash, 'file', @namespace, @kind, @x, @y, @w, @h, @name, @raw, @now)`,
  );
  for (const region of regions) {
    insert.run({
      hash,
      namespace: region.namespace,
      kind: region.kind,
      x: region.box?.x ?? null,
      y: region.box?.y ?? null,
      w: region.box?.w ?? null,
      h: region.box?.h ?? null,
      name: region.name,
      raw: JSON.stringify(region.raw),
      now,
    });
  }
}

export function upsertPhotoFile(
  db: Db,
  file: { path: string; hash: string; eventId: number; size: number; mtimeMs: number },
  now: string,
): void {
  db.prepare(
    `INSERT INTO photo_files (path, photo_hash, event_id, size, mtime_ms, indexed_at)
     VALUES (@path, @hash, @eventId, @size, @mtimeMs, @now)
     ON CONFLICT (path) DO UPDATE SET photo_hash = excluded.photo_hash, event_id = excluded.event_id,
       size = excluded.size, mtime_ms = excluded.mtime_ms, indexed_at = excluded.indexed_at`,
  ).run({ ...file, now });
  db.prepare('DELETE FROM index_errors WHERE path = ?').run(file.path);
}

export function recordIndexError(
  db: Db,
  error: {
    path: string;
    eventId: number | null;
    code: string;
    params: object;
    size: number | null;
    mtimeMs: number | null;
  },
  now: string,
): void {
  db.prepare(
    `INSERT INTO index_errors (path, event_id, code, params, size, mtime_ms, at)
     VALUES (@path, @eventId, @code, @params, @size, @mtimeMs, @now)
     ON CONFLICT (path) DO UPDATE SET event_id = excluded.event_id, code = excluded.code, params = excluded.params,
       size = excluded.size, mtime_ms = excluded.mtime_ms, at = excluded.at`,
  ).run({ ...error, params: JSON.stringify(error.params), now });
  db.prepare('DELETE FROM photo_files WHERE path = ?').run(error.path);
}

/** Forgets files (and their errors) that are no longer on disk; photos and their regions stay for history. */
export function removeFiles(db: Db, paths: Iterable<string>): number {
  const deleteFile = db.prepare('DELETE FROM photo_files WHERE path = ?');
  const deleteError = db.prepare('DELETE FROM index_errors WHERE path = ?');
  let removed = 0;
  for (const file of paths) {
    removed += deleteFile.run(file).changes;
    deleteError.run(file);
  }
  return removed;
}

/** Events of this root that no longer hold a photo or an error. */
export function pruneEmptyEvents(db: Db, rootId: number): void {
  db.prepare(
    `DELETE FROM events WHERE root_id = ?
       AND NOT EXISTS (SELECT 1 FROM photo_files f WHERE f.event_id = events.id)
       AND NOT EXISTS (SELECT 1 FROM index_errors e WHERE e.event_id = events.id)`,
  ).run(rootId);
}

export interface FolderCounts {
  readonly photos: number;
  readonly events: number;
  readonly regions: number;
  readonly names: number;
}

/** Photos, events, boxed regions and distinct names of everything indexed inside a folder. */
export function countsInside(db: Db, folder: string): FolderCounts {
  const params = { ...insideParams(folder) };
  const row = db
    .prepare(
      `WITH hashes AS (SELECT DISTINCT photo_hash FROM photo_files WHERE ${insideClause('path')})
       SELECT
         (SELECT count(*) FROM hashes) AS photos,
         (SELECT count(DISTINCT event_id) FROM photo_files WHERE ${insideClause('path')}) AS events,
         (SELECT count(*) FROM regions r JOIN hashes h ON h.photo_hash = r.photo_hash
            WHERE r.x IS NOT NULL AND r.dismissed_at IS NULL) AS regions,
         (SELECT count(DISTINCT lower(r.name)) FROM regions r JOIN hashes h ON h.photo_hash = r.photo_hash
            WHERE r.name <> '' AND r.dismissed_at IS NULL) AS names`,
    )
    .get(params) as FolderCounts;
  return row;
}

export function errorsInside(db: Db, folder: string): IndexError[] {
  const rows = db
    .prepare(`SELECT path, code, params FROM index_errors WHERE ${insideClause('path')} ORDER BY path`)
    .all(insideParams(folder)) as Array<{ path: string; code: string; params: string }>;
  return rows.map((row) => ({
    path: row.path,
    code: row.code,
    params: JSON.parse(row.params) as IndexError['params'],
  }));
}

/** Index errors of one event, or of every event; absolute paths. */
export function listIndexErrors(db: Db, eventId?: number): IndexError[] {
  const rows = db
    .prepare(
      `SELECT path, code, params FROM index_errors WHERE (@eventId IS NULL OR event_id = @eventId) ORDER BY path`,
    )
    .all({ eventId: eventId ?? null }) as Array<{ path: string; code: string; params: string }>;
  return rows.map((row) => ({
    path: row.path,
    code: row.code,
    params: JSON.parse(row.params) as IndexError['params'],
  }));
}

export function listRoots(db: Db): LibraryRoot[] {
  return db
    .prepare(
      `SELECT r.id, r.path, r.added_at AS addedAt,
         (SELECT count(*) FROM events e WHERE e.root_id = r.id) AS events,
         (SELECT count(DISTINCT f.photo_hash) FROM photo_files f JOIN events e ON e.id = f.event_id WHERE e.root_id = r.id) AS photos,
         (SELECT count(*) FROM index_errors x JOIN events e ON e.id = x.event_id WHERE e.root_id = r.id) AS errors
       FROM library_roots r ORDER BY r.path`,
    )
    .all() as LibraryRoot[];
}

export function listEvents(db: Db, rootId?: number): LibraryEvent[] {
  return db
    .prepare(
      `SELECT e.id, e.root_id AS rootId, e.name, e.folder_path AS folderPath,
         (SELECT count(DISTINCT f.photo_hash) FROM photo_files f WHERE f.event_id = e.id) AS photos,
         (SELECT count(*) FROM regions r WHERE r.x IS NOT NULL AND r.dismissed_at IS NULL
            AND r.photo_hash IN (SELECT photo_hash FROM photo_files f WHERE f.event_id = e.id)) AS regions,
         (SELECT count(DISTINCT lower(r.name)) FROM regions r WHERE r.name <> '' AND r.dismissed_at IS NULL
            AND r.photo_hash IN (SELECT photo_hash FROM photo_files f WHERE f.event_id = e.id)) AS names,
         (SELECT count(*) FROM index_errors x WHERE x.event_id = e.id) AS errors
       FROM events e WHERE (@rootId IS NULL OR e.root_id = @rootId) ORDER BY e.folder_path`,
    )
    .all({ rootId: rootId ?? null }) as LibraryEvent[];
}

/** An event by id, or by its name or folder path (for the CLI). */
export function findEvent(db: Db, key: string | number): { id: number; name: string; folderPath: string } | null {
  const row =
    typeof key === 'number'
      ? db.prepare('SELECT id, name, folder_path AS folderPath FROM events WHERE id = ?').get(key)
      : db
          .prepare(
            'SELECT id, name, folder_path AS folderPath FROM events WHERE folder_path = ? OR name = ? ORDER BY id LIMIT 1',
          )
          .get(path.resolve(key), key);
  return (row as { id: number; name: string; folderPath: string } | undefined) ?? null;
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
  artist: string | null;
  copyright: string | null;
  hasGps: number;
  keywords: string;
}

const PHOTO_COLUMNS = `p.hash, p.format, p.width, p.height, p.orientation, p.display_width AS displayWidth,
  p.display_height AS displayHeight, p.taken_at AS takenAt, p.camera_make AS cameraMake, p.camera_model AS cameraModel,
  p.artist, p.copyright, p.has_gps AS hasGps, p.keywords`;

interface RegionRow {
  id: number;
  photoHash: string;
  source: RegionSource;
  namespace: string;
  kind: RegionKind;
  x: number | null;
  y: number | null;
  w: number | null;
  h: number | null;
  name: string;
  score: number | null;
  personId: number | null;
}

function toRegion(row: RegionRow): Region {
  const box: Box | null = row.x === null ? null : { x: row.x, y: row.y!, w: row.w!, h: row.h! };
  return {
    id: row.id,
    photoHash: row.photoHash,
    source: row.source,
    namespace: row.namespace,
    kind: row.kind,
    box,
    name: row.name,
    score: row.score,
    personId: row.personId,
  };
}

/** The regions of a photo that are not dismissed: boxes first, then names without a box. */
export function regionsOfPhoto(db: Db, hash: string): Region[] {
  return (
    db
      .prepare(
        `SELECT id, photo_hash AS photoHash, source, namespace, kind, x, y, w, h, name, score, person_id AS personId
         FROM regions WHERE photo_hash = ? AND dismissed_at IS NULL ORDER BY (x IS NULL), id`,
      )
      .all(hash) as RegionRow[]
  ).map(toRegion);
}

function toPhoto(db: Db, row: PhotoRow): Photo {
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
    regions: regionsOfPhoto(db, row.hash),
  };
}

export function getPhoto(db: Db, hash: string): Photo | null {
  const row = db.prepare(`SELECT ${PHOTO_COLUMNS} FROM photos p WHERE p.hash = ?`).get(hash) as PhotoRow | undefined;
  return row ? toPhoto(db, row) : null;
}

/** The photos of an event, ordered by date taken then file name, one page at a time. */
export function listEventPhotos(db: Db, eventId: number, offset: number, limit: number): PhotoPage {
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
export function photoFilePaths(db: Db, hash: string): string[] {
  return (
    db.prepare('SELECT path FROM photo_files WHERE photo_hash = ? ORDER BY path').all(hash) as Array<{ path: string }>
  ).map((row) => row.path);
}
