// Issue 16's test in one go: several workstations — separate processes with their own data folders, each signed in
// as its own database user — work against one board at the same moment: the administrations of two schools import
// consent lists and withdraw consent, their communications staff export events, a third workstation of school B
// finds the server away (its export refused, then made on its snapshot), and the auditor verifies the trail while
// the others write. Afterwards: one consistent registry (every import and withdrawal there exactly once, the
// versions without gaps, each workstation's refreshed copy equal to the board's rows of its school), one unforked
// chain that `fotowacht server verify` accepts, row-level security holding per role, and the snapshot export on the
// board exactly once.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay, schoolYearOf } from '../../../shared/consent';
import type { ExportSummary } from '../../../shared/publish';
import {
  BOARD_SETTING,
  boardCredentialAccount,
  connectWorkstation,
  openBoardSession,
  outboxStatus,
  readBoardSettings,
  refreshBoardSnapshot,
  workstationRegistry,
  type BoardConnection,
} from '../../../electron/core/board';
import { describeConsentList, readConsentList } from '../../../electron/core/consent';
import { openCore } from '../../../electron/core/context';
import { startIndexJob } from '../../../electron/core/library/indexer';
import { writeSetting } from '../../../electron/core/settings';
import { SAMPLE_PEOPLE_CSV, SAMPLE_PHOTOS, writeSampleSchool } from '../../../scripts/sample-school';
import {
  addBoardUser,
  createBoardDatabase,
  fotowachtProcess,
  seedBoard,
  type CliRun,
  type TestBoard,
} from '../../helpers/board';
import { memoryKeyStore } from '../../helpers/keyStore';
import { boardView, registryView } from '../../helpers/laptopViews';
import { closedPort, postgresMissing, useTestCluster } from '../../helpers/postgres';
import { markFacesChecked } from '../../helpers/school';

const missing = postgresMissing();
if (missing) console.warn(missing);

const TODAY = localDay(new Date());
const YEAR = schoolYearOf(TODAY);
/** Zoë and Bram on one photo, Bram, an unnamed face and Zoë on another. */
const PHOTOS = SAMPLE_PHOTOS.filter((photo) => ['IMG_0001.jpg', 'IMG_0005.jpg'].includes(photo.file));

/** School A's list is the sample school's; school B has the same names under its own student numbers (20xx). */
const LISTS = {
  A1: SAMPLE_PEOPLE_CSV,
  B1: SAMPLE_PEOPLE_CSV.replace(/^10(\d\d);/gm, '20$1;'),
  // The October lists: Sem now may be on social media, and a new pupil.
  A2: `${SAMPLE_PEOPLE_CSV.replace("1002;Sem;van 't;Hof;Groep 7;20-05-2015;nee", "1002;Sem;van 't;Hof;Groep 7;20-05-2015;ja")}\r\n1008;Lotte;;Visser;Groep 4;01-04-2018;ja;ja;ja`,
  B2: `${SAMPLE_PEOPLE_CSV.replace(/^10(\d\d);/gm, '20$1;')}\r\n2009;Milan;;de Boer;Groep 8;03-10-2014;nee;ja;nee`,
} as const;

interface Station {
  readonly user: string;
  readonly school: 'A' | 'B';
  readonly dataDir: string;
}

/** The one JSON document a --json run printed (its stderr in the failure message when there is none). */
function json<T>(run: CliRun): T {
  try {
    return JSON.parse(run.out) as T;
  } catch {
    throw new Error(`no JSON on stdout (exit ${run.code}): ${run.err}`);
  }
}

describe.skipIf(missing !== null)('several workstations at once against one board', () => {
  const cluster = useTestCluster();
  let board: TestBoard;
  const dirs: string[] = [];
  const open: BoardConnection[] = [];
  const temp = (prefix: string): string => {
    const dir = mkdtempSync(path.join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
  const as = async (user: string): Promise<BoardConnection['client']> => {
    const connection = await board.connect(user);
    open.push(connection);
    return connection.client;
  };
  const listFile = (name: keyof typeof LISTS): string => {
    const file = path.join(temp('fotowacht-list-'), `toestemming-${name}.csv`);
    // Excel's semicolon CSV in Windows-1252, as the administration exports it.
    writeFileSync(file, Buffer.from(LISTS[name], 'latin1'));
    return file;
  };
  /** `fotowacht --json --data-dir <station> …` in its own process, signed in as the station's user (PGPASSWORD). */
  const run = (station: Station, args: readonly string[], asJson = true): Promise<CliRun> =>
    fotowachtProcess([...(asJson ? ['--json'] : []), '--data-dir', station.dataDir, ...args], {
      PGPASSWORD: board.passwords.get(station.user)!,
    });
  const inSequence = async (steps: ReadonlyArray<() => Promise<CliRun>>): Promise<CliRun[]> => {
    const results: CliRun[] = [];
    for (const step of steps) results.push(await step());
    return results;
  };

  /**
   * A workstation: its own data folder connected as `user` (the password in a key store of its own; its commands
   * later get it as PGPASSWORD), with its school's first list imported (administration) or the sample event indexed
   * on a fresh copy of the registry (communications).
   */
  async function station(user: string, school: 'A' | 'B', work: 'import' | 'event'): Promise<Station> {
    const dataDir = temp('fotowacht-ws-');
    const core = openCore({ dataDir, osUser: user });
    const keyStore = memoryKeyStore();
    try {
      await connectWorkstation({ db: core.db, actor: core.actor(), dataDir, url: board.urlFor(user), keyStore });
      if (work === 'import') {
        const registry = workstationRegistry({ db: core.db, dataDir, displayName: () => user, keyStore });
        await registry.refresh();
        const source = await readConsentList(listFile(school === 'A' ? 'A1' : 'B1'));
        const mapping = describeConsentList(core.db, source).proposedMapping;
        const imported = await registry.importList(source, mapping, YEAR, {});
        expect(imported.recordsWritten).toBe(21);
        return { user, school, dataDir };
      }
      const session = await openBoardSession({ db: core.db, dataDir, keyStore });
      await refreshBoardSnapshot(core.db, session!.connection.client);
      await session!.close();
      const sample = await writeSampleSchool(temp('fotowacht-photos-'), PHOTOS);
      expect((await (await startIndexJob(core, sample.eventDir)).finished).state).toBe('done');
      // No detector model here: the faces count as checked (the tagged ones are what the decisions rest on).
      markFacesChecked(core);
      return { user, school, dataDir };
    } finally {
      await core.close();
    }
  }

  const exportArgs = (out: string): string[] => [
    'export',
    '--event',
    'Sportdag 2026',
    '--channel',
    'website',
    '--date',
    TODAY,
    '--out',
    out,
  ];

  beforeAll(async () => {
    board = await createBoardDatabase(cluster(), 'board_workstations');
    await seedBoard(board);
    await addBoardUser(board, 'comm.b', 'communications', ['B']);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(open.map((connection) => connection.close()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('imports, withdraws and exports at once: one registry, one chain, security per role, offline exports', async () => {
    // Set-up: the administrations import their first lists, then the communications workstations index an event.
    const [adminA, adminB] = await Promise.all([station('admin.a', 'A', 'import'), station('admin.b', 'B', 'import')]);
    const [commA, commB, offlineB] = await Promise.all([
      station('comm.a', 'A', 'event'),
      station('comm.b', 'B', 'event'),
      station('comm.b', 'B', 'event'),
    ]);
    // The third workstation (school B) loses the server: its address now points at a port nobody listens on.
    const away = openCore({ dataDir: offlineB.dataDir });
    const settings = readBoardSettings(away.db)!;
    const port = await closedPort();
    writeSetting(away.db, BOARD_SETTING, { ...settings, url: settings.url.replace(/:\d+\//, `:${port}/`) });
    const offlineWorkstation = outboxStatus(away.db).workstation;
    const offlineCopy = away.db.prepare('SELECT content_hash FROM board_snapshot').pluck().get() as string;
    await away.close();

    const privacy = await as('privacy');
    const versionsBefore = await registryVersions(privacy);
    const outDir = (name: string): string => path.join(temp('fotowacht-out-'), name);
    const outs = { A: outDir('website-a'), B: outDir('website-b'), snapshot: outDir('website-snapshot') };
    const auditorUrl = board.urlFor('auditor');

    // All at once, each workstation its own process (or a sequence of them).
    const [byAdminA, byAdminB, byCommA, byCommB, byOffline, byAuditor] = await Promise.all([
      inSequence([
        () => run(adminA, ['consent', 'import', listFile('A2'), '--year', YEAR]),
        () => run(adminA, ['consent', 'withdraw', '1001', '--channel', 'website', '--reason', 'Brief van ouders']),
      ]),
      inSequence([
        () => run(adminB, ['consent', 'import', listFile('B2'), '--year', YEAR]),
        () => run(adminB, ['consent', 'withdraw', '2005', '--channel', 'website', '--reason', 'Mail van ouders']),
      ]),
      inSequence([
        () => run(commA, exportArgs(outs.A)),
        // Communications staff may not import: the database refuses it.
        () => run(commA, ['consent', 'import', listFile('A2'), '--year', YEAR]),
      ]),
      inSequence([() => run(commB, exportArgs(outs.B))]),
      inSequence([
        () => run(offlineB, exportArgs(outDir('refused')), false),
        () => run(offlineB, [...exportArgs(outs.snapshot), '--allow-snapshot']),
      ]),
      inSequence([() => fotowachtProcess(['--json', 'server', 'verify', '--database-url', auditorUrl], {})]),
    ]);

    for (const result of [...byAdminA, ...byAdminB]) expect(result.code, result.err).toBe(0);
    expect(json(byAdminA[0]!)).toMatchObject({ ok: true, committed: true });
    expect(json(byAdminB[0]!)).toMatchObject({ ok: true, committed: true });
    const online: Record<'A' | 'B', ExportSummary> = {
      A: json<ExportSummary>(byCommA[0]!),
      B: json<ExportSummary>(byCommB[0]!),
    };
    for (const [school, summary] of Object.entries(online)) {
      expect(summary, byCommA[0]!.err + byCommB[0]!.err).toMatchObject({
        exported: 2,
        failed: 0,
        board: { mode: 'online', school },
      });
    }
    expect(byCommA[1]!.code).toBe(1);
    expect(json(byCommA[1]!)).toMatchObject({ ok: false, error: { code: 'board.notAllowed' } });
    // Offline: refused with the message that says what to do; then made on the snapshot, which it names.
    expect(byOffline[0]!.code).toBe(1);
    expect(byOffline[0]!.err).toMatch(/cannot be reached.*allow this computer's snapshot.*24 hours/s);
    expect(byOffline[1]!.code, byOffline[1]!.err).toBe(0);
    const onSnapshot = json<ExportSummary>(byOffline[1]!);
    expect(onSnapshot).toMatchObject({ exported: 2, board: { mode: 'snapshot', exportId: null } });
    const manifest = JSON.parse(readFileSync(path.join(outs.snapshot, 'manifest.json'), 'utf8')) as {
      board: { mode: string; snapshot: { hash: string; user: string } };
    };
    expect(manifest.board).toMatchObject({
      mode: 'snapshot',
      school: 'B',
      snapshot: { hash: offlineCopy, user: 'comm.b' },
    });
    // The auditor read the trail while the others wrote to it: a consistent chain at that moment.
    expect(byAuditor[0]!.code, byAuditor[0]!.err).toBe(0);
    expect(json(byAuditor[0]!)).toMatchObject({ ok: true, segments: [] });

    // The server is back for the third workstation: its queue (the snapshot export among it) goes up, once.
    const back = openCore({ dataDir: offlineB.dataDir });
    writeSetting(back.db, BOARD_SETTING, settings);
    await back.close();
    const syncs = await inSequence([() => run(offlineB, ['board', 'sync']), () => run(offlineB, ['board', 'sync'])]);
    expect(syncs[0]!.code, syncs[0]!.err).toBe(0);
    expect(json(syncs[0]!)).toMatchObject({ ok: true, remaining: 0 });
    expect(json<{ appended: number }>(syncs[0]!).appended).toBeGreaterThan(0);
    expect(json(syncs[1]!)).toMatchObject({ ok: true, appended: 0, alreadyThere: 0, remaining: 0 });

    // One consistent registry: each import and each withdrawal exactly once, in the registry and in the trail.
    const imports = await privacy.query<{ id: string; code: string; file_sha256: string }>(
      `SELECT i.id::text, s.code, i.file_sha256 FROM consent_imports i JOIN schools s ON s.id = i.school_id ORDER BY i.id`,
    );
    expect(imports.rows.map((row) => row.code).sort()).toEqual(['A', 'A', 'B', 'B']);
    expect(new Set(imports.rows.map((row) => row.file_sha256)).size).toBe(4);
    const importEvents = await privacy.query<{ id: string }>(
      "SELECT details::jsonb ->> 'importId' AS id FROM audit_events WHERE action = 'consent.import'",
    );
    expect(importEvents.rows.map((row) => row.id).sort()).toEqual(imports.rows.map((row) => row.id).sort());
    const withdrawn = await privacy.query<{ id: string; code: string; external_key: string; channel_id: string }>(
      `SELECT r.id::text, s.code, p.external_key, r.channel_id FROM consent_records r
         JOIN people p ON p.id = r.person_id JOIN schools s ON s.id = r.school_id
        WHERE r.source = 'withdrawal' ORDER BY s.code`,
    );
    expect(withdrawn.rows.map(({ id: _id, ...row }) => row)).toEqual([
      { code: 'A', external_key: '1001', channel_id: 'website' },
      { code: 'B', external_key: '2005', channel_id: 'website' },
    ]);
    const withdrawEvents = await privacy.query<{ id: string }>(
      "SELECT details::jsonb ->> 'recordId' AS id FROM audit_events WHERE action = 'consent.withdraw'",
    );
    expect(withdrawEvents.rows.map((row) => row.id).sort()).toEqual(withdrawn.rows.map((row) => row.id).sort());
    // Every person's versions per year and channel run 1, 2, … without a gap or a twin.
    const gaps = await privacy.query(
      `SELECT person_id, school_year, channel_id FROM consent_records GROUP BY 1, 2, 3
        HAVING count(*) <> max(version) OR count(DISTINCT version) <> count(*) OR min(version) <> 1`,
    );
    expect(gaps.rows).toEqual([]);

    // The registry version: raised by the writes, and what each refreshed copy names is the board's version now.
    const versionsAfter = await registryVersions(privacy);
    for (const school of ['A', 'B'] as const) expect(versionsAfter[school]).toBeGreaterThan(versionsBefore[school]!);
    // Each workstation refreshes (in this process: the CLI's `board refresh` is tested in registry.cli.test.ts); its
    // copy then holds exactly the board's rows of its school (communications staff: without the reasons), and a
    // second refresh finds nothing new.
    for (const ws of [adminA, adminB, commA, commB]) {
      const core = openCore({ dataDir: ws.dataDir });
      try {
        const keyStore = memoryKeyStore();
        keyStore.set(boardCredentialAccount(ws.dataDir), board.passwords.get(ws.user)!);
        const session = await openBoardSession({ db: core.db, dataDir: ws.dataDir, keyStore });
        try {
          const { snapshot } = await refreshBoardSnapshot(core.db, session!.connection.client);
          expect(snapshot).toMatchObject({
            schoolCode: ws.school,
            user: ws.user,
            registryVersion: versionsAfter[ws.school],
          });
          const again = await refreshBoardSnapshot(core.db, session!.connection.client);
          expect(again.changes).toEqual({ people: 0, channels: 0, imports: 0, records: 0, reasons: 0 });
          expect(again.snapshot.contentHash).toBe(snapshot.contentHash);
        } finally {
          await session!.close();
        }
        const { people, history, listed } = registryView(core);
        const onBoard = await boardView(privacy, ws.school);
        const reasons = ws.user.startsWith('admin');
        expect(people).toEqual(onBoard.people);
        expect(history).toEqual(
          onBoard.history.map((row: Record<string, unknown>) => (reasons ? row : { ...row, reason: null })),
        );
        expect(listed).toEqual(onBoard.listed);
        expect(people.length).toBe(8);
      } finally {
        await core.close();
      }
    }

    // The exports: recorded once each, by their user, and nobody visible without a granted consent for the channel.
    for (const [school, summary] of Object.entries(online)) {
      const id = summary.board!.exportId!;
      const recorded = await privacy.query('SELECT state, actor FROM exports WHERE id = $1', [id]);
      expect(recorded.rows).toEqual([{ state: 'done', actor: school === 'A' ? 'comm.a' : 'comm.b' }]);
      const done = await privacy.query(
        "SELECT count(*)::int AS n FROM audit_events WHERE action = 'export.done' AND details::jsonb ->> 'boardExportId' = $1",
        [String(id)],
      );
      expect(done.rows).toEqual([{ n: 1 }]);
    }
    const visibleOn = await privacy.query<{ status: string; channel_id: string; same_school: boolean }>(
      `SELECT r.status, r.channel_id, r.school_id = e.school_id AS same_school FROM export_item_people v
         JOIN export_items i ON i.id = v.export_item_id JOIN exports e ON e.id = i.export_id
         JOIN consent_records r ON r.id = v.consent_record_id`,
    );
    expect(visibleOn.rows.length).toBeGreaterThan(0);
    for (const row of visibleOn.rows)
      expect(row).toEqual({ status: 'granted', channel_id: 'website', same_school: true });
    // The snapshot export reached the board exactly once, marked as made offline on that copy.
    const fromSnapshot = await privacy.query<{
      id: string;
      settings: { offline: boolean; snapshot: { hash: string } };
    }>(`SELECT id::text, settings FROM exports WHERE workstation = $1 AND (settings ->> 'localExportId')::int = $2`, [
      offlineWorkstation,
      onSnapshot.exportId,
    ]);
    expect(fromSnapshot.rows).toHaveLength(1);
    expect(fromSnapshot.rows[0]!.settings).toMatchObject({ offline: true, snapshot: { hash: offlineCopy } });
    const snapshotEvents = await privacy.query(
      "SELECT details FROM audit_events WHERE action = 'export.done' AND details::jsonb ->> 'boardExportId' = $1",
      [fromSnapshot.rows[0]!.id],
    );
    expect(snapshotEvents.rows).toHaveLength(1);
    expect(JSON.parse((snapshotEvents.rows[0] as { details: string }).details)).toMatchObject({
      snapshot: { hash: offlineCopy },
    });

    // One unforked chain, accepted by `fotowacht server verify` as the auditor runs it.
    const verified = await fotowachtProcess(['--json', 'server', 'verify', '--database-url', auditorUrl], {});
    expect(verified.code, verified.err).toBe(0);
    const chain = await privacy.query<{ seq: string; prev_hash: string; hash: string }>(
      'SELECT seq::text, prev_hash, hash FROM audit_events ORDER BY audit_events.seq',
    );
    expect(json(verified)).toMatchObject({ ok: true, count: chain.rows.length });
    for (const [index, event] of chain.rows.entries()) {
      expect(Number(event.seq)).toBe(index + 1);
      expect(event.prev_hash).toBe(index === 0 ? '0'.repeat(64) : chain.rows[index - 1]!.hash);
    }
    // Every workstation's own work (indexing, the exports) is in it, under its own user.
    const actors = await privacy.query<{ actor_os: string }>('SELECT DISTINCT actor_os FROM audit_events');
    expect(actors.rows.map((row) => row.actor_os)).toEqual(
      expect.arrayContaining(['admin.a', 'admin.b', 'comm.a', 'comm.b']),
    );

    // Row-level security per role, by raw SQL as a script would put it.
    const commBSql = await as('comm.b');
    const ofA = await commBSql.query(
      `SELECT p.id FROM people p WHERE p.external_key = '1001'
       UNION ALL SELECT r.person_id FROM consent_records r JOIN schools s ON s.id = r.school_id WHERE s.code = 'A'
       UNION ALL SELECT v.person_id FROM export_item_people v JOIN people p ON p.id = v.person_id
        WHERE p.external_key LIKE '10%'`,
    );
    expect(ofA.rows).toEqual([]);
    expect((await privacy.query("SELECT id FROM people WHERE external_key = '1001'")).rows).toHaveLength(1);
    const seenByB = await commBSql.query<{ n: number }>('SELECT count(*)::int AS n FROM people');
    expect(seenByB.rows).toEqual([{ n: 8 }]);
    const auditor = await as('auditor');
    expect((await auditor.query<{ n: number }>('SELECT count(*)::int AS n FROM people')).rows).toEqual([{ n: 16 }]);
    await expect(
      auditor.query(
        "INSERT INTO people (school_id, kind, external_key, roepnaam, achternaam) SELECT id, 'pupil', '9999', 'X', 'Y' FROM schools WHERE code = 'A'",
      ),
    ).rejects.toThrow(/permission denied|row-level security/);
    await expect(
      auditor.query("UPDATE consent_records SET status = 'granted' WHERE source = 'withdrawal'"),
    ).rejects.toThrow(/permission denied|add-only|row-level security/);
    const commASql = await as('comm.a');
    await expect(
      commASql.query(
        `INSERT INTO consent_imports (school_id, file_name, file_sha256, school_year, mapping, counts)
         SELECT id, 'x.csv', repeat('0', 64), $1, '{}', '{}' FROM schools WHERE code = 'A'`,
        [YEAR],
      ),
    ).rejects.toThrow(/permission denied|row-level security/);
  }, 240_000);
});

async function registryVersions(sql: BoardConnection['client']): Promise<Record<string, number>> {
  const { rows } = await sql.query<{ code: string; version: string }>(
    'SELECT s.code, v.version::text FROM registry_versions v JOIN schools s ON s.id = v.school_id',
  );
  return Object.fromEntries(rows.map((row) => [row.code, Number(row.version)]));
}
