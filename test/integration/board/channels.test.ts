// Channels in board mode: a school's administrator (and the board's privacy officer) adds, renames, retires and
// deletes the school's channels on the board, each with its event on the board's trail; the other workstations of the
// school pick the change up at their next refresh. The database refuses communications staff, raw SQL included, and
// row-level security keeps another school's administrator out; a used channel is only retired.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  boardAddChannel,
  boardDeleteChannel,
  boardRenameChannel,
  boardRetireChannel,
  refreshBoardSnapshot,
  verifyBoardTrail,
  type BoardConnection,
  type BoardRegistryContext,
} from '../../../electron/core/board';
import { listChannels } from '../../../electron/core/consent';
import { openCore, type CoreContext } from '../../../electron/core/context';
import { createBoardDatabase, seedBoard, type TestBoard } from '../../helpers/board';
import { postgresMissing, useTestCluster } from '../../helpers/postgres';
import { useTempDirs } from '../../helpers/tempDir';

const missing = postgresMissing();
if (missing) console.warn(missing);

describe.skipIf(missing !== null)('channels in board mode', () => {
  const cluster = useTestCluster();
  const tempDir = useTempDirs();
  let board: TestBoard;
  const cores: CoreContext[] = [];
  const open: BoardConnection[] = [];
  let schoolA = 0;
  const as = async (user: string): Promise<pg.ClientBase> => {
    const connection = await board.connect(user);
    open.push(connection);
    return connection.client;
  };
  /** A workstation of school A signed in as `user`, its copy fetched. */
  const workstation = async (user: string): Promise<BoardRegistryContext> => {
    const core = openCore({ dataDir: tempDir(), osUser: user.replace('.', '-') });
    cores.push(core);
    const sql = await as(user);
    await refreshBoardSnapshot(core.db, sql, { school: 'A' });
    return { db: core.db, sql, displayName: `${user} (test)` };
  };
  const channelsOnBoard = async () =>
    (
      await (
        await as('privacy')
      ).query(
        `SELECT id, label_nl AS "labelNl", retired_at IS NOT NULL AS retired FROM fotowacht.channels
          WHERE school_id = $1 ORDER BY sort_order, id`,
        [schoolA],
      )
    ).rows as Array<{ id: string; labelNl: string; retired: boolean }>;

  beforeAll(async () => {
    board = await createBoardDatabase(cluster(), 'board_channels');
    await seedBoard(board);
    const admin = await as('admin.a');
    schoolA = Number((await admin.query("SELECT id FROM fotowacht.schools WHERE code = 'A'")).rows[0].id);
    // A pupil with consent for the website: that channel is used.
    const pupil = Number(
      (
        await admin.query(
          "INSERT INTO fotowacht.people (school_id, kind, external_key, achternaam) VALUES ($1, 'pupil', '1001', 'Bakker') RETURNING id",
          [schoolA],
        )
      ).rows[0].id,
    );
    await admin.query(
      `INSERT INTO fotowacht.consent_records (school_id, person_id, school_year, channel_id, version, status,
         effective_from, source) VALUES ($1, $2, '2026-2027', 'website', 1, 'granted', '2026-09-01', 'manual')`,
      [schoolA, pupil],
    );
  }, 120_000);
  afterAll(async () => {
    await Promise.all(open.map((connection) => connection.close()));
    await Promise.all(cores.map((core) => core.close()));
  });

  it("lets the school's administrator change the channels on the board; the other workstations follow", async () => {
    const admin = await workstation('admin.a');
    const comm = await workstation('comm.a');
    const added = await boardAddChannel(admin, { labelNl: 'Jaarboek', labelEn: 'Yearbook' });
    expect(added).toMatchObject({ id: 'jaarboek', labelNl: 'Jaarboek', labelEn: 'Yearbook', retiredAt: null });
    const renamed = await boardRenameChannel(admin, { id: 'website', labelNl: 'Website De Akker' });
    expect(renamed).toMatchObject({ id: 'website', labelNl: 'Website De Akker', labelEn: 'School website' });
    const retired = await boardRetireChannel(admin, { id: 'social', retired: true });
    expect(retired.retiredAt).not.toBeNull();
    // A used channel is only retired; one nothing refers to may go.
    await expect(boardDeleteChannel(admin, { id: 'website' })).rejects.toMatchObject({ code: 'consent.channel.inUse' });
    await boardDeleteChannel(admin, { id: 'newsletter' });

    const expected = [
      { id: 'schoolgids', labelNl: 'Schoolgids en brochure', retired: false },
      { id: 'website', labelNl: 'Website De Akker', retired: false },
      { id: 'social', labelNl: 'Sociale media van de school', retired: true },
      { id: 'parent_app', labelNl: 'Ouderapp / ouderportaal', retired: false },
      { id: 'jaarboek', labelNl: 'Jaarboek', retired: false },
    ];
    expect(await channelsOnBoard()).toEqual(expected);
    const local = (context: BoardRegistryContext) =>
      listChannels(context.db).map((c) => ({ id: c.id, labelNl: c.labelNl, retired: c.retiredAt !== null }));
    expect(local(admin)).toEqual(expected);
    // The communications workstation has the old channels until its next refresh, then the board's.
    expect(local(comm).map((c) => c.id)).toContain('newsletter');
    await refreshBoardSnapshot(comm.db, comm.sql);
    expect(local(comm)).toEqual(expected);

    // Each change has its event on the board's trail, in the administrator's name; a no-op logs nothing.
    await boardRenameChannel(admin, { id: 'website', labelNl: 'Website De Akker' });
    const privacy = await as('privacy');
    const events = await privacy.query<{ action: string; actor_os: string; subject: string }>(
      "SELECT action, actor_os, subject FROM fotowacht.audit_events WHERE action LIKE 'channel.%' ORDER BY seq",
    );
    expect(events.rows).toEqual([
      { action: 'channel.add', actor_os: 'admin.a', subject: 'channel:jaarboek' },
      { action: 'channel.rename', actor_os: 'admin.a', subject: 'channel:website' },
      { action: 'channel.retire', actor_os: 'admin.a', subject: 'channel:social' },
      { action: 'channel.delete', actor_os: 'admin.a', subject: 'channel:newsletter' },
    ]);
    expect((await verifyBoardTrail(privacy)).ok).toBe(true);

    // The board's privacy officer may too (here: bringing the retired channel back).
    const officer = await workstation('privacy');
    expect((await boardRetireChannel(officer, { id: 'social', retired: false })).retiredAt).toBeNull();
    expect((await channelsOnBoard()).find((c) => c.id === 'social')?.retired).toBe(false);
  });

  it('refuses communications staff, raw SQL too, and keeps another school out', async () => {
    const before = await channelsOnBoard();
    const comm = await workstation('comm.a');
    await expect(boardAddChannel(comm, { labelNl: 'Schoolkrant' })).rejects.toMatchObject({
      code: 'board.notAllowed',
    });
    await expect(boardRenameChannel(comm, { id: 'website', labelNl: 'Onze site' })).rejects.toMatchObject({
      code: 'board.notAllowed',
    });
    const sql = await as('comm.a');
    for (const query of [
      "INSERT INTO fotowacht.channels (school_id, id, label_nl, label_en) VALUES ($1, 'krant', 'Krant', 'Paper')",
      "UPDATE fotowacht.channels SET label_nl = 'Onze site' WHERE school_id = $1 AND id = 'website'",
      "UPDATE fotowacht.channels SET retired_at = now() WHERE school_id = $1 AND id = 'website'",
      "DELETE FROM fotowacht.channels WHERE school_id = $1 AND id = 'jaarboek'",
    ])
      await expect(sql.query(query, [schoolA]), query).rejects.toMatchObject({ code: '42501' });
    // School B's administrator neither sees nor changes school A's channels.
    const other = await as('admin.b');
    const changed = await other.query(
      "UPDATE fotowacht.channels SET label_nl = 'Overgenomen' WHERE school_id = $1 AND id = 'website'",
      [schoolA],
    );
    expect(changed.rowCount).toBe(0);
    const deleted = await other.query("DELETE FROM fotowacht.channels WHERE school_id = $1 AND id = 'jaarboek'", [
      schoolA,
    ]);
    expect(deleted.rowCount).toBe(0);
    await expect(
      other.query(
        "INSERT INTO fotowacht.channels (school_id, id, label_nl, label_en) VALUES ($1, 'krant', 'Krant', 'Paper')",
        [schoolA],
      ),
    ).rejects.toMatchObject({ code: '42501' });
    expect(await channelsOnBoard()).toEqual(before);
  });
});
