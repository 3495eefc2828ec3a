// Row-level security per school, enforced by the database: raw SQL by each role, not the app's queries.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, type BoardConnection } from '../../../electron/core/board';
import { createBoardDatabase, seedBoard, type TestBoard } from '../../helpers/board';
import { postgresMissing, useTestCluster } from '../../helpers/postgres';

const missing = postgresMissing();
if (missing) console.warn(missing);

describe.skipIf(missing !== null)('a board database: roles and row-level security per school', () => {
  const cluster = useTestCluster();
  let board: TestBoard;
  const open: BoardConnection[] = [];
  const as = async (user: string): Promise<BoardConnection['client']> => {
    const connection = await board.connect(user);
    open.push(connection);
    return connection.client;
  };

  beforeAll(async () => {
    board = await createBoardDatabase(cluster(), 'board_rls');
    await seedBoard(board);
    // Each school's administrator enters a pupil with a consent record (raw SQL, as a script might).
    for (const [user, code, key] of [
      ['admin.a', 'A', 'A-1001'],
      ['admin.b', 'B', 'B-2001'],
    ] as const) {
      const sql = await as(user);
      const school = await sql.query<{ id: string }>('SELECT id FROM schools WHERE code = $1', [code]);
      const schoolId = school.rows[0]?.id;
      await sql.query(
        "INSERT INTO channels (school_id, id, label_nl, label_en) VALUES ($1, 'website', 'Website', 'Website') ON CONFLICT DO NOTHING",
        [schoolId],
      );
      const person = await sql.query<{ id: string }>(
        "INSERT INTO people (school_id, kind, external_key, roepnaam, achternaam) VALUES ($1, 'pupil', $2, 'Sam', 'Jansen') RETURNING id",
        [schoolId, key],
      );
      await sql.query(
        `INSERT INTO consent_records (school_id, person_id, school_year, channel_id, version, status, effective_from, source)
         VALUES ($1, $2, '2026-2027', 'website', 1, 'granted', '2026-09-01', 'manual')`,
        [schoolId, person.rows[0]?.id],
      );
    }
  });

  afterAll(async () => {
    await Promise.all(open.map((connection) => connection.close()));
  });

  async function schoolId(code: string): Promise<string> {
    const sql = await as('privacy');
    const { rows } = await sql.query<{ id: string }>('SELECT id FROM fotowacht.schools WHERE code = $1', [code]);
    return rows[0]?.id ?? '';
  }

  it("gives a communications officer of school A nothing of school B's pupils, however the query is put", async () => {
    const sql = await as('comm.a');
    const b = await schoolId('B');
    expect((await sql.query('SELECT * FROM fotowacht.people WHERE school_id = $1', [b])).rows).toEqual([]);
    expect((await sql.query("SELECT * FROM people WHERE external_key = 'B-2001'")).rows).toEqual([]);
    expect((await sql.query('SELECT * FROM consent_records WHERE school_id = $1', [b])).rows).toEqual([]);
    expect((await sql.query("SELECT code FROM schools WHERE code = 'B'")).rows).toEqual([]);
    // Not an empty database: their own school's pupil is there.
    const own = await sql.query<{ external_key: string }>('SELECT external_key FROM people');
    expect(own.rows.map((row) => row.external_key)).toEqual(['A-1001']);
    // A join through the consent records cannot reach the other school either.
    const joined = await sql.query(
      'SELECT p.external_key FROM consent_records c JOIN people p ON p.id = c.person_id ORDER BY 1',
    );
    expect(joined.rows).toEqual([{ external_key: 'A-1001' }]);
    // And they may not change the registry at all (that is the administration's).
    await expect(
      sql.query(
        "INSERT INTO people (school_id, kind, external_key, achternaam) VALUES ((SELECT id FROM schools WHERE code = 'A'), 'pupil', 'A-9', 'X')",
      ),
    ).rejects.toThrow(/permission denied/);
  });

  it('refuses a school administrator of A who inserts into or moves rows to school B', async () => {
    const sql = await as('admin.a');
    const b = await schoolId('B');
    await expect(
      sql.query(
        "INSERT INTO people (school_id, kind, external_key, achternaam) VALUES ($1, 'pupil', 'B-666', 'Smit')",
        [b],
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(sql.query("UPDATE people SET school_id = $1 WHERE external_key = 'A-1001'", [b])).rejects.toThrow(
      /row-level security/,
    );
    // B's rows are invisible, so an update or a withdrawal aimed at them touches nothing.
    const touched = await sql.query("UPDATE people SET achternaam = 'Gewijzigd' WHERE external_key = 'B-2001'");
    expect(touched.rowCount).toBe(0);
    // A consent record of school A for a pupil of school B: the keys tie every row to one school.
    const bPerson = await (
      await as('privacy')
    ).query<{ id: string }>("SELECT id FROM fotowacht.people WHERE external_key = 'B-2001'");
    await expect(
      sql.query(
        `INSERT INTO consent_records (school_id, person_id, school_year, channel_id, version, status, effective_from, source)
         VALUES ((SELECT id FROM schools WHERE code = 'A'), $1, '2026-2027', 'website', 2, 'withdrawn', '2026-10-01', 'withdrawal')`,
        [bPerson.rows[0]?.id],
      ),
    ).rejects.toThrow(/foreign key/);
    // Consent history is add-only: no rewriting a version, by the administrator or even by the tables' owner.
    await expect(sql.query("UPDATE consent_records SET status = 'refused'")).rejects.toThrow(/permission denied/);
    const owner = await as('board_it');
    await expect(owner.query("UPDATE fotowacht.consent_records SET status = 'refused'")).rejects.toThrow(/append-only/);
    // Their own school: allowed.
    const own = await sql.query("UPDATE people SET class_name = '5B' WHERE external_key = 'A-1001'");
    expect(own.rowCount).toBe(1);
  });

  it('lets the auditor read everything and write nothing', async () => {
    const sql = await as('auditor');
    const people = await sql.query<{ external_key: string }>('SELECT external_key FROM people ORDER BY 1');
    expect(people.rows.map((row) => row.external_key)).toEqual(['A-1001', 'B-2001']);
    expect((await sql.query('SELECT seq FROM audit_events')).rows.length).toBeGreaterThan(0);
    const a = await schoolId('A');
    await expect(
      sql.query("INSERT INTO people (school_id, kind, external_key, achternaam) VALUES ($1, 'pupil', 'A-7', 'X')", [a]),
    ).rejects.toThrow(/permission denied/);
    await expect(sql.query("UPDATE people SET achternaam = 'X'")).rejects.toThrow(/permission denied/);
    await expect(sql.query('DELETE FROM consent_records')).rejects.toThrow(/permission denied/);
    await expect(
      sql.query(
        "INSERT INTO audit_events (seq, at, actor_os, actor_name, action, subject, details, prev_hash, hash) VALUES (999, 'x', 'auditor', '', 'x', 'x', '{}', repeat('0', 64), repeat('1', 64))",
      ),
    ).rejects.toThrow(/permission denied/);
  });

  it('lets the board privacy officer see every school', async () => {
    const sql = await as('privacy');
    const people = await sql.query<{ external_key: string }>('SELECT external_key FROM people ORDER BY 1');
    expect(people.rows.map((row) => row.external_key)).toEqual(['A-1001', 'B-2001']);
    const records = await sql.query('SELECT id FROM consent_records');
    expect(records.rows).toHaveLength(2);
    expect((await sql.query('SELECT code FROM schools ORDER BY code')).rows).toEqual([{ code: 'A' }, { code: 'B' }]);
  });

  it('forces the policies on the tables’ owner too, and keeps out a login role that is no board user', async () => {
    const owner = await as('board_it');
    const forced = await owner.query<{ relname: string; relforcerowsecurity: boolean }>(
      `SELECT relname, relforcerowsecurity FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'fotowacht' AND c.relkind = 'r' AND relrowsecurity ORDER BY relname`,
    );
    expect(forced.rows.map((row) => row.relname)).toEqual(
      expect.arrayContaining(['people', 'consent_records', 'exports', 'export_items', 'region_links', 'schools']),
    );
    expect(forced.rows.every((row) => row.relforcerowsecurity)).toBe(true);
    await owner.query("CREATE ROLE stranger LOGIN PASSWORD 'stranger-password'");
    board.passwords.set('stranger', 'stranger-password');
    const stranger = await as('stranger');
    await expect(stranger.query('SELECT * FROM fotowacht.people')).rejects.toThrow(/permission denied/);
  });

  it('refuses audit events in another user’s name and any change to the trail’s past, owner included', async () => {
    const sql = await as('comm.a');
    const head = await sql.query<{ seq: string; hash: string }>('SELECT seq, hash FROM audit_head');
    const { seq, hash } = head.rows[0] ?? { seq: '0', hash: '' };
    await expect(
      sql.query(
        "INSERT INTO audit_events (seq, at, actor_os, actor_name, action, subject, details, prev_hash, hash) VALUES ($1, 'x', 'privacy', '', 'x', 'x', '{}', $2, repeat('1', 64))",
        [Number(seq) + 1, hash],
      ),
    ).rejects.toThrow(/actor must be the signed-in user/);
    await expect(
      sql.query(
        "INSERT INTO audit_events (seq, at, actor_os, actor_name, action, subject, details, prev_hash, hash) VALUES ($1, 'x', 'comm.a', '', 'x', 'x', '{}', repeat('0', 64), repeat('1', 64))",
        [Number(seq) + 1],
      ),
    ).rejects.toThrow(/does not follow the head/);
    const owner = await as('board_it');
    await expect(owner.query("UPDATE fotowacht.audit_events SET action = 'x'")).rejects.toThrow(/append-only/);
    await expect(owner.query('DELETE FROM fotowacht.audit_events')).rejects.toThrow(/append-only/);
    await expect(owner.query('TRUNCATE fotowacht.audit_events')).rejects.toThrow(/append-only/);
  });

  it('sends a new user’s password only as a SCRAM verifier (non-ASCII ones as is), and both sign in', async () => {
    const owner = await as('board_it');
    const accented = 'wachtwoord-één-twee-drie';
    await addUser(owner, { roleName: 'admin.accent', kind: 'school_admin', schools: ['A'], password: accented });
    board.passwords.set('admin.accent', accented);
    const superuser = new pg.Client({
      connectionString: cluster().urlFor('postgres', cluster().password, 'board_rls'),
    });
    await superuser.connect();
    try {
      const { rows } = await superuser.query<{ rolname: string; rolpassword: string }>(
        "SELECT rolname, rolpassword FROM pg_authid WHERE rolname IN ('comm.a', 'admin.accent') ORDER BY 1",
      );
      expect(rows.map((row) => row.rolpassword.startsWith('SCRAM-SHA-256$4096:'))).toEqual([true, true]);
      expect(rows.some((row) => row.rolpassword.includes(board.passwords.get('comm.a') ?? '-'))).toBe(false);
    } finally {
      await superuser.end();
    }
    for (const user of ['comm.a', 'admin.accent']) {
      const sql = await as(user);
      expect((await sql.query('SELECT session_user AS u')).rows).toEqual([{ u: user }]);
    }
  });
});
