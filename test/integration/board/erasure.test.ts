// Erasure in board mode: only the board's privacy officer erases, and the database holds that against raw SQL of a
// school administrator or communications officer; the erasure runs on the board in one transaction with its event
// (what a laptop's erasure removes: names, reasons, region links, override reasons, the trail's personal details —
// consent versions and export rows stay, pointing at the pseudonymous shell); another workstation loses the person at
// its next refresh, its regions' links and names and its own trail's details about them too; where-published then
// finds nobody by the pupil's number.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents, verifyAuditTrail } from '../../../electron/core/audit';
import {
  boardErasePerson,
  boardPublicationsOf,
  boardWithdrawConsent,
  connectWorkstation,
  openBoardSession,
  refreshBoardSnapshot,
  syncOutbox,
  verifyBoardTrail,
  type BoardConnection,
} from '../../../electron/core/board';
import { findPersonByKey, pseudonymOf } from '../../../electron/core/consent';
import { openCore, type CoreContext } from '../../../electron/core/context';
import { createIpcRouter } from '../../../electron/core/ipc/handlers';
import { startIndexJob } from '../../../electron/core/library/indexer';
import { beginExport } from '../../../electron/core/publish';
import { SAMPLE_PHOTOS, writeSampleSchool } from '../../../scripts/sample-school';
import type { ApiResponse } from '../../../shared/errors';
import type { ErasurePreviewView, ErasureView } from '../../../shared/ipc/privacy';
import type { ExportSummary } from '../../../shared/publish';
import { createBoardDatabase, seedBoard, type TestBoard } from '../../helpers/board';
import { fotowacht } from '../../helpers/cli';
import { memoryKeyStore } from '../../helpers/keyStore';
import { postgresMissing, useTestCluster } from '../../helpers/postgres';
import { markFacesChecked } from '../../helpers/school';

const missing = postgresMissing();
if (missing) console.warn(missing);

const PHOTOS = SAMPLE_PHOTOS.filter((photo) => ['IMG_0001.jpg', 'IMG_0005.jpg'].includes(photo.file));

describe.skipIf(missing !== null)('erasure in board mode', () => {
  const cluster = useTestCluster();
  let board: TestBoard;
  const dirs: string[] = [];
  const cores: CoreContext[] = [];
  const open: BoardConnection[] = [];
  const store = memoryKeyStore();
  const ids = { school: 0, zoe: 0, bram: 0 };
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
  /** A workstation connected as `user`, its copy of school A fetched. */
  async function workstation(user: string): Promise<CoreContext> {
    const core = openCore({ dataDir: temp('fotowacht-ws-'), osUser: user.replace('.', '-') });
    cores.push(core);
    await connectWorkstation({
      db: core.db,
      actor: core.actor(),
      dataDir: core.paths.root,
      url: board.urlFor(user),
      keyStore: store,
    });
    const session = await openBoardSession({ db: core.db, dataDir: core.paths.root, keyStore: store });
    open.push(session!.connection);
    await refreshBoardSnapshot(core.db, session!.connection.client, { school: 'A' });
    return core;
  }
  const sessionOf = async (core: CoreContext): Promise<pg.ClientBase> => {
    const session = await openBoardSession({ db: core.db, dataDir: core.paths.root, keyStore: store });
    open.push(session!.connection);
    return session!.connection.client;
  };
  /** What the board holds that names or concerns Zoë. */
  const zoeOnBoard = async () => {
    const privacy = await as('privacy');
    const one = async (query: string) => (await privacy.query(query, [ids.zoe])).rows[0] as Record<string, unknown>;
    return {
      person: await one(
        `SELECT external_key, roepnaam, voornamen, tussenvoegsel, achternaam, class_name, birth_date,
                erased_at IS NOT NULL AS erased, pseudonym FROM fotowacht.people WHERE id = $1`,
      ),
      records: (await one('SELECT count(*)::int AS n FROM fotowacht.consent_records WHERE person_id = $1')).n,
      reasons: (
        await one(
          `SELECT count(*)::int AS n FROM fotowacht.consent_reasons
            WHERE record_id IN (SELECT id FROM fotowacht.consent_records WHERE person_id = $1)`,
        )
      ).n,
      links: (await one('SELECT count(*)::int AS n FROM fotowacht.region_links WHERE person_id = $1')).n,
      visible: (await one('SELECT count(*)::int AS n FROM fotowacht.export_item_people WHERE person_id = $1')).n,
      personal: (
        await one(
          `SELECT count(*)::int AS n FROM fotowacht.audit_personal_people
            WHERE pseudonym = (SELECT pseudonym FROM fotowacht.people WHERE id = $1)`,
        )
      ).n,
    };
  };

  let worker: CoreContext;

  beforeAll(async () => {
    board = await createBoardDatabase(cluster(), 'board_erasure');
    await seedBoard(board);
    const sql = await as('admin.a');
    ids.school = Number((await sql.query("SELECT id FROM fotowacht.schools WHERE code = 'A'")).rows[0].id);
    const person = async (key: string, roepnaam: string, tussenvoegsel: string | null, achternaam: string) =>
      Number(
        (
          await sql.query(
            `INSERT INTO fotowacht.people (school_id, kind, external_key, roepnaam, tussenvoegsel, achternaam,
               class_name, birth_date) VALUES ($1, 'pupil', $2, $3, $4, $5, 'Groep 5', '2017-03-12') RETURNING id`,
            [ids.school, key, roepnaam, tussenvoegsel, achternaam],
          )
        ).rows[0].id,
      );
    ids.zoe = await person('1001', 'Zoë', null, 'Bakker');
    ids.bram = await person('1007', 'Bram', 'ter', 'Horst');
    for (const [personId, status] of [
      [ids.zoe, 'granted'],
      [ids.bram, 'refused'],
    ] as const)
      await sql.query(
        `INSERT INTO fotowacht.consent_records (school_id, person_id, school_year, channel_id, version, status,
           signed_by, signed_on, effective_from, source)
         VALUES ($1, $2, '2026-2027', 'website', 1, $3, 'parent', '2026-09-01', '2026-09-01', 'manual')`,
        [ids.school, personId, status],
      );

    // A workstation of school A exports the sample photos (Zoë visible on the website, her face linked).
    worker = await workstation('comm.a');
    const school = await writeSampleSchool(temp('fotowacht-photos-'), PHOTOS);
    expect((await (await startIndexJob(worker, school.eventDir)).finished).state).toBe('done');
    markFacesChecked(worker);
    const eventId = worker.db.prepare('SELECT id FROM events').pluck().get() as number;
    const outDir = path.join(temp('fotowacht-out-'), 'website');
    const handle = await beginExport(
      worker,
      { channelId: 'website', date: '2026-10-01', eventId, outDir },
      { keyStore: store },
    );
    const summary = (await handle.finished).result as ExportSummary;
    expect(summary).toMatchObject({ exported: 2, board: { mode: 'online' } });
  }, 180_000);
  afterAll(async () => {
    await Promise.all(open.map((connection) => connection.close()));
    await Promise.all(cores.map((core) => core.close()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses erasure to a school administrator and communications staff, raw SQL included', async () => {
    // The administration withdraws Zoë's consent for the newsletter: a reason, and personal details in the trail.
    const admin = await workstation('admin.a');
    const adminSql = await sessionOf(admin);
    await boardWithdrawConsent(
      { db: admin.db, sql: adminSql, displayName: 'Els' },
      { personId: ids.zoe, channelId: 'website', reason: 'Brief van de ouders van Zoë Bakker' },
    );
    const before = await zoeOnBoard();
    expect(before).toMatchObject({ reasons: 1, links: 2, visible: 2, records: 2 });
    expect(before.personal).toBeGreaterThan(0);
    expect(before.person).toMatchObject({ external_key: '1001', roepnaam: 'Zoë', erased: false });

    for (const user of ['admin.a', 'comm.a']) {
      const sql = await as(user);
      const attempts = [
        ['SELECT fotowacht.erase_person($1)', [ids.zoe]],
        ['UPDATE fotowacht.people SET erased_at = now() WHERE id = $1', [ids.zoe]],
        [
          "UPDATE fotowacht.people SET external_key = NULL, roepnaam = NULL, achternaam = '', erased_at = now() WHERE id = $1",
          [ids.zoe],
        ],
        ['DELETE FROM fotowacht.people WHERE id = $1', [ids.zoe]],
        [
          'DELETE FROM fotowacht.consent_reasons WHERE record_id IN (SELECT id FROM fotowacht.consent_records WHERE person_id = $1)',
          [ids.zoe],
        ],
        ['DELETE FROM fotowacht.consent_records WHERE person_id = $1', [ids.zoe]],
        ['DELETE FROM fotowacht.region_links WHERE person_id = $1', [ids.zoe]],
        ['DELETE FROM fotowacht.export_item_people WHERE person_id = $1', [ids.zoe]],
        ['DELETE FROM fotowacht.audit_personal', []],
        ['DELETE FROM fotowacht.audit_personal_people', []],
      ] as const;
      for (const [query, params] of attempts)
        await expect(sql.query(query, [...params]), `${user}: ${query}`).rejects.toMatchObject({ code: '42501' });
    }
    // Through the app too: the administrator's workstation gets board.notAllowed, and nothing changed.
    await expect(
      boardErasePerson({ db: admin.db, sql: adminSql, displayName: 'Els' }, ids.zoe, 'Verzoek van de ouders'),
    ).rejects.toMatchObject({ code: 'board.eraseNotAllowed' });
    expect(await zoeOnBoard()).toEqual(before);
    // The command says so too, in the user's language, and exits non-zero.
    const refused = fotowacht(
      ['--data-dir', admin.paths.root, '--lang', 'nl', 'people', 'erase', '1001', '--reason', 'Verzoek', '--yes'],
      { env: { PGPASSWORD: board.passwords.get('admin.a')! } },
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/alleen de privacyfunctionaris van het bestuur/);
    expect(await zoeOnBoard()).toEqual(before);
  });

  it('erases on the board as the privacy officer, in one transaction with its event; the trail still verifies', async () => {
    const before = await zoeOnBoard();
    const officer = await workstation('privacy');
    const preview = fotowacht(
      ['--data-dir', officer.paths.root, 'people', 'erase', '1001', '--reason', 'x', '--json'],
      {
        env: { PGPASSWORD: board.passwords.get('privacy')! },
      },
    );
    // Without --yes: the takedown list across the board (the workstation's export of both photos), nothing erased.
    expect(preview.code).toBe(1);
    expect(preview.json()).toMatchObject({ erased: false, personId: ids.zoe });
    expect((preview.json() as { published: unknown[] }).published).toHaveLength(2);
    expect(await zoeOnBoard()).toEqual(before);

    const erased = fotowacht(
      [
        '--data-dir',
        officer.paths.root,
        'people',
        'erase',
        '1001',
        '--reason',
        'Verzoek van de ouders',
        '--yes',
        '--json',
      ],
      { env: { PGPASSWORD: board.passwords.get('privacy')! } },
    );
    expect(erased.code, erased.stderr).toBe(0);
    const result = erased.json() as {
      erased: boolean;
      pseudonym: string;
      published: unknown[];
      auditDetailsErased: number[];
      board: { regionLinksUnlinked: number; consentReasonsRemoved: number };
    };
    expect(result).toMatchObject({
      erased: true,
      pseudonym: before.person.pseudonym,
      board: { regionLinksUnlinked: 2, consentReasonsRemoved: 1 },
    });
    expect(result.auditDetailsErased.length).toBe(before.personal);

    // On the board: a pseudonymous shell; consent versions and export rows stay, reasons, links, details go.
    expect(await zoeOnBoard()).toEqual({
      person: {
        external_key: null,
        roepnaam: null,
        voornamen: null,
        tussenvoegsel: null,
        achternaam: '',
        class_name: null,
        birth_date: null,
        erased: true,
        pseudonym: before.person.pseudonym,
      },
      records: before.records,
      reasons: 0,
      links: 0,
      visible: before.visible,
      personal: 0,
    });
    const privacy = await as('privacy');
    const events = await privacy.query<{ actor_os: string; details: string }>(
      "SELECT actor_os, details FROM fotowacht.audit_events WHERE action = 'person.erased'",
    );
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0]!.actor_os).toBe('privacy');
    expect(events.rows[0]!.details).not.toMatch(/Zoë|Bakker|1001|Verzoek/);
    expect(JSON.parse(events.rows[0]!.details)).toMatchObject({
      person: before.person.pseudonym,
      erasedDetailsOf: result.auditDetailsErased,
      regionLinksUnlinked: 2,
    });
    expect((await verifyBoardTrail(privacy)).ok).toBe(true);
    // Bram is untouched.
    const bram = await privacy.query('SELECT external_key, erased_at FROM fotowacht.people WHERE id = $1', [ids.bram]);
    expect(bram.rows[0]).toEqual({ external_key: '1007', erased_at: null });

    // Where-published answers nothing identifying: nobody has the number any more, on the board or on the copy.
    const where = fotowacht(['--data-dir', officer.paths.root, 'audit', 'where-published', '1001', '--json'], {
      env: { PGPASSWORD: board.passwords.get('privacy')! },
    });
    expect(where.code).toBe(1);
    expect(where.json()).toMatchObject({ ok: false, error: { code: 'consent.person.notFound' } });
    const byKey = await privacy.query("SELECT count(*)::int AS n FROM fotowacht.people WHERE external_key = '1001'");
    expect(byKey.rows[0]).toEqual({ n: 0 });
    // A second erasure is refused.
    await expect(
      boardErasePerson(
        { db: officer.db, sql: await sessionOf(officer), displayName: 'FG' },
        ids.zoe,
        'Nogmaals verzoek',
      ),
    ).rejects.toMatchObject({ code: 'privacy.alreadyErased' });
  });

  it("clears another workstation's copy and its traces of the person at its next refresh", async () => {
    // Before its refresh the exporting workstation still holds Zoë with her name and linked regions.
    const zoe = findPersonByKey(worker.db, '1001');
    expect(zoe).not.toBeNull();
    const pseudonym = pseudonymOf(worker.db, ids.zoe);
    const linked = () =>
      worker.db.prepare('SELECT count(*) FROM regions WHERE person_id = ?').pluck().get(ids.zoe) as number;
    const named = () =>
      worker.db.prepare("SELECT count(*) FROM regions WHERE name LIKE '%Zoë%'").pluck().get() as number;
    expect(linked() + named()).toBeGreaterThan(0);

    const { erasures } = await refreshBoardSnapshot(worker.db, await sessionOf(worker));
    expect(erasures.map((entry) => entry.personId)).toEqual([ids.zoe]);
    expect(findPersonByKey(worker.db, '1001')).toBeNull();
    expect(
      worker.db
        .prepare('SELECT external_key, roepnaam, achternaam, erased_at IS NOT NULL AS erased FROM people WHERE id = ?')
        .get(ids.zoe),
    ).toEqual({
      external_key: null,
      roepnaam: null,
      achternaam: '',
      erased: 1,
    });
    expect(linked()).toBe(0);
    expect(named()).toBe(0);
    // Bram's tags stay.
    expect(worker.db.prepare("SELECT count(*) FROM regions WHERE name LIKE '%Bram%'").pluck().get()).toBeGreaterThan(0);
    // The local logbook says so, pseudonymously, and still verifies; a second refresh finds nothing more to clear.
    const followed = listAuditEvents(worker.db, { limit: 5, action: 'person.erasedOnBoard' });
    expect(followed).toHaveLength(1);
    expect(followed[0]!.subject).toBe(`person:${pseudonym}`);
    expect(JSON.stringify(followed[0]!.details)).not.toMatch(/Zoë|Bakker|1001/);
    expect(verifyAuditTrail(worker.db).ok).toBe(true);
    expect((await refreshBoardSnapshot(worker.db, await sessionOf(worker))).erasures).toEqual([]);
    // The entry goes up to the board's logbook with the workstation's other work; its list of local event numbers
    // under a key of its own, so it cannot explain missing details of the board's own events with those numbers.
    await syncOutbox(worker.db, await sessionOf(worker));
    const upThere = await (
      await as('privacy')
    ).query<{ details: string }>("SELECT details FROM fotowacht.audit_events WHERE action = 'person.erasedOnBoard'");
    expect(upThere.rows).toHaveLength(1);
    const carried = JSON.parse(upThere.rows[0]!.details) as Record<string, unknown>;
    expect(carried).not.toHaveProperty('erasedDetailsOf');
    expect(carried).toHaveProperty('localErasedDetailsOf');
    expect((await verifyBoardTrail(await as('privacy'))).ok).toBe(true);
    // Across the board the exports stay recorded, pointing at the pseudonymous shell only.
    const rows = await boardPublicationsOf(await as('privacy'), ids.zoe);
    expect(rows).toHaveLength(2);
    expect(JSON.stringify(rows)).not.toMatch(/Zoë|Bakker|1001/);
  });

  it("routes the app's erase action to the board: refused for communications staff, done for the privacy officer", async () => {
    const invoke = (core: CoreContext) => {
      const router = createIpcRouter(core, { mediaBaseUrl: 'fotowacht-media://', keyStore: store });
      return async <T>(method: string, params: unknown): Promise<ApiResponse<T>> =>
        (await router.invoke(method, params)) as ApiResponse<T>;
    };
    const byComm = invoke(worker);
    const preview = await byComm<ErasurePreviewView>('previewErasure', { personId: ids.bram });
    // Bram was hidden in every export: nothing published across the board.
    expect(preview).toMatchObject({ ok: true, value: { personId: ids.bram, published: [] } });
    const refused = await byComm<ErasureView>('erasePerson', { personId: ids.bram, reason: 'Verzoek', confirm: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'board.eraseNotAllowed' } });
    expect(findPersonByKey(worker.db, '1007')).not.toBeNull();

    const officer = await workstation('privacy');
    const done = await invoke(officer)<ErasureView & { board: { pseudonym: string } }>('erasePerson', {
      personId: ids.bram,
      reason: 'Leerling vertrokken',
      confirm: true,
    });
    expect(done).toMatchObject({ ok: true, value: { personId: ids.bram } });
    const privacy = await as('privacy');
    const bram = await privacy.query(
      'SELECT external_key, erased_at IS NOT NULL AS erased FROM fotowacht.people WHERE id = $1',
      [ids.bram],
    );
    expect(bram.rows[0]).toEqual({ external_key: null, erased: true });
    expect(findPersonByKey(officer.db, '1007')).toBeNull();
    expect((await verifyBoardTrail(privacy)).ok).toBe(true);
  });
});
