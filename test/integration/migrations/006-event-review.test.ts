// Migration 006, the event review, over a version-5 file with rows in every table: regions gain the "guest / not
// known" mark (empty for every region before), and a new table holds each event's roster of classes.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../electron/core/db';
import { migratedOneStep, namesOf, schemaDiff, schemaObjects, tableRows } from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();

function migratedFromVersion5() {
  return migratedOneStep(path.join(tempDir(), 'f.sqlite'), 5);
}

describe('migration 006 over a version-5 database', () => {
  it('adds the guest columns to regions, the serial to photos and the event_roster table, nothing else', () => {
    const { db, schemaBefore } = migratedFromVersion5();
    expect(schemaVersion(db)).toBe(6);
    const { added, removedOrChanged } = schemaDiff(schemaBefore, schemaObjects(db));
    expect(namesOf(removedOrChanged, 'table')).toEqual(['photos', 'regions']);
    expect(namesOf(added, 'table')).toEqual(['event_roster', 'photos', 'regions']);
    expect(namesOf(added, 'index')).toEqual([]);
    expect(added.find((object) => object.name === 'event_roster')!.sql).toMatch(/STRICT\s*$/);
    const columns = db.prepare("SELECT name FROM pragma_table_info('regions')").pluck().all();
    expect(columns.slice(-2)).toEqual(['guest_at', 'guest_by']);
    expect(db.prepare("SELECT name FROM pragma_table_info('photos')").pluck().all().at(-1)).toBe('camera_serial');
    db.close();
  });

  it('keeps every row; no region is a guest before the review says so, no photo has a serial yet', () => {
    const { db, rowsBefore } = migratedFromVersion5();
    const rowsAfter = tableRows(db);
    expect(rowsBefore.regions!.length).toBe(3);
    expect(rowsAfter.regions).toEqual(rowsBefore.regions!.map((row) => ({ ...row, guest_at: null, guest_by: null })));
    expect(rowsAfter.event_roster).toEqual([]);
    expect(rowsAfter.photos).toEqual(rowsBefore.photos!.map((row) => ({ ...row, camera_serial: null })));
    const without = { regions: [], event_roster: [], photos: [] };
    expect({ ...rowsAfter, ...without }).toEqual({ ...rowsBefore, ...without });
    db.close();
  });

  it('takes a roster class once per event, for an event that exists, with a real name', () => {
    const { db } = migratedFromVersion5();
    db.pragma('foreign_keys = ON');
    const add = db.prepare("INSERT INTO event_roster (event_id, class_name, added_at) VALUES (?, ?, '2026-09-20')");
    add.run(1, 'Groep 7');
    expect(() => add.run(1, 'Groep 7')).toThrow(/UNIQUE/);
    expect(() => add.run(1, '   ')).toThrow(/CHECK/);
    expect(() => add.run(99, 'Groep 8')).toThrow(/FOREIGN KEY/);
    expect(db.prepare('SELECT class_name FROM event_roster').pluck().all()).toEqual(['Groep 7']);
    // An emptied event folder is pruned with its roster (as with its picks).
    db.prepare('DELETE FROM photo_files').run();
    db.prepare('DELETE FROM index_errors').run();
    db.prepare('DELETE FROM picks').run();
    db.prepare('DELETE FROM events WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) FROM event_roster').pluck().get()).toBe(0);
    db.close();
  });
});
