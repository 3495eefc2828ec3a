// Migration 004, a pseudonymous and erasable trail, over a version-3 file with rows in every table: a pseudonym for
// every person (and every new one), the personal-details tables of the audit trail, and consent reasons moved out of
// the add-only consent_records — which stay add-only.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../electron/core/db';
import {
  addVersion1Rows,
  databaseAtVersion,
  migrateTo,
  namesOf,
  schemaDiff,
  schemaObjects,
  tableRows,
} from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();

function migratedFromVersion3() {
  const db = databaseAtVersion(path.join(tempDir(), 'f.sqlite'), 3);
  addVersion1Rows(db);
  db.exec('INSERT INTO consent_import_people (import_id, person_id, row_number) VALUES (1, 1, 2), (1, 2, 3)');
  const schemaBefore = schemaObjects(db);
  const rowsBefore = tableRows(db) as Record<string, Array<Record<string, unknown>>>;
  migrateTo(db, 4);
  return { db, schemaBefore, rowsBefore };
}

describe('migration 004 over a version-3 database', () => {
  it('adds the pseudonym and erasure columns, the personal-details tables and their guards', () => {
    const { db, schemaBefore } = migratedFromVersion3();
    expect(schemaVersion(db)).toBe(4);
    const { added, removedOrChanged } = schemaDiff(schemaBefore, schemaObjects(db));
    // people gains two columns; consent_records' update guard is dropped and made again, the same.
    expect(namesOf(removedOrChanged, 'table')).toEqual(['people']);
    // (a changed table shows as removed and added: people with its two new columns.)
    expect(namesOf(added, 'table')).toEqual(['audit_personal', 'audit_personal_people', 'consent_reasons', 'people']);
    const people = added.find((object) => object.name === 'people')!.sql;
    expect(people).toMatch(/pseudonym TEXT/);
    expect(people).toMatch(/erased_at TEXT/);
    for (const table of namesOf(added, 'table'))
      expect(added.find((object) => object.name === table)!.sql).toMatch(/STRICT\s*$/);
    expect(namesOf(added, 'trigger')).toEqual([
      'consent_records_no_reason',
      'people_pseudonym_fixed',
      'people_pseudonym_on_insert',
    ]);
    expect(namesOf(added, 'index')).toEqual(['audit_personal_people_seq', 'people_pseudonym']);
    db.close();
  });

  it('keeps every row; gives each person a distinct random pseudonym; moves the reason out of the record', () => {
    const { db, rowsBefore } = migratedFromVersion3();
    const rowsAfter = tableRows(db) as Record<string, Array<Record<string, unknown>>>;
    for (const [table, rows] of Object.entries(rowsBefore)) {
      if (table === 'people' || table === 'consent_records') continue;
      expect(rowsAfter[table], table).toEqual(rows);
    }
    const people = rowsAfter.people!;
    expect(people.map(({ pseudonym: _p, erased_at: _e, ...rest }) => rest)).toEqual(rowsBefore.people);
    expect(people.map((person) => person.erased_at)).toEqual([null, null]);
    const pseudonyms = people.map((person) => person.pseudonym as string);
    for (const pseudonym of pseudonyms) expect(pseudonym).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set(pseudonyms).size).toBe(2);

    expect(rowsAfter.consent_records!.map(({ reason: _r, ...rest }) => rest)).toEqual(
      rowsBefore.consent_records!.map(({ reason: _r, ...rest }) => rest),
    );
    expect(rowsAfter.consent_records!.map((record) => record.reason)).toEqual([null, null, null]);
    expect(rowsAfter.consent_reasons).toEqual([{ record_id: 3, reason: 'Brief van ouders' }]);
    db.close();
  });

  it('gives new people a pseudonym that never changes, and keeps consent records add-only without reasons', () => {
    const { db } = migratedFromVersion3();
    db.exec(`INSERT INTO people (kind, external_key, achternaam, created_at, updated_at)
             VALUES ('pupil', '1009', 'Jansen', 'x', 'x')`);
    const pseudonym = db.prepare("SELECT pseudonym FROM people WHERE external_key = '1009'").pluck().get();
    expect(pseudonym).toMatch(/^[0-9a-f]{16}$/);
    expect(() => db.prepare("UPDATE people SET pseudonym = 'abc' WHERE external_key = '1009'").run()).toThrow(
      /never changes/,
    );
    expect(() => db.prepare('UPDATE consent_records SET status = ? WHERE id = 1').run('refused')).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM consent_records').run()).toThrow(/append-only/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO consent_records (person_id, school_year, channel_id, version, status, effective_from, source,
             reason, actor, recorded_at)
           VALUES (1, '2026-2027', 'website', 2, 'withdrawn', '2026-10-02', 'withdrawal', 'Brief', 'x', 'x')`,
        )
        .run(),
    ).toThrow(/consent_reasons/);
    // Erasable: personal details of the trail go with their people rows.
    db.exec(`INSERT INTO audit_personal (seq, salt, details) VALUES (1, '${'a'.repeat(32)}', '{"key":"1001"}');
             INSERT INTO audit_personal_people (pseudonym, seq) VALUES ('p', 1);
             DELETE FROM audit_personal WHERE seq = 1;`);
    expect(db.prepare('SELECT count(*) FROM audit_personal_people').pluck().get()).toBe(0);
    db.close();
  });
});
