// Migration 011, the board snapshot's identity, over a version-10 file with rows in every table: one strict table,
// nothing else changed; one row at most, and its hash and counts checked.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../electron/core/db';
import { migratedOneStep, namesOf, schemaDiff, schemaObjects, tableRows } from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();

const insert = `INSERT INTO board_snapshot (id, refreshed_at, content_hash, board_user, school_id, school_code,
  registry_version, counts) VALUES (@id, '2026-10-01T10:00:00.000Z', @hash, 'comm.a', 1, 'A', 3, @counts)`;

describe('migration 011 over a version-10 database', () => {
  it('adds the board_snapshot table and changes nothing else', () => {
    const { db, schemaBefore, rowsBefore } = migratedOneStep(path.join(tempDir(), 'f.sqlite'), 10);
    expect(schemaVersion(db)).toBe(11);
    const { added, removedOrChanged } = schemaDiff(schemaBefore, schemaObjects(db));
    expect(removedOrChanged).toEqual([]);
    expect(namesOf(added, 'table')).toEqual(['board_snapshot']);
    expect(added.find((object) => object.name === 'board_snapshot')!.sql).toMatch(/STRICT\s*$/);
    expect(tableRows(db)).toEqual({ ...rowsBefore, board_snapshot: [] });
    db.close();
  });

  it('holds one snapshot at most, with a 64-character hash and JSON counts', () => {
    const { db } = migratedOneStep(path.join(tempDir(), 'f.sqlite'), 10);
    const row = db.prepare(insert);
    row.run({ id: 1, hash: 'a'.repeat(64), counts: '{"people":1}' });
    expect(() => row.run({ id: 2, hash: 'a'.repeat(64), counts: '{}' })).toThrow(/CHECK/);
    db.prepare('DELETE FROM board_snapshot').run();
    expect(() => row.run({ id: 1, hash: 'short', counts: '{}' })).toThrow(/CHECK/);
    expect(() => row.run({ id: 1, hash: 'a'.repeat(64), counts: 'not json' })).toThrow(/CHECK/);
    db.close();
  });
});
