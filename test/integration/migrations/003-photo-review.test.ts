// Migration 003, why a photo is on "needs review", over a version-2 file with rows in every table: one column on
// photos (a JSON list, empty for every photo indexed before), nothing else changed.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../electron/core/db';
import {
  addVersion1Rows,
  databaseAtVersion,
  migrateTo,
  schemaDiff,
  schemaObjects,
  tableRows,
} from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();

function migratedFromVersion2() {
  const db = databaseAtVersion(path.join(tempDir(), 'f.sqlite'), 1);
  addVersion1Rows(db);
  migrateTo(db, 2);
  const schemaBefore = schemaObjects(db);
  const rowsBefore = tableRows(db);
  migrateTo(db, 3);
  return { db, schemaBefore, rowsBefore };
}

describe('migration 003 over a version-2 database', () => {
  it('adds review_reasons to photos and changes nothing else', () => {
    const { db, schemaBefore } = migratedFromVersion2();
    expect(schemaVersion(db)).toBe(3);
    const { added, removedOrChanged } = schemaDiff(schemaBefore, schemaObjects(db));
    // The photos table is the one object changed (its CREATE statement gains the column); nothing else.
    expect(added.map((object) => object.name)).toEqual(['photos']);
    expect(removedOrChanged.map((object) => object.name)).toEqual(['photos']);
    expect(added[0]!.sql).toMatch(/review_reasons TEXT NOT NULL DEFAULT '\[\]'/);
    const columns = db.prepare("SELECT name FROM pragma_table_info('photos')").pluck().all();
    expect(columns.at(-1)).toBe('review_reasons');
    db.close();
  });

  it('keeps every row, with an empty review list for the photos indexed before', () => {
    const { db, rowsBefore } = migratedFromVersion2();
    const rowsAfter = tableRows(db);
    const photosBefore = rowsBefore.photos as Array<Record<string, unknown>>;
    expect(photosBefore.length).toBeGreaterThan(0);
    expect(rowsAfter.photos).toEqual(photosBefore.map((photo) => ({ ...photo, review_reasons: '[]' })));
    expect({ ...rowsAfter, photos: [] }).toEqual({ ...rowsBefore, photos: [] });
    db.close();
  });

  it('accepts a JSON list of reasons only', () => {
    const { db } = migratedFromVersion2();
    const set = db.prepare('UPDATE photos SET review_reasons = ?');
    expect(() => set.run('not json')).toThrow(/CHECK/);
    expect(() => set.run('{"code":"staleRegions"}')).toThrow(/CHECK/);
    expect(() => set.run(null)).toThrow(/NOT NULL/);
    set.run('[{"code":"metadataUnreadable","params":{}}]');
    expect(db.prepare('SELECT review_reasons FROM photos').pluck().get()).toBe(
      '[{"code":"metadataUnreadable","params":{}}]',
    );
    db.close();
  });
});
