// Migration 007, protected pupils, over a version-6 file with rows in every table: one column on people (0 for
// everyone already there), nothing else changed, and only 0 or 1 accepted.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../electron/core/db';
import { migratedOneStep, schemaDiff, schemaObjects, tableRows } from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();

function migratedFromVersion6() {
  return migratedOneStep(path.join(tempDir(), 'f.sqlite'), 6);
}

describe('migration 007 over a version-6 database', () => {
  it('adds protected to people and changes nothing else', () => {
    const { db, schemaBefore } = migratedFromVersion6();
    expect(schemaVersion(db)).toBe(7);
    const { added, removedOrChanged } = schemaDiff(schemaBefore, schemaObjects(db));
    expect(added.map((object) => object.name)).toEqual(['people']);
    expect(removedOrChanged.map((object) => object.name)).toEqual(['people']);
    expect(added[0]!.sql).toMatch(/protected INTEGER NOT NULL DEFAULT 0 CHECK \(protected IN \(0, 1\)\)/);
    db.close();
  });

  it('keeps every row; nobody is protected by the migration', () => {
    const { db, rowsBefore } = migratedFromVersion6();
    const rowsAfter = tableRows(db) as Record<string, Array<Record<string, unknown>>>;
    expect(rowsBefore.people!.length).toBeGreaterThan(0);
    expect(rowsAfter.people).toEqual(rowsBefore.people!.map((person) => ({ ...person, protected: 0 })));
    expect({ ...rowsAfter, people: [] }).toEqual({ ...rowsBefore, people: [] });
    db.close();
  });

  it('accepts 0 or 1 only', () => {
    const { db } = migratedFromVersion6();
    const set = db.prepare('UPDATE people SET protected = ? WHERE id = 1');
    expect(() => set.run(2)).toThrow(/CHECK/);
    expect(() => set.run(null)).toThrow(/NOT NULL/);
    set.run(1);
    expect(db.prepare('SELECT protected FROM people WHERE id = 1').pluck().get()).toBe(1);
    db.close();
  });
});
