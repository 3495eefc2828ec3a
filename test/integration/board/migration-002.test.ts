// Board migration 002 (the registry) over a board at version 1 with schools, users and rows: the never-publish mark
// (false for everyone there; off only by the privacy officer, the database refusing anyone else), a registry version
// per school raised once per statement that changes its registry, whoever writes, behind row-level security like the
// other tables, its lock for the registry's writers only, and the default channels for a school that has none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSchool, addUser, boardMigrations, migrateBoard, type BoardConnection } from '../../../electron/core/board';
import { createBoardDatabase, type TestBoard } from '../../helpers/board';
import { postgresMissing, useTestCluster } from '../../helpers/postgres';

const missing = postgresMissing();
if (missing) console.warn(missing);

describe.skipIf(missing !== null)('board migration 002: registry', () => {
  const cluster = useTestCluster();
  let board: TestBoard;
  const open: BoardConnection[] = [];
  const as = async (user: string) => {
    const connection = await board.connect(user);
    open.push(connection);
    return connection.client;
  };
  const ids = { a: 0, b: 0, pupil: 0 };

  beforeAll(async () => {
    board = await createBoardDatabase(cluster(), 'board_mig_002');
    const owner = await as('board_it');
    expect(await migrateBoard(owner, boardMigrations.slice(0, 1))).toEqual([1]);
    ids.a = (await addSchool(owner, 'A', 'De Akker')).id;
    ids.b = (await addSchool(owner, 'B', 'De Boog')).id;
    for (const [name, kind, schools] of [
      ['admin.a', 'school_admin', ['A']],
      ['comm.a', 'communications', ['A']],
      ['auditor', 'auditor', []],
      ['privacy', 'privacy_officer', []],
    ] as const) {
      const made = await addUser(owner, { roleName: name, kind, schools: [...schools] });
      board.passwords.set(name, made.password!);
    }
    // School A has a channel of its own and a pupil at version 1; B has nothing.
    await owner.query(
      "INSERT INTO fotowacht.channels (school_id, id, label_nl, label_en) VALUES ($1, 'jaarboek', 'Jaarboek', 'Yearbook')",
      [ids.a],
    );
    ids.pupil = Number(
      (
        await owner.query(
          "INSERT INTO fotowacht.people (school_id, kind, external_key, achternaam) VALUES ($1, 'pupil', '1001', 'Jansen') RETURNING id",
          [ids.a],
        )
      ).rows[0].id,
    );
    expect(await migrateBoard(owner, boardMigrations.slice(0, 2))).toEqual([2]);
  });
  afterAll(async () => {
    await Promise.all(open.map((connection) => connection.close()));
  });

  it('adds the mark (false for everyone), versions for every school, and channels only where there were none', async () => {
    const owner = await as('board_it');
    const people = await owner.query('SELECT protected FROM fotowacht.people');
    expect(people.rows).toEqual([{ protected: false }]);
    const versions = await owner.query(
      'SELECT school_id::int AS school, version::int FROM fotowacht.registry_versions ORDER BY 1',
    );
    expect(versions.rows).toEqual([
      { school: ids.a, version: 0 },
      { school: ids.b, version: 0 },
    ]);
    const channels = await owner.query(
      'SELECT school_id::int AS school, id FROM fotowacht.channels ORDER BY school_id, sort_order, id',
    );
    expect(channels.rows).toEqual([
      { school: ids.a, id: 'jaarboek' },
      ...['schoolgids', 'website', 'social', 'newsletter', 'parent_app'].map((id) => ({ school: ids.b, id })),
    ]);
    // A school added later starts with its version and the default channels.
    const c = await addSchool(owner, 'C', 'Het Lyceum');
    const cChannels = await owner.query('SELECT count(*)::int AS n FROM fotowacht.channels WHERE school_id = $1', [
      c.id,
    ]);
    expect(cChannels.rows[0].n).toBe(5);
    const cVersion = await owner.query('SELECT version::int FROM fotowacht.registry_versions WHERE school_id = $1', [
      c.id,
    ]);
    expect(cVersion.rows[0].version).toBe(1); // the channels' insert was its first registry change
  });

  it("raises a school's version once per statement that changes its registry, and no other school's", async () => {
    const admin = await as('admin.a');
    const version = async (school: number) =>
      Number(
        (await (await as('privacy')).query('SELECT version FROM registry_versions WHERE school_id = $1', [school]))
          .rows[0].version,
      );
    const [a0, b0] = [await version(ids.a), await version(ids.b)];
    await admin.query(
      `INSERT INTO people (school_id, kind, external_key, achternaam)
       SELECT $1, 'pupil', 'x' || n, 'Leerling' FROM generate_series(1, 50) n`,
      [ids.a],
    );
    expect(await version(ids.a)).toBe(a0 + 1);
    await admin.query("UPDATE people SET class_name = '5B' WHERE school_id = $1", [ids.a]);
    expect(await version(ids.a)).toBe(a0 + 2);
    await admin.query(
      `INSERT INTO consent_records (school_id, person_id, school_year, channel_id, version, status, effective_from, source)
       VALUES ($1, $2, '2026-2027', 'jaarboek', 1, 'granted', '2026-09-01', 'manual')`,
      [ids.a, ids.pupil],
    );
    expect(await version(ids.a)).toBe(a0 + 3);
    // Another school's version stays as it was.
    expect(await version(ids.b)).toBe(b0);
  });

  it('shows each user their own schools’ versions and gives the registry lock to its writers only', async () => {
    const seen = async (user: string) =>
      (await (await as(user)).query('SELECT school_id::int AS school FROM registry_versions ORDER BY 1')).rows.map(
        (row) => row.school,
      );
    expect(await seen('comm.a')).toEqual([ids.a]);
    expect(await seen('admin.a')).toEqual([ids.a]);
    expect((await seen('auditor')).length).toBe(3);
    const admin = await as('admin.a');
    expect((await admin.query('SELECT fotowacht.lock_registry($1) AS v', [ids.a])).rows[0].v).not.toBeNull();
    expect((await admin.query('SELECT fotowacht.lock_registry($1) AS v', [ids.b])).rows[0].v).toBeNull();
    for (const user of ['comm.a', 'auditor'])
      await expect((await as(user)).query('SELECT fotowacht.lock_registry($1)', [ids.a])).rejects.toThrow(
        /permission denied/,
      );
    await expect(admin.query('UPDATE registry_versions SET version = 0')).rejects.toThrow(/permission denied/);
  });

  it('lets anyone with the registry set the mark, and only the privacy officer take it off', async () => {
    const admin = await as('admin.a');
    await admin.query('UPDATE people SET protected = true WHERE id = $1', [ids.pupil]);
    await expect(admin.query('UPDATE people SET protected = false WHERE id = $1', [ids.pupil])).rejects.toThrow(
      /only the privacy officer/,
    );
    const owner = await as('board_it');
    await expect(
      owner.query('UPDATE fotowacht.people SET protected = false WHERE id = $1', [ids.pupil]),
    ).rejects.toThrow(/only the privacy officer/);
    await (await as('privacy')).query('UPDATE people SET protected = false WHERE id = $1', [ids.pupil]);
    const row = await owner.query('SELECT protected FROM fotowacht.people WHERE id = $1', [ids.pupil]);
    expect(row.rows[0].protected).toBe(false);
  });
});
