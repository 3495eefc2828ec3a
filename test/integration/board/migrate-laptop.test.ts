// `fotowacht board migrate`: a laptop that worked alone (consent imported, withdrawn, changed by hand, an export, a
// face linked by hand) moves into its school's board. The board then holds the same registry with every version,
// the same exports and links, and the laptop's trail as a verified, sealed segment; the laptop's own tables carry
// the board's ids, and its regions and export records still point at the same people. Refused: a laptop whose chain
// was tampered with, a school that already has those pupils, a user of another role; a second run changes nothing,
// and an interrupted run is finished by the next one.
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditTrail } from '../../../electron/core/audit';
import {
  addSchool,
  connectWorkstation,
  migrateLaptop,
  openBoardSession,
  refreshBoardSnapshot,
  verifyBoardTrail,
  verifyLaptopSegments,
  type BoardConnection,
  type LaptopMigrationOptions,
} from '../../../electron/core/board';
import {
  commitConsentImport,
  findPersonByKey,
  listChannels,
  readConsentList,
  recordManualConsent,
  setPersonProtected,
  withdrawConsent,
} from '../../../electron/core/consent';
import { openCore, type CoreContext } from '../../../electron/core/context';
import type { KeyStore } from '../../../electron/core/db';
import { linkRegion } from '../../../electron/core/people';
import { startExport } from '../../../electron/core/publish';
import { proposeMapping } from '../../../shared/consentImport';
import { writeSampleSchool } from '../../../scripts/sample-school';
import { createBoardDatabase, seedBoard, type TestBoard } from '../../helpers/board';
import { fotowacht } from '../../helpers/cli';
import { postgresMissing, useTestCluster } from '../../helpers/postgres';
import { indexedSchool, markFacesChecked } from '../../helpers/school';
import { useTempDirs } from '../../helpers/tempDir';
import { boardView, registryView } from '../../helpers/laptopViews';
import { memoryKeyStore } from '../../helpers/keyStore';

const missing = postgresMissing();
if (missing) console.warn(missing);

describe.skipIf(missing !== null)('board migrate: a laptop moves into its school board', () => {
  const cluster = useTestCluster();
  const tempDir = useTempDirs();
  let board: TestBoard;
  let privacy: BoardConnection;
  const cores: CoreContext[] = [];
  const stores = new Map<CoreContext, KeyStore>();

  beforeAll(async () => {
    board = await createBoardDatabase(cluster(), 'board_migrate');
    await seedBoard(board);
    privacy = await board.connect('privacy');
  }, 120_000);
  afterAll(async () => {
    await privacy?.close();
    await Promise.all(cores.map((core) => core.close()));
  });

  /** A laptop with only a consent list imported (the sample school's). */
  async function listLaptop(): Promise<CoreContext> {
    const school = await writeSampleSchool(tempDir(), []);
    const core = openCore({ dataDir: tempDir(), osUser: 'administratie' });
    cores.push(core);
    const source = await readConsentList(school.consentCsv);
    commitConsentImport(
      core.db,
      core.actor(),
      source,
      proposeMapping(source.rows, listChannels(core.db)),
      '2026-2027',
      {
        now: new Date('2026-09-01T08:00:00Z'),
        today: '2026-09-01',
      },
    );
    return core;
  }

  async function connectAs(core: CoreContext, user: string): Promise<void> {
    const store = memoryKeyStore();
    stores.set(core, store);
    await connectWorkstation({
      db: core.db,
      actor: core.actor(),
      dataDir: core.paths.root,
      url: board.urlFor(user),
      tls: 'disable',
      keyStore: store,
    });
  }

  async function migrate(
    core: CoreContext,
    school: string,
    extra: Partial<LaptopMigrationOptions> = {},
  ): ReturnType<typeof migrateLaptop> {
    const session = await openBoardSession({ db: core.db, dataDir: core.paths.root, keyStore: stores.get(core)! });
    try {
      return await migrateLaptop({
        db: core.db,
        actor: core.actor(),
        sql: session!.connection.client,
        settings: session!.settings,
        school,
        ...extra,
      });
    } finally {
      await session!.close();
    }
  }

  const boardCount = async (table: string): Promise<number> =>
    Number((await privacy.client.query(`SELECT count(*)::int AS n FROM fotowacht.${table}`)).rows[0].n);

  it('moves registry, history, exports and links in one go, renumbers the laptop and seals its trail', async () => {
    const laptop = await indexedSchool(tempDir(), tempDir());
    const core = laptop.core;
    cores.push(core);
    markFacesChecked(core);
    const exported = await startExport(core, {
      channelId: 'social',
      date: '2026-10-01',
      eventId: laptop.eventId,
      outDir: path.join(tempDir(), 'social'),
    }).finished;
    expect(exported.state).toBe('done');
    const zoe = findPersonByKey(core.db, '1001')!;
    const bram = findPersonByKey(core.db, '1007')!;
    withdrawConsent(core.db, core.actor(), { personId: zoe.id, channelId: 'social', reason: 'Brief van ouders' });
    recordManualConsent(core.db, core.actor(), {
      personId: bram.id,
      channelId: 'website',
      status: 'granted',
      date: '2026-10-02',
      signedOn: '2026-10-02',
      signedBy: 'parent',
      reason: 'Formulier alsnog ingeleverd',
    });
    const fleur = findPersonByKey(core.db, '1006')!;
    setPersonProtected(core.db, core.actor(), { personId: fleur.id, protected: true });
    // A face linked by hand: the unnamed face on IMG_0005 is Bram.
    const unnamed = core.db
      .prepare("SELECT id FROM regions WHERE photo_hash = ? AND name = ''")
      .pluck()
      .get(laptop.hashes.get('IMG_0005.jpg')) as number;
    linkRegion(core.db, core.actor(), unnamed, bram.id);

    await connectAs(core, 'admin.a');
    const before = registryView(core);
    const eventsBefore = verifyAuditTrail(core.db);
    expect(eventsBefore.ok).toBe(true);
    expect(before.visible.length).toBeGreaterThan(0);
    expect(before.history.some((row) => (row as { source: string }).source === 'withdrawal')).toBe(true);
    const idsBefore = core.db.prepare('SELECT id, pseudonym FROM people').all() as Array<{ id: number }>;

    const dry = await migrate(core, 'A', { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, segmentId: null, counts: { people: 7, regionLinks: 1, exports: 1 } });
    expect(await boardCount('people')).toBe(0);
    expect(registryView(core)).toEqual(before);

    // The board's numbering runs ahead of the laptop's and overlaps it (its person 4 is the laptop's 1, …).
    const owner = await board.connect('board_it');
    try {
      await owner.client.query(`SELECT setval(pg_get_serial_sequence('fotowacht.people', 'id'), 3),
        setval(pg_get_serial_sequence('fotowacht.consent_records', 'id'), 9),
        setval(pg_get_serial_sequence('fotowacht.consent_imports', 'id'), 1)`);
    } finally {
      await owner.close();
    }
    const result = await migrate(core, 'A');
    expect(result).toMatchObject({ dryRun: false, alreadyMigrated: false, resumed: false, school: 'A' });
    expect(result.counts).toMatchObject({
      people: 7,
      imports: 1,
      records: before.history.length,
      exports: 1,
      regionLinks: 1,
      events: eventsBefore.count,
    });
    expect(result.counts.reasons).toBe(2);

    // The board holds the same registry, history and export records as the laptop had.
    const onBoard = await boardView(privacy.client, 'A');
    const byPseudonym = <T extends { pseudonym: string }>(rows: T[]) =>
      [...rows].sort((a, b) => (a.pseudonym < b.pseudonym ? -1 : a.pseudonym > b.pseudonym ? 1 : 0));
    const laptopPeople = byPseudonym(before.people as Array<{ pseudonym: string }>);
    expect(onBoard.people.map((p) => ({ ...p, erased_at: p.erased_at === null ? null : 'x' }))).toEqual(laptopPeople);
    const sortHistory = (rows: unknown[]) =>
      (rows as Array<Record<string, unknown>>).map((row) => JSON.stringify(row)).sort();
    expect(sortHistory(onBoard.history)).toEqual(sortHistory(before.history));
    expect(sortHistory(onBoard.listed)).toEqual(sortHistory(before.listed));
    expect(sortHistory(onBoard.visible)).toEqual(sortHistory(before.visible));

    // The laptop's registry now carries the board's ids, means what it meant, and is the board's copy: a refresh
    // finds it equal to the board's registry.
    expect(registryView(core)).toEqual(before);
    expect(result.snapshot).toMatchObject({ schoolCode: 'A', counts: { people: 7 } });
    const session = await openBoardSession({ db: core.db, dataDir: core.paths.root, keyStore: stores.get(core)! });
    try {
      const refreshed = await refreshBoardSnapshot(core.db, session!.connection.client);
      expect(refreshed.changes).toMatchObject({ people: 0, records: 0, imports: 0, reasons: 0 });
      expect(refreshed.snapshot.contentHash).toBe(result.snapshot!.contentHash);
    } finally {
      await session!.close();
    }
    const boardIds = (
      await privacy.client.query<{ id: string; pseudonym: string }>(
        "SELECT id::text, pseudonym FROM fotowacht.people WHERE school_id = (SELECT id FROM fotowacht.schools WHERE code = 'A')",
      )
    ).rows.map((row) => ({ id: Number(row.id), pseudonym: row.pseudonym }));
    const localIds = core.db.prepare('SELECT id, pseudonym FROM people').all() as Array<{
      id: number;
      pseudonym: string;
    }>;
    expect(sortHistory(localIds)).toEqual(sortHistory(boardIds));
    expect(sortHistory(localIds)).not.toEqual(sortHistory(idsBefore));
    const localRecords = core.db.prepare('SELECT id, version, status FROM consent_records').all();
    const boardRecords = (
      await privacy.client.query('SELECT id::int AS id, version, status FROM fotowacht.consent_records')
    ).rows;
    expect(sortHistory(localRecords)).toEqual(sortHistory(boardRecords));
    expect(core.db.pragma('foreign_key_check')).toEqual([]);

    // The region linked by hand points at Bram's board id, locally and in the board's links.
    const bramNow = findPersonByKey(core.db, '1007')!;
    expect(core.db.prepare('SELECT person_id FROM regions WHERE id = ?').pluck().get(unnamed)).toBe(bramNow.id);
    const links = await privacy.client.query<{ person_id: string; photo_hash: string }>(
      'SELECT person_id::text, photo_hash FROM fotowacht.region_links',
    );
    expect(links.rows).toEqual([{ person_id: String(bramNow.id), photo_hash: laptop.hashes.get('IMG_0005.jpg') }]);

    // Both trails hold: the laptop's (with the move logged), the board's, and the laptop's segment sealed in it.
    expect(verifyAuditTrail(core.db)).toMatchObject({ ok: true, count: eventsBefore.count + 1 });
    expect(await verifyBoardTrail(privacy.client)).toMatchObject({ ok: true });
    const segments = await verifyLaptopSegments(privacy.client);
    expect(segments).toEqual([
      {
        segment: result.segmentId,
        school: 'A',
        sealed: true,
        verification: { ok: true, count: eventsBefore.count, headHash: eventsBefore.ok ? eventsBefore.headHash : '' },
      },
    ]);
    const verified = fotowacht(['server', 'verify', '--database-url', board.ownerUrl, '--tls', 'disable', '--json']);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.json()).toMatchObject({ ok: true, segments: [{ school: 'A', sealed: true }] });

    // A second run is detected and changes nothing, on either side.
    const counts = await Promise.all(['people', 'consent_records', 'audit_events', 'laptop_segments'].map(boardCount));
    const again = await migrate(core, 'A');
    expect(again).toMatchObject({ alreadyMigrated: true, segmentId: result.segmentId });
    expect(await Promise.all(['people', 'consent_records', 'audit_events', 'laptop_segments'].map(boardCount))).toEqual(
      counts,
    );
    expect(registryView(core)).toEqual(before);

    // A segment event edited on the server (by its superuser, past the add-only trigger) is found.
    const superuser = new pg.Client({
      connectionString: cluster().urlFor('postgres', cluster().password, board.database),
    });
    await superuser.connect();
    try {
      await superuser.query(`
        ALTER TABLE fotowacht.laptop_segment_events DISABLE TRIGGER laptop_segment_events_add_only;
        UPDATE fotowacht.laptop_segment_events SET subject = 'school:B' WHERE seq = 2;
        ALTER TABLE fotowacht.laptop_segment_events ENABLE TRIGGER laptop_segment_events_add_only;`);
    } finally {
      await superuser.end();
    }
    expect(await verifyLaptopSegments(privacy.client)).toMatchObject([
      { school: 'A', verification: { ok: false, firstBadSeq: 2, reason: 'hash' } },
    ]);
    const bad = fotowacht(['server', 'verify', '--database-url', board.ownerUrl, '--tls', 'disable']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/segment \d+, school A\) ALTERED at entry 2/);
  }, 240_000);

  it('refuses a laptop whose trail was tampered with, and writes nothing', async () => {
    const core = await listLaptop();
    core.db.exec(`DROP TRIGGER audit_events_no_update;
      UPDATE audit_events SET actor_os = 'iemand-anders' WHERE seq = 1;`);
    await connectAs(core, 'admin.b');
    const people = await boardCount('people');
    await expect(migrate(core, 'B')).rejects.toThrow(/board\.migrate\.chainBroken/);
    expect(await boardCount('people')).toBe(people);
  });

  it('refuses a school that already has those pupils, and a user who may not move a registry', async () => {
    const core = await listLaptop();
    await connectAs(core, 'privacy');
    const segments = await boardCount('laptop_segments');
    // School A has the sample school's pupils already (the first case moved them there).
    await expect(migrate(core, 'A', { dryRun: true })).rejects.toThrow(/board\.migrate\.keysTaken/);
    await expect(migrate(core, 'A')).rejects.toThrow(/board\.migrate\.keysTaken/);
    expect(await boardCount('laptop_segments')).toBe(segments);

    const other = await listLaptop();
    await connectAs(other, 'comm.a');
    await expect(migrate(other, 'A')).rejects.toThrow(/board\.migrate\.roleRefused/);
  });

  it('finishes an interrupted move: the board took it, the laptop had not renumbered yet', async () => {
    const core = await listLaptop();
    await connectAs(core, 'admin.b');
    const before = registryView(core);
    await expect(
      migrate(core, 'B', {
        onStep: (step) => {
          if (step === 'renumber') throw new Error('power cut');
        },
      }),
    ).rejects.toThrow('power cut');
    const segments = await boardCount('laptop_segments');
    // The laptop's ids are still its own; the board has the rows.
    const local = core.db.prepare('SELECT min(id) FROM people').pluck().get() as number;
    expect(local).toBe(1);
    const resumed = await migrate(core, 'B');
    expect(resumed).toMatchObject({ resumed: true, alreadyMigrated: false, school: 'B' });
    expect(await boardCount('laptop_segments')).toBe(segments);
    expect(registryView(core)).toEqual(before);
    const boardIds = (
      await privacy.client.query<{ id: string }>(
        "SELECT id::text FROM fotowacht.people WHERE school_id = (SELECT id FROM fotowacht.schools WHERE code = 'B')",
      )
    ).rows.map((row) => Number(row.id));
    const localIds = core.db.prepare('SELECT id FROM people').pluck().all() as number[];
    expect([...localIds].sort()).toEqual([...boardIds].sort());
    expect(await migrate(core, 'B')).toMatchObject({ alreadyMigrated: true });
  });

  it('fotowacht board migrate: dry run, then the move, with --json, from the command line', async () => {
    const owner = await board.connect('board_it');
    try {
      await addSchool(owner.client, 'C', 'Basisschool De Cirkel');
    } finally {
      await owner.close();
    }
    const core = await listLaptop();
    await connectAs(core, 'privacy');
    const dataDir = core.paths.root;
    await core.close();
    cores.splice(cores.indexOf(core), 1);
    const input = `${board.passwords.get('privacy')}\n`;
    const taken = fotowacht(
      ['--data-dir', dataDir, '--json', 'board', 'migrate', '--school', 'A', '--dry-run', '--password-stdin'],
      { input },
    );
    expect(taken.code).toBe(1);
    expect(taken.json()).toMatchObject({ ok: false, error: { code: 'board.migrate.keysTaken' } });
    const dry = fotowacht(
      ['--data-dir', dataDir, 'board', 'migrate', '--school', 'C', '--dry-run', '--password-stdin'],
      {
        input,
      },
    );
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/Dry run \(nothing changed\): school C would receive 7 people/);
    expect(dry.stderr).toMatch(/\[1\/5\] checking this laptop's logbook/);
    const moved = fotowacht(
      ['--data-dir', dataDir, '--json', 'board', 'migrate', '--school', 'C', '--password-stdin'],
      {
        input,
      },
    );
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.json()).toMatchObject({ ok: true, school: 'C', counts: { people: 7 }, alreadyMigrated: false });
    const again = fotowacht(['--data-dir', dataDir, 'board', 'migrate', '--school', 'C', '--password-stdin'], {
      input,
    });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/already moved to school C/);
    const help = fotowacht(['board', 'migrate', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--dry-run/);
  });
});
