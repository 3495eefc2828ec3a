// Migration 013 over a version-12 file with rows in every table: when each photo's decision inputs last changed (one
// new table, empty, with its index and nine triggers), and kept statuses that outlive a changed setting (three new
// columns, the statuses kept so far gone, the settings' triggers only counting the change); no row of any other table
// changed. A change to a photo's regions, its row or its files notes the photo with the change count of that moment;
// a consent, a setting or a person notes nothing (a photo's status basis does not rest on them).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../electron/core/db';
import { migratedOneStep, namesOf, schemaDiff, schemaObjects, tableRows } from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();

function migratedFromVersion12() {
  return migratedOneStep(path.join(tempDir(), 'f.sqlite'), 12);
}

describe('migration 013 over a version-12 database', () => {
  it('adds the photo changes table, its index and its triggers, and changes nothing else', () => {
    const { db, schemaBefore, rowsBefore } = migratedFromVersion12();
    expect(schemaVersion(db)).toBe(13);
    const { added, removedOrChanged } = schemaDiff(schemaBefore, schemaObjects(db));
    // The kept statuses gain three columns; the settings' triggers only count a change now.
    expect(removedOrChanged.map((object) => object.name).sort()).toEqual([
      'decision_input_settings_delete',
      'decision_input_settings_insert',
      'decision_input_settings_update',
      'decision_statuses',
    ]);
    expect(namesOf(added, 'table')).toEqual(['decision_photo_changes', 'decision_statuses']);
    expect(namesOf(added, 'index')).toEqual(['decision_photo_changes_generation']);
    expect(namesOf(added, 'trigger')).toEqual(
      [
        ...['photo_files', 'photos', 'regions'].flatMap((table) =>
          ['delete', 'insert', 'update'].map((op) => `decision_basis_${table}_${op}`),
        ),
        ...['delete', 'insert', 'update'].map((op) => `decision_input_settings_${op}`),
      ].sort(),
    );
    // Every row kept but the kept statuses (they lack what the settings decide from: decided again when asked).
    const rowsAfter = tableRows(db) as Record<string, unknown[]>;
    for (const table of [
      'decision_photo_changes',
      'decision_statuses',
      'decision_status_people',
      'decision_stale_people',
    ]) {
      expect(rowsAfter[table], table).toEqual([]);
      delete rowsAfter[table];
      delete (rowsBefore as Record<string, unknown[]>)[table];
    }
    expect(rowsAfter).toEqual(rowsBefore);
    db.close();
  });

  it('keeps a set current when a setting changes (counting the change), and statuses with what settings decide from', () => {
    const { db } = migratedFromVersion12();
    const hash = db.prepare('SELECT hash FROM photos LIMIT 1').pluck().get() as string;
    const eventId = db.prepare('SELECT event_id FROM photo_files WHERE photo_hash = ?').pluck().get(hash) as number;
    db.prepare('DELETE FROM decision_sets').run();
    db.prepare(
      "INSERT INTO decision_sets (channel_id, day, event_id, used_at) VALUES ('social', '2026-10-01', ?, 'now')",
    ).run(eventId);
    const setId = db.prepare('SELECT id FROM decision_sets').pluck().get() as number;
    db.prepare(
      `INSERT INTO decision_statuses (set_id, photo_hash, status, generation, open, hidden_people, largest_hidden)
       VALUES (?, ?, 'hide', 0, 1, 2, 0.04)`,
    ).run(setId, hash);
    const count = () => db.prepare('SELECT n FROM decision_generation').pluck().get() as number;
    const before = count();
    db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('maxHiddenPeople', '1')").run();
    expect(db.prepare('SELECT current FROM decision_sets').pluck().get()).toBe(1);
    expect(count()).toBe(before + 1);
    expect(db.prepare('SELECT open, hidden_people, largest_hidden FROM decision_statuses').get()).toEqual({
      open: 1,
      hidden_people: 2,
      largest_hidden: 0.04,
    });
    expect(() => db.prepare('UPDATE decision_statuses SET open = 2').run()).toThrow(/CHECK/);
    db.close();
  });

  it("notes a photo's change with the change count of that moment, and nothing for other tables", () => {
    const { db } = migratedFromVersion12();
    const changes = () =>
      db.prepare('SELECT photo_hash AS hash, generation FROM decision_photo_changes ORDER BY photo_hash').all();
    const count = () => db.prepare('SELECT n FROM decision_generation').pluck().get() as number;
    const hash = db.prepare('SELECT hash FROM photos LIMIT 1').pluck().get() as string;
    const mark = () => (changes() as Array<{ hash: string; generation: number }>).find((row) => row.hash === hash)!;

    const before = count();
    db.prepare("UPDATE photos SET faces_detected_with = 'x' WHERE hash = ?").run(hash);
    expect(changes()).toEqual([{ hash, generation: expect.any(Number) }]);
    // Read while the change is made: the count before it or after it, never older and never later.
    expect([before, before + 1]).toContain(mark().generation);

    // Every later change of the photo moves its mark on: a region added, its file changed, the region deleted.
    let last = count();
    db.prepare(
      "INSERT INTO regions (photo_hash, source, namespace, kind, name, created_at) VALUES (?, 'file', 'x', 'face', 'Sem', 'now')",
    ).run(hash);
    expect(mark().generation).toBeGreaterThanOrEqual(last);
    last = count();
    db.prepare('UPDATE photo_files SET size = size + 1 WHERE photo_hash = ?').run(hash);
    expect(mark().generation).toBeGreaterThanOrEqual(last);
    last = count();
    db.prepare("DELETE FROM regions WHERE photo_hash = ? AND namespace = 'x'").run(hash);
    expect(mark().generation).toBeGreaterThanOrEqual(last);
    expect(changes()).toHaveLength(1);

    // Consent, settings and people: counted as changes (008), but no photo is noted.
    const noted2 = changes();
    db.prepare("INSERT INTO settings (key, value) VALUES ('language', '\"en\"')").run();
    db.prepare("UPDATE people SET roepnaam = 'X' WHERE id = (SELECT min(id) FROM people)").run();
    expect(changes()).toEqual(noted2);
    db.close();
  });
});
