// SQL of the photo library: roots, events, the files of photos and index errors (the photos themselves are in
// photoRepository.ts; the regions on photos belong to the people domain).
import path from 'node:path';
import type { ReadableDb, WritableDb } from '../db';
import type { IndexError, LibraryRoot } from '../../../shared/library';

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
export function findRootFor(db: ReadableDb, folder: string): RootRow | null {
  const roots = db.prepare('SELECT id, path FROM library_roots').all() as RootRow[];
  return (
    roots.find(
      (root) =>
        root.path === folder || folder.startsWith(root.path.endsWith(path.sep) ? root.path : root.path + path.sep),
    ) ?? null
  );
}

/** Adds a root; roots that lie inside it are folded into it (their events move over). */
export function insertRoot(db: WritableDb, folder: string, now: string): RootRow {
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

export function getRoot(db: ReadableDb, id: number): RootRow | null {
  return (db.prepare('SELECT id, path FROM library_roots WHERE id = ?').get(id) as RootRow | undefined) ?? null;
}

export function ensureEvent(db: WritableDb, rootId: number, folder: string, now: string): number {
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

export function knownFiles(db: ReadableDb, folder: string): Map<string, KnownFile> {
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

export function knownErrors(db: ReadableDb, folder: string): Map<string, KnownError> {
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

export function upsertPhotoFile(
  db: WritableDb,
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
  db: WritableDb,
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
  // A clip whose file at this path now fails is no longer there either (issue 15).
  db.prepare('DELETE FROM video_files WHERE path = ?').run(error.path);
}

/** Forgets files (and their errors) that are no longer on disk; photos and their regions stay for history. */
export function removeFiles(db: WritableDb, paths: Iterable<string>): number {
  const deleteFile = db.prepare('DELETE FROM photo_files WHERE path = ?');
  const deleteError = db.prepare('DELETE FROM index_errors WHERE path = ?');
  let removed = 0;
  for (const file of paths) {
    removed += deleteFile.run(file).changes;
    deleteError.run(file);
  }
  return removed;
}

/** Events of this root that no longer hold a photo, a video or an error. */
export function pruneEmptyEvents(db: WritableDb, rootId: number): void {
  db.prepare(
    `DELETE FROM events WHERE root_id = ?
       AND NOT EXISTS (SELECT 1 FROM photo_files f WHERE f.event_id = events.id)
       AND NOT EXISTS (SELECT 1 FROM video_files v WHERE v.event_id = events.id)
       AND NOT EXISTS (SELECT 1 FROM index_errors e WHERE e.event_id = events.id)`,
  ).run(rootId);
}

export interface FolderCounts {
  readonly photos: number;
  readonly events: number;
}

/** Photos and events of everything indexed inside a folder. */
export function countsInside(db: ReadableDb, folder: string): FolderCounts {
  return db
    .prepare(
      `SELECT count(DISTINCT photo_hash) AS photos, count(DISTINCT event_id) AS events
       FROM photo_files WHERE ${insideClause('path')}`,
    )
    .get(insideParams(folder)) as FolderCounts;
}

/** The photos (content hashes) with a file inside a folder. */
export function photoHashesInside(db: ReadableDb, folder: string): string[] {
  return db
    .prepare(`SELECT DISTINCT photo_hash FROM photo_files WHERE ${insideClause('path')} ORDER BY photo_hash`)
    .pluck()
    .all(insideParams(folder)) as string[];
}

export function errorsInside(db: ReadableDb, folder: string): IndexError[] {
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
export function listIndexErrors(db: ReadableDb, eventId?: number): IndexError[] {
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

export function listRoots(db: ReadableDb): LibraryRoot[] {
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

export interface EventRow {
  readonly id: number;
  readonly rootId: number;
  readonly name: string;
  readonly folderPath: string;
  readonly photos: number;
  /** Distinct clips with a file in the event. */
  readonly clips: number;
  readonly errors: number;
  /** Picked photos that still have a file in the event. */
  readonly picks: number;
  readonly writeSidecars: boolean;
}

export function listEvents(db: ReadableDb, rootId?: number): EventRow[] {
  const rows = db
    .prepare(
      `SELECT e.id, e.root_id AS rootId, e.name, e.folder_path AS folderPath,
         (SELECT count(DISTINCT f.photo_hash) FROM photo_files f WHERE f.event_id = e.id) AS photos,
         (SELECT count(DISTINCT v.video_hash) FROM video_files v WHERE v.event_id = e.id) AS clips,
         (SELECT count(*) FROM index_errors x WHERE x.event_id = e.id) AS errors,
         (SELECT count(*) FROM picks p WHERE p.event_id = e.id AND EXISTS
            (SELECT 1 FROM photo_files f WHERE f.event_id = p.event_id AND f.photo_hash = p.photo_hash)) AS picks,
         e.write_sidecars AS writeSidecars
       FROM events e WHERE (@rootId IS NULL OR e.root_id = @rootId) ORDER BY e.folder_path`,
    )
    .all({ rootId: rootId ?? null }) as Array<Omit<EventRow, 'writeSidecars'> & { writeSidecars: number }>;
  return rows.map((row) => ({ ...row, writeSidecars: row.writeSidecars === 1 }));
}

/** Every event's id, in folder order. */
export function eventIds(db: ReadableDb): number[] {
  return db.prepare('SELECT id FROM events ORDER BY folder_path').pluck().all() as number[];
}

/** The photos (content hashes) of an event. */
export function photoHashesOfEvent(db: ReadableDb, eventId: number): string[] {
  return db
    .prepare('SELECT DISTINCT photo_hash FROM photo_files WHERE event_id = ? ORDER BY photo_hash')
    .pluck()
    .all(eventId) as string[];
}

/** The events a photo has a file in. */
export function eventIdsOfPhoto(db: ReadableDb, photoHash: string): number[] {
  return db
    .prepare('SELECT DISTINCT event_id FROM photo_files WHERE photo_hash = ? ORDER BY event_id')
    .pluck()
    .all(photoHash) as number[];
}

export function eventExists(db: ReadableDb, eventId: number): boolean {
  return db.prepare('SELECT 1 FROM events WHERE id = ?').get(eventId) !== undefined;
}

/** An event by id, or by its name or folder path (for the CLI). */
export function findEvent(
  db: ReadableDb,
  key: string | number,
): { id: number; name: string; folderPath: string } | null {
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
