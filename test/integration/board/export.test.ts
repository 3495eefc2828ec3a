// Exports in board mode: with the server there, the export and what it rests on are recorded on the board with one
// event on its trail; without it, refused — unless the user allows this computer's snapshot and it is young enough,
// and then the manifest and the events say which snapshot, and the record reaches the board once it is back. A
// failed board write fails the export and takes its files back. Several workstations exporting at once (separate
// processes, separate data folders) leave one unforked chain.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../../electron/core/audit';
import {
  BOARD_SETTING,
  connectWorkstation,
  openBoardSession,
  outboxStatus,
  readBoardSettings,
  readBoardSnapshot,
  refreshBoardSnapshot,
  setSnapshotMaxAgeHours,
  syncOutbox,
  verifyBoardTrail,
  type BoardConnection,
} from '../../../electron/core/board';
import { openCore, type CoreContext } from '../../../electron/core/context';
import { startIndexJob } from '../../../electron/core/library/indexer';
import { linkRegion } from '../../../electron/core/people';
import { beginExport } from '../../../electron/core/publish';
import { writeSetting } from '../../../electron/core/settings';
import type { ExportSummary } from '../../../shared/publish';
import { fotowachtArgv } from '../../../scripts/run-fotowacht';
import { SAMPLE_PHOTOS, writeSampleSchool } from '../../../scripts/sample-school';
import { createBoardDatabase, seedBoard, type TestBoard } from '../../helpers/board';
import { cliEnv } from '../../helpers/cli';
import { markFacesChecked } from '../../helpers/school';
import { closedPort, postgresMissing, useTestCluster } from '../../helpers/postgres';
import { memoryKeyStore } from '../../helpers/keyStore';

const missing = postgresMissing();
if (missing) console.warn(missing);

const DATE = '2026-10-01';
/** Zoë (consent for the website) and Bram (refused) on one photo; Bram alone on another. */
const PHOTOS = SAMPLE_PHOTOS.filter((photo) => ['IMG_0001.jpg', 'IMG_0005.jpg'].includes(photo.file));

function cli(
  args: readonly string[],
  env: Record<string, string>,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, fotowachtArgv(args), { env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, out, err }));
  });
}

describe.skipIf(missing !== null)('exports in board mode', () => {
  const cluster = useTestCluster();
  let board: TestBoard;
  const dirs: string[] = [];
  const cores: CoreContext[] = [];
  const open: BoardConnection[] = [];
  const store = memoryKeyStore();
  const people = { zoe: 0, bram: 0, zoeRecord: 0 };
  const temp = (prefix: string): string => {
    const dir = mkdtempSync(path.join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
  const as = async (user: string): Promise<pg.ClientBase> => {
    const connection = await board.connect(user);
    open.push(connection);
    return connection.client;
  };

  /** A workstation of school A: its own data folder, connected as comm.a, the sample event indexed, copy made. */
  async function workstation(): Promise<{ core: CoreContext; eventId: number }> {
    const core = openCore({ dataDir: temp('fotowacht-ws-'), osUser: 'communicatie' });
    cores.push(core);
    await connectWorkstation({
      db: core.db,
      actor: core.actor(),
      dataDir: core.paths.root,
      url: board.urlFor('comm.a'),
      keyStore: store,
    });
    const session = await openBoardSession({ db: core.db, dataDir: core.paths.root, keyStore: store });
    await refreshBoardSnapshot(core.db, session!.connection.client);
    await session!.close();
    const school = await writeSampleSchool(temp('fotowacht-photos-'), PHOTOS);
    const indexed = await (await startIndexJob(core, school.eventDir)).finished;
    expect(indexed.state).toBe('done');
    // No detector model in this test: the faces count as checked (the tagged ones are what the decisions rest on).
    markFacesChecked(core);
    return { core, eventId: core.db.prepare('SELECT id FROM events').pluck().get() as number };
  }

  async function exportOf(core: CoreContext, eventId: number, allowSnapshot = false) {
    const outDir = path.join(temp('fotowacht-out-'), 'website');
    const handle = await beginExport(
      core,
      { channelId: 'website', date: DATE, eventId, outDir, allowSnapshot },
      { keyStore: store },
    );
    const finished = await handle.finished;
    return { finished, summary: finished.result as ExportSummary | null, outDir };
  }

  const unreachable = async (core: CoreContext): Promise<() => void> => {
    const settings = readBoardSettings(core.db)!;
    const port = await closedPort();
    writeSetting(core.db, BOARD_SETTING, { ...settings, url: settings.url.replace(/:\d+\//, `:${port}/`) });
    return () => writeSetting(core.db, BOARD_SETTING, settings);
  };

  beforeAll(async () => {
    board = await createBoardDatabase(cluster(), 'board_export');
    await seedBoard(board);
    const sql = await as('admin.a');
    const school = Number((await sql.query("SELECT id FROM schools WHERE code = 'A'")).rows[0].id);
    const person = async (key: string, roepnaam: string, tussenvoegsel: string | null, achternaam: string) =>
      Number(
        (
          await sql.query(
            `INSERT INTO people (school_id, kind, external_key, roepnaam, tussenvoegsel, achternaam, class_name)
             VALUES ($1, 'pupil', $2, $3, $4, $5, 'Groep 5') RETURNING id`,
            [school, key, roepnaam, tussenvoegsel, achternaam],
          )
        ).rows[0].id,
      );
    const record = async (personId: number, status: string) =>
      Number(
        (
          await sql.query(
            `INSERT INTO consent_records (school_id, person_id, school_year, channel_id, version, status, signed_by,
               signed_on, effective_from, source)
             VALUES ($1, $2, '2026-2027', 'website', 1, $3, 'parent', '2026-09-01', '2026-09-01', 'manual')
             RETURNING id`,
            [school, personId, status],
          )
        ).rows[0].id,
      );
    people.zoe = await person('1001', 'Zoë', null, 'Bakker');
    people.bram = await person('1007', 'Bram', 'ter', 'Horst');
    people.zoeRecord = await record(people.zoe, 'granted');
    await record(people.bram, 'refused');
  }, 120_000);
  afterAll(async () => {
    await Promise.all(open.map((connection) => connection.close()));
    await Promise.all(cores.map((core) => core.close()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('records the export, its items, the visible people and the links they rest on, with one board event', async () => {
    const { core, eventId } = await workstation();
    const { summary, outDir } = await exportOf(core, eventId);
    expect(summary).toMatchObject({ exported: 2, failed: 0, board: { mode: 'online', school: 'A' } });
    const boardExportId = summary!.board!.exportId!;
    expect(boardExportId).toBeGreaterThan(0);
    const copy = readBoardSnapshot(core.db)!;
    const manifest = JSON.parse(readFileSync(path.join(outDir, 'manifest.json'), 'utf8')) as {
      board: { mode: string; snapshot: { hash: string; refreshedAt: string; user: string } };
    };
    expect(manifest.board).toEqual({
      mode: 'online',
      school: 'A',
      snapshot: { refreshedAt: copy.refreshedAt, hash: copy.contentHash, user: 'comm.a' },
    });

    const privacy = await as('privacy');
    const exported = await privacy.query(
      'SELECT state, workstation, manifest_sha256, actor, channel_id FROM exports WHERE id = $1',
      [boardExportId],
    );
    expect(exported.rows[0]).toMatchObject({
      state: 'done',
      workstation: outboxStatus(core.db).workstation,
      manifest_sha256: summary!.manifestSha256,
      actor: 'comm.a',
      channel_id: 'website',
    });
    const items = await privacy.query('SELECT id, state, decision FROM export_items WHERE export_id = $1', [
      boardExportId,
    ]);
    expect(items.rows.map((row: { decision: string }) => row.decision).sort()).toEqual(['hide', 'hide']);
    const visible = await privacy.query(
      `SELECT p.person_id::int AS person, p.consent_record_id::int AS record FROM export_item_people p
         JOIN export_items i ON i.id = p.export_item_id WHERE i.export_id = $1`,
      [boardExportId],
    );
    expect(visible.rows).toEqual([
      { person: people.zoe, record: people.zoeRecord },
      { person: people.zoe, record: people.zoeRecord },
    ]);
    const links = await privacy.query('SELECT person_id::int AS person, region_key FROM region_links');
    expect(links.rows.length).toBe(2);
    for (const row of links.rows as Array<{ person: number; region_key: string }>) {
      expect(row.person).toBe(people.zoe);
      expect(row.region_key).toMatch(/^file\/mwg-rs\/[0-9.,]+$/);
    }
    const events = await privacy.query(
      "SELECT details FROM audit_events WHERE action = 'export.done' AND details::jsonb ->> 'boardExportId' = $1",
      [String(boardExportId)],
    );
    expect(events.rows).toHaveLength(1);
    expect(JSON.parse((events.rows[0] as { details: string }).details)).toMatchObject({
      localExportId: summary!.exportId,
      snapshot: { hash: copy.contentHash },
    });
    // The local trail has the event too, not queued a second time; the indexing went up before the export.
    expect(listAuditEvents(core.db, { limit: 5, action: 'export.done' })[0]!.details).toMatchObject({
      boardExportId,
    });
    expect(outboxStatus(core.db).queued).toBe(0);
    expect((await verifyBoardTrail(privacy)).ok).toBe(true);
  });

  it('refuses an export while the server is away, and writes nothing that looks published', async () => {
    const { core, eventId } = await workstation();
    await unreachable(core);
    const outDir = path.join(temp('fotowacht-out-'), 'website');
    await expect(
      beginExport(core, { channelId: 'website', date: DATE, eventId, outDir }, { keyStore: store }),
    ).rejects.toThrow(/board\.exportUnreachable/);
    expect(existsSync(outDir) ? readdirSync(outDir) : []).toEqual([]);
    expect(core.db.prepare("SELECT count(*) FROM exports WHERE state = 'done'").pluck().get()).toBe(0);
    // The CLI says why and what to do, and exits non-zero.
    const result = await cli(
      [
        '--data-dir',
        core.paths.root,
        'export',
        '--event',
        String(eventId),
        '--channel',
        'website',
        '--date',
        DATE,
        '--out',
        outDir,
      ],
      { PGPASSWORD: board.passwords.get('comm.a')! },
    );
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/cannot be reached.*allow this computer's snapshot.*24 hours/s);
  });

  it('exports on a snapshot within the allowed age, naming it; the record reaches the board when it is back', async () => {
    const { core, eventId } = await workstation();
    const restore = await unreachable(core);
    const copy = readBoardSnapshot(core.db)!;
    const { summary, outDir } = await exportOf(core, eventId, true);
    expect(summary).toMatchObject({
      exported: 2,
      board: { mode: 'snapshot', exportId: null, snapshot: { hash: copy.contentHash, refreshedAt: copy.refreshedAt } },
    });
    const manifest = JSON.parse(readFileSync(path.join(outDir, 'manifest.json'), 'utf8')) as { board: unknown };
    expect(manifest.board).toEqual({
      mode: 'snapshot',
      school: 'A',
      snapshot: { refreshedAt: copy.refreshedAt, hash: copy.contentHash, user: 'comm.a' },
    });
    const local = listAuditEvents(core.db, { limit: 1, action: 'export.done' })[0]!;
    expect(local.details).toMatchObject({ snapshot: { hash: copy.contentHash, user: 'comm.a' } });
    expect(outboxStatus(core.db).queued).toBeGreaterThan(0);

    restore();
    const session = await openBoardSession({ db: core.db, dataDir: core.paths.root, keyStore: store });
    open.push(session!.connection);
    await syncOutbox(core.db, session!.connection.client);
    const privacy = await as('privacy');
    const { rows } = await privacy.query<{ details: string }>(
      "SELECT details FROM audit_events WHERE action = 'export.done' AND details LIKE $1",
      [`%${outboxStatus(core.db).workstation}%`],
    );
    expect(rows).toHaveLength(1);
    const details = JSON.parse(rows[0]!.details) as { boardExportId: number; snapshot: { hash: string } };
    expect(details.snapshot.hash).toBe(copy.contentHash);
    const recorded = await privacy.query('SELECT settings FROM exports WHERE id = $1', [details.boardExportId]);
    expect(recorded.rows[0]).toMatchObject({
      settings: { offline: true, snapshot: { hash: copy.contentHash }, localExportId: summary!.exportId },
    });
    const visible = await privacy.query(
      `SELECT count(*)::int AS n FROM export_item_people p JOIN export_items i ON i.id = p.export_item_id
        WHERE i.export_id = $1`,
      [details.boardExportId],
    );
    expect(visible.rows[0]).toEqual({ n: 2 });
  });

  it('takes a face named while the server was away up to the board with the trail', async () => {
    const { core } = await workstation();
    const restore = await unreachable(core);
    const region = core.db
      .prepare("SELECT id, photo_hash AS photoHash FROM regions WHERE name = '' AND source = 'file'")
      .get() as { id: number; photoHash: string };
    linkRegion(core.db, core.actor(), region.id, people.zoe);
    const queued = core.db.prepare('SELECT payload FROM board_outbox ORDER BY local_seq DESC LIMIT 1').pluck().get();
    expect(JSON.parse(queued as string)).toMatchObject({ regionLink: { photoHash: region.photoHash } });
    restore();
    const session = await openBoardSession({ db: core.db, dataDir: core.paths.root, keyStore: store });
    open.push(session!.connection);
    await syncOutbox(core.db, session!.connection.client);
    const privacy = await as('privacy');
    const { rows } = await privacy.query(
      'SELECT person_id::int AS person, linked_by FROM region_links WHERE photo_hash = $1 AND person_id = $2',
      [region.photoHash, people.zoe],
    );
    // Among the photo's links (an export may have recorded Zoë's tagged face too) is the face named offline.
    expect(rows).toContainEqual({ person: people.zoe, linked_by: 'comm.a' });
    const linked = await privacy.query(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'people.link' AND details LIKE $1",
      [`%${outboxStatus(core.db).workstation}%`],
    );
    expect(linked.rows[0]).toEqual({ n: 1 });
  });

  it("refuses an auditor's export: the auditor only reads the board", async () => {
    const core = openCore({ dataDir: temp('fotowacht-ws-') });
    cores.push(core);
    await connectWorkstation({
      db: core.db,
      actor: core.actor(),
      dataDir: core.paths.root,
      url: board.urlFor('auditor'),
      keyStore: store,
    });
    const outDir = path.join(temp('fotowacht-out-'), 'website');
    await expect(
      beginExport(
        core,
        { channelId: 'website', date: DATE, eventId: 1, outDir, allowSnapshot: true },
        { keyStore: store },
      ),
    ).rejects.toThrow(/board\.exportReadOnly/);
    expect(existsSync(outDir)).toBe(false);
  });

  it('refuses a snapshot older than the set age, saying how old it is', async () => {
    const { core, eventId } = await workstation();
    await unreachable(core);
    setSnapshotMaxAgeHours(core.db, core.actor(), 2);
    const threeHoursAgo = new Date(Date.now() - 3 * 3_600_000).toISOString();
    core.db.prepare('UPDATE board_snapshot SET refreshed_at = ?').run(threeHoursAgo);
    const outDir = path.join(temp('fotowacht-out-'), 'website');
    await expect(
      beginExport(
        core,
        { channelId: 'website', date: DATE, eventId, outDir, allowSnapshot: true },
        { keyStore: store },
      ),
    ).rejects.toMatchObject({ code: 'board.snapshotTooOld', params: { ageHours: 3, maxHours: 2 } });
    expect(existsSync(outDir) ? readdirSync(outDir) : []).toEqual([]);
  });

  it('fails the export, and takes its files back, when the board refuses to record it', async () => {
    const { core, eventId } = await workstation();
    const superuser = new pg.Client({
      connectionString: cluster().urlFor('postgres', cluster().password, board.database),
    });
    await superuser.connect();
    try {
      await superuser.query('REVOKE INSERT ON fotowacht.exports FROM fotowacht_communications');
      const { finished, outDir } = await exportOf(core, eventId);
      expect(finished.state).toBe('failed');
      expect(finished.error).toMatchObject({ code: 'board.exportNotRecorded', params: { code: 'board.notAllowed' } });
      expect(readdirSync(outDir)).toEqual([]);
      expect(core.db.prepare('SELECT state FROM exports ORDER BY id DESC LIMIT 1').pluck().get()).toBe('failed');
    } finally {
      await superuser.query('GRANT INSERT ON fotowacht.exports TO fotowacht_communications');
      await superuser.end();
    }
  });

  it('leaves one unforked chain when three workstations export at once, each in its own process', async () => {
    const stations = [await workstation(), await workstation(), await workstation()];
    const outDirs = stations.map(() => path.join(temp('fotowacht-out-'), 'website'));
    const results = await Promise.all(
      stations.map(({ core, eventId }, index) =>
        cli(
          [
            '--json',
            '--data-dir',
            core.paths.root,
            'export',
            '--event',
            String(eventId),
            '--channel',
            'website',
            '--date',
            DATE,
            '--out',
            outDirs[index]!,
          ],
          { PGPASSWORD: board.passwords.get('comm.a')! },
        ),
      ),
    );
    const ids: number[] = [];
    for (const result of results) {
      expect(result.code, result.err).toBe(0);
      const summary = JSON.parse(result.out) as ExportSummary;
      expect(summary).toMatchObject({ exported: 2, board: { mode: 'online' } });
      ids.push(summary.board!.exportId!);
    }
    expect(new Set(ids).size).toBe(3);
    const auditor = await as('auditor');
    expect((await verifyBoardTrail(auditor)).ok).toBe(true);
    const all = await auditor.query<{ prev_hash: string }>('SELECT prev_hash FROM audit_events');
    expect(new Set(all.rows.map((row) => row.prev_hash)).size).toBe(all.rows.length);
    const done = await auditor.query(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'export.done' AND (details::jsonb ->> 'boardExportId')::int = ANY ($1)",
      [ids],
    );
    expect(done.rows[0]).toEqual({ n: 3 });
  }, 240_000);
});
