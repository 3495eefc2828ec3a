// Migration 005, picks and the sidecar opt-in, over a version-4 file with rows in every table: a new picks table
// (strict, one pick per event and photo, gone with its event) and one column on events, off for every event.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../electron/core/db';
import { migratedOneStep, namesOf, schemaDiff, schemaObjects, tableRows } from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();
const photo = 'a'.repeat(64);

function migratedFromVersion4() {
  return migratedOneStep(path.join(tempDir(), 'f.sqlite'), 4);
}

describe('migration 005 over a version-4 database', () => {
  it('adds the picks table and the events column, and changes nothing else', () => {
    const { db, schemaBefore } = migratedFromVersion4();
    expect(schemaVersion(db)).toBe(5);
    const { added, removedOrChanged } = schemaDiff(schemaBefore, schemaObjects(db));
    expect(namesOf(removedOrChanged, 'table')).toEqual(['events']);
    expect(namesOf(added, 'table')).toEqual(['events', 'picks']);
    expect(namesOf(added, 'index')).toEqual(['picks_photo']);
    expect(added.find((object) => object.name === 'picks')!.sql).toMatch(/STRICT\s*$/);
    expect(added.find((object) => object.name === 'events')!.sql).toMatch(/write_sidecars INTEGER NOT NULL DEFAULT 0/);
    db.close();
  });

  it('keeps every row; every event starts without sidecars and without picks', () => {
    const { db, rowsBefore } = migratedFromVersion4();
    const rowsAfter = tableRows(db) as Record<string, Array<Record<string, unknown>>>;
    expect(rowsBefore.events!.length).toBeGreaterThan(0);
    expect(rowsAfter.events).toEqual(rowsBefore.events!.map((event) => ({ ...event, write_sidecars: 0 })));
    expect(rowsAfter.picks).toEqual([]);
    expect({ ...rowsAfter, events: [], picks: [] }).toEqual({ ...rowsBefore, events: [], picks: [] });
    db.close();
  });

  it('holds one pick per event and photo, refuses unknown photos and events, and drops picks with their event', () => {
    const { db } = migratedFromVersion4();
    const pick = db.prepare('INSERT INTO picks (event_id, photo_hash, picked_at) VALUES (?, ?, ?)');
    pick.run(1, photo, '2026-09-15T10:00:00.000Z');
    expect(() => pick.run(1, photo, '2026-09-15T10:01:00.000Z')).toThrow(/UNIQUE/);
    expect(() => pick.run(1, 'b'.repeat(64), '2026-09-15T10:00:00.000Z')).toThrow(/FOREIGN KEY/);
    expect(() => pick.run(99, photo, '2026-09-15T10:00:00.000Z')).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare('UPDATE events SET write_sidecars = 2').run()).toThrow(/CHECK/);
    db.exec('DELETE FROM index_errors; DELETE FROM photo_files; DELETE FROM events WHERE id = 1');
    expect(db.prepare('SELECT count(*) FROM picks').pluck().get()).toBe(0);
    db.close();
  });
});
