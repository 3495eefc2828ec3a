// Migration 014, the board outbox, over a version-13 file with rows in every table: a workstation id made once, an
// empty outbox of local events, two new strict tables, and nothing else changed.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../electron/core/db';
import { migratedOneStep, namesOf, schemaDiff, schemaObjects, tableRows } from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();

describe('migration 014 over a version-13 database', () => {
  it('adds board_workstation (one random id) and an empty board_outbox, and changes nothing else', () => {
    const { db, schemaBefore, rowsBefore } = migratedOneStep(path.join(tempDir(), 'f.sqlite'), 13);
    expect(schemaVersion(db)).toBe(14);
    const { added, removedOrChanged } = schemaDiff(schemaBefore, schemaObjects(db));
    expect(removedOrChanged).toEqual([]);
    expect(namesOf(added, 'table')).toEqual(['board_outbox', 'board_workstation']);
    for (const table of ['board_outbox', 'board_workstation'])
      expect(added.find((object) => object.name === table)!.sql).toMatch(/STRICT\s*$/);
    const rowsAfter = tableRows(db);
    const workstation = rowsAfter.board_workstation as Array<{ id: number; workstation: string }>;
    expect(workstation).toHaveLength(1);
    expect(workstation[0]!.workstation).toMatch(/^[0-9a-f]{32}$/);
    expect({ ...rowsAfter, board_workstation: undefined }).toEqual({
      ...rowsBefore,
      board_outbox: [],
      board_workstation: undefined,
    });
    db.close();
  });

  it('gives every data folder its own id, one row only, and queues only events of the local trail', () => {
    const first = migratedOneStep(path.join(tempDir(), 'a.sqlite'), 13).db;
    const second = migratedOneStep(path.join(tempDir(), 'b.sqlite'), 13).db;
    const id = (db: typeof first) => db.prepare('SELECT workstation FROM board_workstation').pluck().get();
    expect(id(first)).not.toBe(id(second));
    expect(() =>
      first.prepare('INSERT INTO board_workstation (id, workstation) VALUES (2, ?)').run('a'.repeat(32)),
    ).toThrow();
    expect(() => first.prepare('UPDATE board_workstation SET workstation = ?').run('NOT-HEX'.padEnd(32, 'x'))).toThrow(
      /CHECK/,
    );
    // The version-1 rows hold audit events 1 and 2: an entry may name them, not an event that does not exist.
    first.prepare("INSERT INTO board_outbox (local_seq, queued_at) VALUES (2, '2026-09-15T10:00:00.000Z')").run();
    expect(() =>
      first.prepare("INSERT INTO board_outbox (local_seq, queued_at) VALUES (99, '2026-09-15T10:00:00.000Z')").run(),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      first.prepare("INSERT INTO board_outbox (local_seq, queued_at, payload) VALUES (1, 'x', 'not json')").run(),
    ).toThrow(/CHECK/);
    first.close();
    second.close();
  });
});
