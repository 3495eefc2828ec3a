// Offline work reaches the board's one trail: in board mode every local audit event is queued, and appended to the
// board's trail in the local order once the server is reachable — exactly once, even after a crash between the
// append and the local clean-up, and never in place of another workstation's events under the same key.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audited } from '../../../electron/core/audit';
import {
  BOARD_SETTING,
  connectWorkstation,
  openBoardSession,
  outboxStatus,
  readBoardSettings,
  syncOutbox,
  verifyBoardTrail,
  workstationRegistry,
  type BoardConnection,
} from '../../../electron/core/board';
import { openCore, type CoreContext } from '../../../electron/core/context';
import { writeSetting } from '../../../electron/core/settings';
import { createBoardDatabase, seedBoard, type TestBoard } from '../../helpers/board';
import { closedPort, postgresMissing, useTestCluster } from '../../helpers/postgres';
import { memoryKeyStore } from '../../helpers/keyStore';

const missing = postgresMissing();
if (missing) console.warn(missing);

interface BoardTrailRow {
  seq: number;
  actor_os: string;
  actor_name: string;
  action: string;
  details: string;
}

describe.skipIf(missing !== null)('the outbox of offline work', () => {
  const cluster = useTestCluster();
  let board: TestBoard;
  const dirs: string[] = [];
  const cores: CoreContext[] = [];
  const open: BoardConnection[] = [];
  const store = memoryKeyStore();

  const workstation = async (user = 'comm.a'): Promise<CoreContext> => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fotowacht-outbox-'));
    dirs.push(dir);
    const core = openCore({ dataDir: dir, osUser: 'juf.anna' });
    cores.push(core);
    await connectWorkstation({
      db: core.db,
      actor: core.actor(),
      dataDir: core.paths.root,
      url: board.urlFor(user),
      keyStore: store,
    });
    return core;
  };
  const session = async (core: CoreContext): Promise<BoardConnection> => {
    const opened = await openBoardSession({ db: core.db, dataDir: core.paths.root, keyStore: store });
    open.push(opened!.connection);
    return opened!.connection;
  };
  const localWork = (core: CoreContext, action: string, count: number): void => {
    for (let index = 0; index < count; index += 1)
      audited(core.db, core.actor(), (log) =>
        log({ action, subject: `event:${index}`, details: { index, files: 10 + index } }),
      );
  };
  const boardRows = async (where = "action <> 'board.migrate'"): Promise<BoardTrailRow[]> => {
    const auditor = await board.connect('auditor');
    open.push(auditor);
    const { rows } = await auditor.client.query<BoardTrailRow & { seq: string }>(
      `SELECT seq::text, actor_os, actor_name, action, details FROM fotowacht.audit_events WHERE ${where} ORDER BY audit_events.seq`,
    );
    return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
  };
  const fromWorkstation = (row: BoardTrailRow) =>
    (JSON.parse(row.details) as { fromWorkstation?: { id: string; seq: number; hash: string } }).fromWorkstation;

  beforeAll(async () => {
    board = await createBoardDatabase(cluster(), 'board_outbox');
    await seedBoard(board);
  });
  afterAll(async () => {
    await Promise.all(open.map((connection) => connection.close()));
    await Promise.all(cores.map((core) => core.close()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('queues nothing in single-laptop mode, and every local event in board mode', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fotowacht-outbox-'));
    dirs.push(dir);
    const laptop = openCore({ dataDir: dir });
    cores.push(laptop);
    localWork(laptop, 'library.index', 3);
    expect(outboxStatus(laptop.db).queued).toBe(0);

    const core = await workstation();
    // Connecting is itself a local event of board mode: it goes up too.
    expect(outboxStatus(core.db).queued).toBe(1);
    localWork(core, 'library.index', 2);
    localWork(core, 'people.link', 2);
    expect(outboxStatus(core.db)).toMatchObject({ queued: 5, workstation: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });

  it('appends the queued events in the local order, as the signed-in user, in one chain that verifies', async () => {
    const core = await workstation();
    localWork(core, 'library.index', 3);
    localWork(core, 'review.name', 4);
    const { workstation: id } = outboxStatus(core.db);
    const sql = (await session(core)).client;
    const progress: Array<[number, number]> = [];
    const result = await syncOutbox(core.db, sql, {
      batchSize: 3,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(result).toEqual({ appended: 8, alreadyThere: 0, remaining: 0 });
    expect(progress.at(0)).toEqual([0, 8]);
    expect(progress.at(-1)).toEqual([8, 8]);
    expect(outboxStatus(core.db).queued).toBe(0);

    const mine = (await boardRows()).filter((row) => fromWorkstation(row)?.id === id);
    expect(mine.map((row) => row.action)).toEqual([
      'board.connect',
      ...Array<string>(3).fill('library.index'),
      ...Array<string>(4).fill('review.name'),
    ]);
    const seqs = mine.map((row) => fromWorkstation(row)!.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    for (const row of mine) expect(row).toMatchObject({ actor_os: 'comm.a' });
    expect((await verifyBoardTrail((await board.connect('auditor')).client)).ok).toBe(true);
  });

  it('appends exactly once after a crash between the append and the local clean-up', async () => {
    const core = await workstation();
    localWork(core, 'library.index', 3);
    const { workstation: id } = outboxStatus(core.db);
    const queued = core.db.prepare('SELECT * FROM board_outbox ORDER BY local_seq').all() as Array<{
      local_seq: number;
      queued_at: string;
      payload: string;
    }>;
    const sql = (await session(core)).client;
    expect(await syncOutbox(core.db, sql)).toMatchObject({ appended: 4 });
    // The state a crash right after the server's commit leaves: the board has the events, the outbox still too.
    const put = core.db.prepare('INSERT INTO board_outbox (local_seq, queued_at, payload) VALUES (?, ?, ?)');
    for (const row of queued) put.run(row.local_seq, row.queued_at, row.payload);
    localWork(core, 'review.name', 1);
    expect(await syncOutbox(core.db, sql)).toEqual({ appended: 1, alreadyThere: 4, remaining: 0 });
    const mine = (await boardRows()).filter((row) => fromWorkstation(row)?.id === id);
    // Each local event once on the board, in the local order: the four before the crash, then the new one.
    const seqs = mine.map((row) => fromWorkstation(row)!.seq);
    expect(seqs).toHaveLength(5);
    expect(seqs.slice(0, 4)).toEqual(queued.map((row) => row.local_seq));
    expect(seqs[4]).toBeGreaterThan(seqs[3]!);
  });

  it('appends once when two processes of one workstation sync at the same time', async () => {
    const core = await workstation();
    localWork(core, 'library.index', 20);
    const { workstation: id } = outboxStatus(core.db);
    const [first, second] = [await session(core), await session(core)];
    const results = await Promise.all([
      syncOutbox(core.db, first.client, { batchSize: 7 }),
      syncOutbox(core.db, second.client, { batchSize: 7 }),
    ]);
    expect(results.reduce((sum, result) => sum + result.appended, 0)).toBe(21);
    const mine = (await boardRows()).filter((row) => fromWorkstation(row)?.id === id);
    expect(mine).toHaveLength(21);
    expect(new Set(mine.map((row) => fromWorkstation(row)!.seq)).size).toBe(21);
  });

  it('refuses another event under a key already used (a copied data folder), and keeps the queue', async () => {
    const original = await workstation();
    expect(await syncOutbox(original.db, (await session(original)).client)).toMatchObject({ appended: 1 });
    const copy = await workstation();
    // The copy claims the original's workstation id: its first local events differ from the original's.
    copy.db.prepare('UPDATE board_workstation SET workstation = ?').run(outboxStatus(original.db).workstation);
    localWork(copy, 'library.index', 1);
    await expect(syncOutbox(copy.db, (await session(copy)).client)).rejects.toThrow(/board\.outboxConflict/);
    expect(outboxStatus(copy.db).queued).toBe(2);
  });

  it('keeps personal details beside the board chain too, not in it', async () => {
    const core = await workstation();
    audited(core.db, core.actor(), (log) =>
      log({
        action: 'review.guest',
        subject: 'photo:' + 'a'.repeat(64),
        details: { region: 1 },
        personal: { about: ['0123456789abcdef'], details: { reason: 'oma van Sem' } },
      }),
    );
    const { workstation: id } = outboxStatus(core.db);
    await syncOutbox(core.db, (await session(core)).client);
    const privacy = await board.connect('privacy');
    open.push(privacy);
    const { rows } = await privacy.client.query<{ details: string; personal: string | null }>(
      `SELECT e.details, p.details AS personal FROM fotowacht.audit_events e
         LEFT JOIN fotowacht.audit_personal p ON p.seq = e.seq WHERE e.action = 'review.guest'`,
    );
    const row = rows.find((candidate) => candidate.details.includes(id))!;
    expect(row.details).not.toContain('oma van Sem');
    expect(JSON.parse(row.personal!)).toEqual({ reason: 'oma van Sem' });
    expect((await verifyBoardTrail(privacy.client)).ok).toBe(true);
  });

  it('keeps queuing while the server is away, and appends in order once it is back', async () => {
    const core = await workstation();
    const settings = readBoardSettings(core.db)!;
    const port = await closedPort();
    writeSetting(core.db, BOARD_SETTING, { ...settings, url: settings.url.replace(/:\d+\//, `:${port}/`) });
    localWork(core, 'library.index', 2);
    localWork(core, 'review.name', 2);
    await expect(openBoardSession({ db: core.db, dataDir: core.paths.root, keyStore: store })).rejects.toThrow(
      /board\.unreachable/,
    );
    expect(outboxStatus(core.db).queued).toBe(5);
    writeSetting(core.db, BOARD_SETTING, settings);
    const { workstation: id } = outboxStatus(core.db);
    expect(await syncOutbox(core.db, (await session(core)).client)).toEqual({
      appended: 5,
      alreadyThere: 0,
      remaining: 0,
    });
    const mine = (await boardRows()).filter((row) => fromWorkstation(row)?.id === id);
    expect(mine.map((row) => row.action)).toEqual([
      'board.connect',
      'library.index',
      'library.index',
      'review.name',
      'review.name',
    ]);
  });

  it('keeps the keys add-only, each user seeing and adding only their own (board migration 003)', async () => {
    const core = await workstation();
    await syncOutbox(core.db, (await session(core)).client);
    const comm = await board.connect('comm.a');
    const admin = await board.connect('admin.b');
    const auditor = await board.connect('auditor');
    open.push(comm, admin, auditor);
    const { workstation: id } = outboxStatus(core.db);
    const mine = 'SELECT count(*)::int AS n FROM fotowacht.workstation_events WHERE workstation = $1';
    expect((await comm.client.query(mine, [id])).rows[0]).toEqual({ n: 1 });
    expect((await admin.client.query(mine, [id])).rows[0]).toEqual({ n: 0 });
    expect((await auditor.client.query(mine, [id])).rows[0]).toEqual({ n: 1 });
    await expect(
      comm.client.query('DELETE FROM fotowacht.workstation_events WHERE workstation = $1', [id]),
    ).rejects.toThrow(/append-only|permission denied/);
    await expect(
      comm.client.query('UPDATE fotowacht.workstation_events SET local_hash = $2 WHERE workstation = $1', [
        id,
        'f'.repeat(64),
      ]),
    ).rejects.toThrow(/append-only|permission denied/);
    // Nobody records a key in another user's name.
    await expect(
      admin.client.query(
        `INSERT INTO fotowacht.workstation_events (workstation, local_seq, local_hash, board_seq, appended_by)
         VALUES ($1, 999, $2, 999999, 'comm.a')`,
        ['e'.repeat(32), 'e'.repeat(64)],
      ),
    ).rejects.toThrow(/row-level security/);
    const owner = await board.connect('board_it');
    open.push(owner);
    await expect(owner.client.query('DELETE FROM fotowacht.workstation_events')).rejects.toThrow(/append-only/);
  });

  it('sends the queue when a session opens for the registry (a refresh here), before its own work', async () => {
    const core = await workstation();
    localWork(core, 'review.name', 3);
    const { workstation: id } = outboxStatus(core.db);
    await workstationRegistry({
      db: core.db,
      dataDir: core.paths.root,
      displayName: () => '',
      keyStore: store,
    }).refresh();
    expect(outboxStatus(core.db).queued).toBe(0);
    const mine = (await boardRows()).filter((row) => fromWorkstation(row)?.id === id);
    expect(mine.map((row) => row.action)).toEqual(['board.connect', 'review.name', 'review.name', 'review.name']);
  });
});
