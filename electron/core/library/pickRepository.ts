// SQL of picks (the photos of an event marked for publication) and of each event's opt-in to XMP sidecars.
import type { ReadableDb, WritableDb } from '../db';

/** The event's photos among `hashes` (a file of the photo lies in the event), in the order given, once each. */
export function photosInEvent(db: ReadableDb, eventId: number, hashes: readonly string[]): string[] {
  const inEvent = db.prepare('SELECT 1 FROM photo_files WHERE event_id = ? AND photo_hash = ? LIMIT 1');
  return [...new Set(hashes)].filter((hash) => inEvent.get(eventId, hash) !== undefined);
}

/** Picks these photos in the event; the number newly picked (already picked ones keep their time). */
export function insertPicks(db: WritableDb, eventId: number, hashes: readonly string[], now: string): number {
  const insert = db.prepare('INSERT OR IGNORE INTO picks (event_id, photo_hash, picked_at) VALUES (?, ?, ?)');
  let added = 0;
  for (const hash of hashes) added += insert.run(eventId, hash, now).changes;
  return added;
}

/** Unpicks these photos in the event; the number that were picked. */
export function deletePicks(db: WritableDb, eventId: number, hashes: readonly string[]): number {
  const remove = db.prepare('DELETE FROM picks WHERE event_id = ? AND photo_hash = ?');
  let removed = 0;
  for (const hash of hashes) removed += remove.run(eventId, hash).changes;
  return removed;
}

// A pick counts while the photo still has a file in the event (a photo moved elsewhere keeps its pick row, which
// counts again when it comes back).
const LIVE = 'EXISTS (SELECT 1 FROM photo_files f WHERE f.event_id = p.event_id AND f.photo_hash = p.photo_hash)';

/** The picked photos (content hashes) of an event, in the order they were picked. */
export function pickedHashes(db: ReadableDb, eventId: number): string[] {
  return db
    .prepare(`SELECT p.photo_hash FROM picks p WHERE p.event_id = ? AND ${LIVE} ORDER BY p.picked_at, p.rowid`)
    .pluck()
    .all(eventId) as string[];
}

export function countPicks(db: ReadableDb, eventId: number): number {
  return db.prepare(`SELECT count(*) FROM picks p WHERE p.event_id = ? AND ${LIVE}`).pluck().get(eventId) as number;
}

export function sidecarsEnabled(db: ReadableDb, eventId: number): boolean {
  return db.prepare('SELECT write_sidecars FROM events WHERE id = ?').pluck().get(eventId) === 1;
}

export function setSidecarsEnabled(db: WritableDb, eventId: number, enabled: boolean): boolean {
  return (
    db
      .prepare('UPDATE events SET write_sidecars = ? WHERE id = ? AND write_sidecars <> ?')
      .run(enabled ? 1 : 0, eventId, enabled ? 1 : 0).changes > 0
  );
}

export interface EventFile {
  readonly path: string;
  readonly hash: string;
}

/** The files of an event's photos (absolute paths), by path. */
export function eventFiles(db: ReadableDb, eventId: number): EventFile[] {
  return db
    .prepare('SELECT path, photo_hash AS hash FROM photo_files WHERE event_id = ? ORDER BY path')
    .all(eventId) as EventFile[];
}
