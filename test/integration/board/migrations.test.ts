// The board schema's migrations: numbered like the local ones, recorded in fotowacht.schema_migrations, each in a
// transaction, a newer database refused. One case per migration below the runner's cases.
import { afterAll, describe, expect, it } from 'vitest';
import {
  boardMigrations,
  boardSchemaVersion,
  migrateBoard,
  type BoardConnection,
  type BoardMigration,
} from '../../../electron/core/board';
import { createBoardDatabase } from '../../helpers/board';
import { postgresMissing, useTestCluster } from '../../helpers/postgres';

const missing = postgresMissing();
if (missing) console.warn(missing);

describe.skipIf(missing !== null)('board migrations', () => {
  const cluster = useTestCluster();
  const open: BoardConnection[] = [];
  const fresh = async (name: string): Promise<BoardConnection> => {
    const board = await createBoardDatabase(cluster(), name);
    const connection = await board.connect('board_it');
    open.push(connection);
    return connection;
  };
  afterAll(async () => {
    await Promise.all(open.map((connection) => connection.close()));
  });

  it('numbers the migrations 1, 2, … in order', () => {
    expect(boardMigrations.map((migration) => migration.version)).toEqual(boardMigrations.map((_, index) => index + 1));
  });

  it('applies each migration once and records it; a second run applies nothing', async () => {
    const { client } = await fresh('board_mig_once');
    expect(await boardSchemaVersion(client)).toBe(0);
    expect(await migrateBoard(client)).toEqual(boardMigrations.map((migration) => migration.version));
    const recorded = await client.query<{ version: number; name: string; applied_by: string }>(
      'SELECT version, name, applied_by FROM fotowacht.schema_migrations ORDER BY version',
    );
    expect(recorded.rows).toEqual(
      boardMigrations.map((migration) => ({
        version: migration.version,
        name: migration.name,
        applied_by: 'board_it',
      })),
    );
    expect(await migrateBoard(client)).toEqual([]);
  });

  it('refuses a database a newer Fotowacht migrated', async () => {
    const { client } = await fresh('board_mig_newer');
    await migrateBoard(client);
    await client.query("INSERT INTO fotowacht.schema_migrations (version, name) VALUES (99, 'from-the-future')");
    await expect(migrateBoard(client)).rejects.toThrow(/board\.newerSchema/);
  });

  it('rolls a failing migration back whole, keeping the versions before it', async () => {
    const { client } = await fresh('board_mig_fail');
    const broken: BoardMigration = {
      version: boardMigrations.length + 1,
      name: 'broken',
      async up(sql) {
        await sql.query('CREATE TABLE half_done (id int)');
        await sql.query('SELECT no_such_function()');
      },
    };
    await expect(migrateBoard(client, [...boardMigrations, broken])).rejects.toThrow(/no_such_function/);
    expect(await boardSchemaVersion(client)).toBe(boardMigrations.length);
    const table = await client.query("SELECT to_regclass('fotowacht.half_done') AS t");
    expect(table.rows[0]).toEqual({ t: null });
  });

  it('001 board: the tables, the four group roles (NOLOGIN), forced row-level security and the empty trail', async () => {
    const { client } = await fresh('board_mig_001');
    await migrateBoard(client, boardMigrations.slice(0, 1));
    const tables = await client.query<{ relname: string; forced: boolean }>(
      `SELECT c.relname, c.relforcerowsecurity AS forced FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'fotowacht' AND c.relkind = 'r' ORDER BY 1`,
    );
    const names = tables.rows.map((row) => row.relname);
    for (const table of [
      'schools',
      'people',
      'channels',
      'consent_imports',
      'consent_records',
      'consent_reasons',
      'exports',
      'export_items',
      'export_item_people',
      'region_links',
      'audit_events',
      'audit_head',
      'audit_personal',
    ])
      expect(names).toContain(table);
    const perSchool = tables.rows.filter((row) => !row.relname.startsWith('audit_') && row.relname !== 'board_meta');
    expect(perSchool.filter((row) => !row.forced).map((row) => row.relname)).toEqual([
      'board_user_schools',
      'board_users',
      'schema_migrations',
    ]);
    const roles = await client.query<{ rolname: string; rolcanlogin: boolean }>(
      "SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname LIKE 'fotowacht\\_%' ORDER BY 1",
    );
    expect(roles.rows).toEqual([
      { rolname: 'fotowacht_auditor', rolcanlogin: false },
      { rolname: 'fotowacht_communications', rolcanlogin: false },
      { rolname: 'fotowacht_privacy_officer', rolcanlogin: false },
      { rolname: 'fotowacht_school_admin', rolcanlogin: false },
    ]);
    const head = await client.query('SELECT seq::int AS seq, hash FROM fotowacht.audit_head');
    expect(head.rows).toEqual([{ seq: 0, hash: '0'.repeat(64) }]);
  });
});
