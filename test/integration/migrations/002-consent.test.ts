// Migration 002, the consent registry's additions, over a version-1 file with rows in every table: who each import
// listed (consent_import_people, add-only), imports made add-only, indexes for the registry's lookups.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../electron/core/db';
import {
  addVersion1Rows,
  databaseAtVersion,
  indexColumns,
  migrateTo,
  namesOf,
  schemaDiff,
  schemaObjects,
  tableRows,
} from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();

/** A version-1 file with rows in every table, then migration 002; with the schema and rows from before it ran. */
function migratedFromVersion1() {
  const db = databaseAtVersion(path.join(tempDir(), 'f.sqlite'), 1);
  addVersion1Rows(db);
  const schemaBefore = schemaObjects(db);
  const rowsBefore = tableRows(db);
  migrateTo(db, 2);
  return { db, schemaBefore, rowsBefore };
}

describe('migration 002 over a version-1 database', () => {
  it('adds the import people table, the add-only triggers and the registry indexes, changes nothing else', () => {
    const { db, schemaBefore } = migratedFromVersion1();
    expect(schemaVersion(db)).toBe(2);

    const { added, removedOrChanged } = schemaDiff(schemaBefore, schemaObjects(db));
    expect(removedOrChanged).toEqual([]);
    expect(namesOf(added, 'table')).toEqual(['consent_import_people']);
    expect(added.find((object) => object.name === 'consent_import_people')!.sql).toMatch(/STRICT\s*$/);
    expect(namesOf(added, 'trigger')).toEqual([
      'consent_import_people_no_delete',
      'consent_import_people_no_update',
      'consent_imports_no_delete',
      'consent_imports_no_update',
    ]);
    expect(namesOf(added, 'index')).toEqual([
      'consent_import_people_person',
      'consent_imports_year',
      'consent_records_year',
      'people_class',
    ]);
    expect(indexColumns(db, 'consent_import_people_person')).toEqual(['person_id']);
    expect(indexColumns(db, 'consent_imports_year')).toEqual(['school_year', 'id']);
    expect(indexColumns(db, 'consent_records_year')).toEqual(['school_year', 'person_id', 'channel_id', 'version']);
    expect(indexColumns(db, 'people_class')).toEqual(['class_name']);
    db.close();
  });

  it('keeps every row of every table as it was', () => {
    const { db, rowsBefore } = migratedFromVersion1();
    const rowsAfter = tableRows(db);
    expect(rowsAfter).toEqual({ ...rowsBefore, consent_import_people: [] });
    // Not vacuous: every table of version 1 had rows.
    for (const [table, rows] of Object.entries(rowsBefore)) expect(rows.length, table).toBeGreaterThan(0);
    db.close();
  });

  it('keeps imports and who they listed add-only, and checks the people and imports they point to', () => {
    const { db } = migratedFromVersion1();
    const listed = db.prepare('INSERT INTO consent_import_people (import_id, person_id, row_number) VALUES (?, ?, ?)');
    expect(() => listed.run(1, 99, 2)).toThrow(/FOREIGN KEY/);
    expect(() => listed.run(7, 1, 2)).toThrow(/FOREIGN KEY/);
    expect(() => listed.run(1, 1, 0)).toThrow(/CHECK/);
    listed.run(1, 1, 2);
    listed.run(1, 2, 3);
    expect(db.prepare('SELECT person_id FROM consent_import_people ORDER BY row_number').pluck().all()).toEqual([1, 2]);

    expect(() => db.prepare('UPDATE consent_import_people SET row_number = 9').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM consent_import_people').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE consent_imports SET file_name = 'ander.csv'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM consent_imports').run()).toThrow(/append-only/);
    // A new import still goes in.
    db.prepare(
      `INSERT INTO consent_imports (school_year, file_name, file_sha256, mapping, counts, actor, imported_at)
       VALUES ('2026-2027', 'tweede.csv', ?, '{}', '{}', 'tester', '2026-10-01T08:00:00.000Z')`,
    ).run('f'.repeat(64));
    expect(db.prepare('SELECT count(*) FROM consent_imports').pluck().get()).toBe(2);
    db.close();
  });
});
