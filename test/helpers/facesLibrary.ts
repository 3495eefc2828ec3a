// Puts photos into a test database the way the library indexer will (photos + photo_files rows), so the
// faces domain can be tested without the indexer.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { Box } from '../../shared/faces';
import type { WritableDb as Db } from '../../electron/core/db/connection';

export async function addIndexedPhoto(db: Db, file: string): Promise<string> {
  const absolute = path.resolve(file);
  const hash = createHash('sha256').update(readFileSync(absolute)).digest('hex');
  // A broken file is indexed too (with unknown size), as the indexer records files it cannot read fully.
  const meta = await sharp(absolute)
    .metadata()
    .catch(() => ({ orientation: 1, width: 1, height: 1, format: 'jpeg' }));
  const orientation = meta.orientation ?? 1;
  const swapped = orientation >= 5;
  const now = new Date().toISOString();
  db.prepare('INSERT OR IGNORE INTO library_roots (id, path, added_at) VALUES (1, ?, ?)').run(
    path.dirname(absolute),
    now,
  );
  db.prepare('INSERT OR IGNORE INTO events (root_id, name, folder_path, created_at) VALUES (1, ?, ?, ?)').run(
    path.basename(path.dirname(absolute)),
    path.dirname(absolute),
    now,
  );
  const eventId = (
    db.prepare('SELECT id FROM events WHERE folder_path = ?').get(path.dirname(absolute)) as { id: number }
  ).id;
  db.prepare(
    `INSERT OR IGNORE INTO photos (hash, format, width, height, orientation, display_width, display_height, indexed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    hash,
    meta.format ?? 'unknown',
    meta.width ?? 1,
    meta.height ?? 1,
    orientation,
    swapped ? (meta.height ?? 1) : (meta.width ?? 1),
    swapped ? (meta.width ?? 1) : (meta.height ?? 1),
    now,
  );
  db.prepare(
    'INSERT INTO photo_files (path, photo_hash, event_id, size, mtime_ms, indexed_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(absolute, hash, eventId, readFileSync(absolute).length, 0, now);
  return hash;
}

/** A people region as a file gives it (e.g. an MWG region read by the indexer). */
export function addFileRegion(db: Db, photoHash: string, box: Box, name: string): number {
  return Number(
    db
      .prepare(
        `INSERT INTO regions (photo_hash, source, namespace, kind, x, y, w, h, name, created_at)
         VALUES (?, 'file', 'mwg-rs', 'face', ?, ?, ?, ?, ?, ?)`,
      )
      .run(photoHash, box.x, box.y, box.w, box.h, name, new Date().toISOString()).lastInsertRowid,
  );
}
