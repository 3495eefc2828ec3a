// Migration 008, kept decision statuses, over a version-7 file with rows in every table: five new tables (empty but a
// change count),
// their indexes and the triggers that throw kept statuses away on change; no row of any other table changed.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../electron/core/db';
import { migratedOneStep, namesOf, schemaDiff, schemaObjects, tableRows } from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();

function migratedFromVersion7() {
  return migratedOneStep(path.join(tempDir(), 'f.sqlite'), 7);
}

describe('migration 008 over a version-7 database', () => {
  it('adds the kept-status tables and their triggers, and changes nothing else', () => {
    const { db, schemaBefore } = migratedFromVersion7();
    expect(schemaVersion(db)).toBe(8);
    const { added, removedOrChanged } = schemaDiff(schemaBefore, schemaObjects(db));
    expect(removedOrChanged).toEqual([]);
    expect(namesOf(added, 'table')).toEqual([
      'decision_generation',
      'decision_sets',
      'decision_stale_people',
      'decision_status_people',
      'decision_statuses',
    ]);
    // Three triggers (insert, update, delete) on each table a decision reads.
    expect(namesOf(added, 'trigger')).toHaveLength(3 * 7);
    db.close();
  });

  it('keeps every row', () => {
    const { db, rowsBefore } = migratedFromVersion7();
    const rowsAfter = tableRows(db) as Record<string, unknown[]>;
    expect(rowsAfter.decision_generation).toEqual([{ id: 1, n: 0 }]);
    expect(rowsAfter.decision_sets).toEqual([]);
    expect(rowsAfter.decision_stale_people).toEqual([]);
    expect(rowsAfter.decision_statuses).toEqual([]);
    expect(rowsAfter.decision_status_people).toEqual([]);
    delete rowsAfter.decision_generation;
    delete rowsAfter.decision_sets;
    delete rowsAfter.decision_stale_people;
    delete rowsAfter.decision_statuses;
    delete rowsAfter.decision_status_people;
    expect(rowsAfter).toEqual(rowsBefore);
    db.close();
  });

  it('throws a kept status away when its photo changes', () => {
    const { db } = migratedFromVersion7();
    const hash = db.prepare('SELECT hash FROM photos LIMIT 1').pluck().get() as string;
    const eventId = db.prepare('SELECT event_id FROM photo_files WHERE photo_hash = ?').pluck().get(hash) as number;
    db.prepare(
      "INSERT INTO decision_sets (channel_id, day, event_id, used_at) VALUES ('social', '2026-10-01', ?, 'now')",
    ).run(eventId);
    db.prepare(
      "INSERT INTO decision_statuses (set_id, photo_hash, status, generation) VALUES (1, ?, 'publish', 0)",
    ).run(hash);
    db.prepare("UPDATE photos SET faces_detected_with = 'x' WHERE hash = ?").run(hash);
    expect(db.prepare('SELECT count(*) FROM decision_statuses').pluck().get()).toBe(0);
    expect(db.prepare('SELECT n FROM decision_generation').pluck().get()).toBe(1);
    // The photo's row says nothing about names: the classes stand. A named region on it: they are checked again.
    expect(db.prepare('SELECT classes_current FROM decision_sets').pluck().get()).toBe(1);
    db.prepare(
      "INSERT INTO regions (photo_hash, source, namespace, kind, name, created_at) VALUES (?, 'file', 'x', 'face', '', 'now')",
    ).run(hash);
    expect(db.prepare('SELECT classes_current FROM decision_sets').pluck().get()).toBe(1);
    db.prepare(
      "INSERT INTO regions (photo_hash, source, namespace, kind, name, created_at) VALUES (?, 'file', 'x', 'face', 'Sem', 'now')",
    ).run(hash);
    expect(db.prepare('SELECT classes_current FROM decision_sets').pluck().get()).toBe(0);
    expect(db.prepare('SELECT n FROM decision_generation').pluck().get()).toBe(3);
    // A change that may alter any decision marks the set void rather than deleting its statuses one by one.
    db.prepare("INSERT INTO settings (key, value) VALUES ('language', '\"en\"')").run();
    expect(db.prepare('SELECT current FROM decision_sets').pluck().get()).toBe(0);
    db.close();
  });
});
