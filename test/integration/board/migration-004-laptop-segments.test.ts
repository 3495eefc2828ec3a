// Board migration 004 (laptop segments): the tables a moved laptop's trail and id map live in — add-only, forced
// row-level security per school, written by a school's administration or the privacy officer, personal details
// read only by the privacy officer and the auditor. Raw SQL by each role, as a script might.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardMigrations, migrateBoard, type BoardConnection } from '../../../electron/core/board';
import { createBoardDatabase, seedBoard, type TestBoard } from '../../helpers/board';
import { postgresMissing, useTestCluster } from '../../helpers/postgres';

const missing = postgresMissing();
if (missing) console.warn(missing);

const TABLES = ['laptop_segments', 'laptop_segment_events', 'laptop_segment_personal', 'laptop_id_map'];
const hash = (c: string) => c.repeat(64);

describe.skipIf(missing !== null)('board migration 004: laptop segments', () => {
  const cluster = useTestCluster();
  let board: TestBoard;
  const open: BoardConnection[] = [];
  const as = async (user: string): Promise<BoardConnection['client']> => {
    const connection = await board.connect(user);
    open.push(connection);
    return connection.client;
  };
  let segmentA = '';

  beforeAll(async () => {
    board = await createBoardDatabase(cluster(), 'board_mig_004');
    await seedBoard(board);
    // admin.a adds a segment of one event for school A, with its personal details and an id map row.
    const sql = await as('admin.a');
    const school = (await sql.query<{ id: string }>("SELECT id FROM schools WHERE code = 'A'")).rows[0]!.id;
    segmentA = (
      await sql.query<{ id: string }>(
        `INSERT INTO laptop_segments (school_id, first_hash, last_seq, last_hash, event_count, counts)
         VALUES ($1, $2, 1, $2, 1, '{}') RETURNING id`,
        [school, hash('a')],
      )
    ).rows[0]!.id;
    await sql.query(
      `INSERT INTO laptop_segment_events (school_id, segment_id, seq, at, actor_os, actor_name, action, subject, details,
         prev_hash, hash) VALUES ($1, $2, 1, '2026-09-01T08:00:00Z', 'administratie', '', 'consent.import', 'x', '{}', $3, $4)`,
      [school, segmentA, hash('0'), hash('a')],
    );
    await sql.query(
      `INSERT INTO laptop_segment_personal (school_id, segment_id, seq, salt, details, about)
       VALUES ($1, $2, 1, $3, '{"number":"1001"}', '{abc}')`,
      [school, segmentA, '1'.repeat(32)],
    );
    await sql.query(
      "INSERT INTO laptop_id_map (school_id, segment_id, kind, laptop_id, board_id) VALUES ($1, $2, 'person', 1, 44)",
      [school, segmentA],
    );
  });
  afterAll(async () => {
    await Promise.all(open.map((connection) => connection.close()));
  });

  it('comes after 002 and makes its tables with forced row-level security', async () => {
    expect(boardMigrations.map((m) => m.version)).toContain(4);
    expect(boardMigrations.find((m) => m.version === 4)?.name).toBe('laptop-segments');
    const owner = await as('board_it');
    expect(await migrateBoard(owner)).toEqual([]);
    const { rows } = await owner.query<{ relname: string; forced: boolean }>(
      `SELECT c.relname, c.relforcerowsecurity AS forced FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'fotowacht' AND c.relname = ANY ($1) ORDER BY 1`,
      [TABLES],
    );
    expect(rows).toEqual([...TABLES].sort().map((relname) => ({ relname, forced: true })));
  });

  it("shows a school's segments to its own staff and the board roles, personal details only to the board roles", async () => {
    expect((await (await as('admin.b')).query('SELECT * FROM laptop_segments')).rows).toEqual([]);
    expect((await (await as('admin.b')).query('SELECT * FROM laptop_segment_events')).rows).toEqual([]);
    expect((await (await as('comm.a')).query('SELECT id FROM laptop_segments')).rows).toHaveLength(1);
    expect((await (await as('auditor')).query('SELECT seq FROM laptop_segment_personal')).rows).toHaveLength(1);
    await expect((await as('comm.a')).query('SELECT * FROM laptop_segment_personal')).rejects.toThrow(
      /permission denied/,
    );
    await expect((await as('admin.a')).query('SELECT * FROM laptop_segment_personal')).rejects.toThrow(
      /permission denied/,
    );
  });

  it("refuses another school's segment, a communications officer's, and any change to what is there", async () => {
    const b = await as('admin.b');
    const schoolA = (await (await as('privacy')).query<{ id: string }>("SELECT id FROM schools WHERE code = 'A'"))
      .rows[0]!.id;
    await expect(
      b.query(
        `INSERT INTO laptop_segments (school_id, first_hash, last_seq, last_hash, event_count, counts)
         VALUES ($1, $2, 1, $2, 1, '{}')`,
        [schoolA, hash('b')],
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      (await as('comm.a')).query(
        `INSERT INTO laptop_segments (school_id, first_hash, last_seq, last_hash, event_count, counts)
         VALUES ($1, $2, 1, $2, 1, '{}')`,
        [schoolA, hash('c')],
      ),
    ).rejects.toThrow(/permission denied/);
    // Add-only, for the privacy officer and the tables' owner too.
    for (const user of ['privacy', 'board_it']) {
      const sql = await as(user);
      await expect(sql.query("UPDATE fotowacht.laptop_segment_events SET subject = 'y'")).rejects.toThrow(
        /append-only|permission denied/,
      );
      await expect(sql.query('DELETE FROM fotowacht.laptop_segments')).rejects.toThrow(/append-only|permission denied/);
      await expect(sql.query('UPDATE fotowacht.laptop_id_map SET board_id = 45')).rejects.toThrow(
        /append-only|permission denied/,
      );
    }
    // The privacy officer may erase personal details (as for the board's own trail).
    const erased = await (await as('privacy')).query('DELETE FROM fotowacht.laptop_segment_personal WHERE seq = 1');
    expect(erased.rowCount).toBe(1);
  });
});
