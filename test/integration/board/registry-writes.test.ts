// Registry writes in board mode against the laptop's own: the same imports, withdrawal, manual grant and
// never-publish mark give the same registry (the workstation's refreshed copy compared with the laptop's tables) and
// the same audit events — on the board's trail, in the name of the database user. Two workstations writing at once
// lose nothing and make no duplicate versions; roles and schools are enforced by the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  boardConsentImport,
  boardRecordManualConsent,
  boardSetPersonProtected,
  boardWithdrawConsent,
  readBoardSnapshot,
  refreshBoardSnapshot,
  type BoardConnection,
  type BoardRegistryContext,
} from '../../../electron/core/board';
import {
  commitConsentImport,
  findPersonByKey,
  recordManualConsent,
  setPersonProtected,
  withdrawConsent,
} from '../../../electron/core/consent';
import { openCore, type CoreContext } from '../../../electron/core/context';
import { grantPrivacyOfficer } from '../../../electron/core/settings';
import { createBoardDatabase, seedBoard, type TestBoard } from '../../helpers/board';
import { postgresMissing, useTestCluster } from '../../helpers/postgres';
import {
  FIRST_LIST,
  listOf,
  mappingFor,
  neutralEvent,
  registryOf,
  runScenario,
  YEAR,
  type RegistryUnderTest,
} from '../../helpers/registryScenario';
import { useTempDirs } from '../../helpers/tempDir';
import { withoutDigests } from '../../helpers/clearText';

const missing = postgresMissing();
if (missing) console.warn(missing);

const ADMIN = { os: 'administratie', name: 'Els de Wit' };

describe.skipIf(missing !== null)('registry writes: the laptop and the board give the same registry', () => {
  const cluster = useTestCluster();
  const tempDir = useTempDirs();
  let board: TestBoard;
  const cores: CoreContext[] = [];
  const open: BoardConnection[] = [];
  const core = (): CoreContext => {
    const opened = openCore({ dataDir: tempDir(), osUser: ADMIN.os });
    cores.push(opened);
    return opened;
  };
  const connect = async (user: string): Promise<BoardConnection> => {
    const connection = await board.connect(user);
    open.push(connection);
    return connection;
  };
  /** A workstation of `user`: its own data folder and session, writing the board's registry. */
  const workstation = async (user: string): Promise<BoardRegistryContext & { core: CoreContext }> => {
    const opened = core();
    const connection = await connect(user);
    return { core: opened, db: opened.db, sql: connection.client, displayName: `${user} (test)` };
  };

  beforeAll(async () => {
    board = await createBoardDatabase(cluster(), 'board_registry_writes');
    await seedBoard(board);
  });
  afterAll(async () => {
    await Promise.all(open.map((connection) => connection.close()));
    await Promise.all(cores.map((opened) => opened.close()));
  });

  const onLaptop = (laptop: CoreContext): RegistryUnderTest => ({
    db: laptop.db,
    importList: async (source, mapping, year, options) =>
      commitConsentImport(laptop.db, ADMIN, source, mapping, year, { ...options, confirmRenames: true }),
    withdraw: async (input, now) => withdrawConsent(laptop.db, ADMIN, input, now),
    manual: async (input, now) => recordManualConsent(laptop.db, ADMIN, input, now),
    protect: async (change, now) => setPersonProtected(laptop.db, ADMIN, change, now),
  });
  const onBoard = (context: BoardRegistryContext): RegistryUnderTest => ({
    db: context.db,
    importList: (source, mapping, year, options) =>
      boardConsentImport(context, source, mapping, year, { ...options, confirmRenames: true }),
    withdraw: (input, now) => boardWithdrawConsent(context, input, now),
    manual: (input, now) => boardRecordManualConsent(context, input, now),
    protect: (change, now) => boardSetPersonProtected(context, change, now),
  });
  const idOf = (registry: RegistryUnderTest) => (key: string) => findPersonByKey(registry.db, key)!.id;

  it('gives the same registry and the same audit events on SQLite and on PostgreSQL', async () => {
    const laptop = core();
    const local = onLaptop(laptop);
    await runScenario(local, idOf(local));

    const admin = await workstation('admin.a');
    const shared = onBoard(admin);
    await runScenario(shared, idOf(shared));

    // A second workstation of the school, refreshed from the server, holds the same copy.
    const other = await workstation('comm.a');
    await refreshBoardSnapshot(other.db, other.sql);
    const expected = registryOf(laptop.db);
    expect(expected.records.length).toBeGreaterThan(10);
    expect(registryOf(admin.db)).toEqual(expected);
    const { reasons: _hidden, ...forCommunications } = { ...expected, reasons: null };
    expect({ ...registryOf(other.db), records: [] }).toEqual({ ...forCommunications, records: [] });
    expect(readBoardSnapshot(other.db)!.contentHash).not.toBe(''); // named by its hash

    // The same events, on the board's trail, in the database user's name.
    const localEvents = laptop.db
      .prepare(
        "SELECT action, details FROM audit_events WHERE action LIKE 'consent.%' OR action LIKE 'person.%' ORDER BY seq",
      )
      .all() as Array<{ action: string; details: string }>;
    const privacy = await connect('privacy');
    const boardEvents = (
      await privacy.client.query<{ action: string; details: string; actor_os: string; actor_name: string }>(
        "SELECT action, details, actor_os, actor_name FROM audit_events WHERE action LIKE 'consent.%' OR action LIKE 'person.%' ORDER BY seq",
      )
    ).rows;
    expect(boardEvents.map((event) => neutralEvent(event.action, event.details))).toEqual(
      localEvents.map((event) => neutralEvent(event.action, event.details)),
    );
    expect(new Set(boardEvents.map((event) => event.actor_os))).toEqual(new Set(['admin.a']));
    expect(boardEvents[0]!.actor_name).toBe('admin.a (test)');
    // Pseudonymous on the board too: no student number or name in the chain.
    const chain = withoutDigests(JSON.stringify(boardEvents));
    for (const word of ['1001', 'Bakker', 'Brief van ouders']) expect(chain).not.toContain(word);
    // The board's records carry the database user as their actor.
    const actors = await privacy.client.query('SELECT DISTINCT actor FROM consent_records');
    expect(actors.rows).toEqual([{ actor: 'admin.a' }]);
  });

  it('lets two workstations import at once without duplicate versions or a lost update', async () => {
    const one = await workstation('admin.a');
    const two = await workstation('admin.a');
    await refreshBoardSnapshot(one.db, one.sql);
    const mapping = mappingFor(one.db, FIRST_LIST);
    const list = listOf('toestemming-nov.csv', [
      ['1005', 'Fleur', 'Fleur', 'ter', 'Horst', '6A', '30-10-2013', 'ja', 'ja', 'ja', 'ja', 'ja', ''],
      ['1006', 'Lars', 'Lars', '', 'Visser', '6A', '02-02-2013', 'nee', 'ja', 'ja', 'ja', 'ja', ''],
    ]);
    const options = { today: '2026-11-01', now: new Date('2026-11-01T10:00:00Z'), confirmRenames: true };
    const [a, b] = await Promise.all([
      boardConsentImport(one, list, mapping, YEAR, options),
      boardConsentImport(two, list, mapping, YEAR, options),
    ]);
    // Whoever came second planned again on the first one's result: nothing left to write, no second person.
    expect([a.recordsWritten, b.recordsWritten].sort((x, y) => x - y)).toEqual([0, 10]);
    const privacy = await connect('privacy');
    const counts = await privacy.client.query(
      `SELECT p.external_key, count(*)::int AS versions, count(DISTINCT p.id)::int AS people
         FROM people p JOIN consent_records r ON r.person_id = p.id
        WHERE p.external_key IN ('1005', '1006') GROUP BY 1 ORDER BY 1`,
    );
    expect(counts.rows).toEqual([
      { external_key: '1005', versions: 5, people: 1 },
      { external_key: '1006', versions: 5, people: 1 },
    ]);

    // A withdrawal and a manual grant for the same person and channel at once: both kept, versions 1, 2, 3.
    const fleur = findPersonByKey(one.db, '1005')!.id;
    await Promise.all([
      boardWithdrawConsent(one, { personId: fleur, channelId: 'newsletter', reason: 'Mail van moeder' }),
      boardRecordManualConsent(two, {
        personId: fleur,
        channelId: 'newsletter',
        status: 'refused',
        signedBy: 'parent',
        signedOn: '2026-11-02',
        reason: 'Nieuw formulier',
      }),
    ]);
    const versions = await privacy.client.query(
      `SELECT version, status FROM consent_records WHERE person_id = $1 AND channel_id = 'newsletter' ORDER BY version`,
      [fleur],
    );
    expect(versions.rows.map((row) => row.version)).toEqual([1, 2, 3]);
    expect(
      versions.rows
        .map((row) => row.status)
        .slice(1)
        .sort(),
    ).toEqual(['refused', 'withdrawn']);
    // Both workstations' copies, refreshed, agree with each other.
    await refreshBoardSnapshot(one.db, one.sql);
    await refreshBoardSnapshot(two.db, two.sql);
    expect(registryOf(two.db)).toEqual(registryOf(one.db));
  });

  it('refuses, in the database, an import by communications staff and one into another school', async () => {
    const comm = await workstation('comm.a');
    await refreshBoardSnapshot(comm.db, comm.sql);
    const list = listOf('van-communicatie.csv', [
      ['1099', 'Piet', 'Piet', '', 'Klaassen', '5B', '01-01-2015', 'ja', 'ja', 'ja', 'ja', 'ja', ''],
    ]);
    const mapping = mappingFor(comm.db, list);
    await expect(boardConsentImport(comm, list, mapping, YEAR, { today: '2026-11-05' })).rejects.toThrow(
      /board\.notAllowed/,
    );
    const privacy = await connect('privacy');
    const none = await privacy.client.query("SELECT count(*)::int AS n FROM people WHERE external_key = '1099'");
    expect(none.rows[0].n).toBe(0);

    // An administrator of school A, straight at the database: B's registry lock and rows are not theirs.
    const adminA = await connect('admin.a');
    const schoolB = Number((await privacy.client.query("SELECT id FROM schools WHERE code = 'B'")).rows[0].id);
    const lock = await adminA.client.query('SELECT fotowacht.lock_registry($1) AS version', [schoolB]);
    expect(lock.rows[0].version).toBeNull();
    await expect(
      adminA.client.query(
        `INSERT INTO consent_imports (school_id, school_year, file_name, file_sha256, mapping, counts)
         VALUES ($1, '2026-2027', 'x.csv', repeat('a', 64), '{}', '{}')`,
        [schoolB],
      ),
    ).rejects.toThrow(/row-level security/);
    // Through the app: a copy of school B cannot even be made by A's administrator.
    const admin = await workstation('admin.a');
    await expect(refreshBoardSnapshot(admin.db, admin.sql, { school: 'B' })).rejects.toThrow(/board\.schoolNotVisible/);
  });

  it("takes the never-publish mark off for the board's privacy officer only", async () => {
    const admin = await workstation('admin.a');
    await refreshBoardSnapshot(admin.db, admin.sql);
    const sem = findPersonByKey(admin.db, '1003')!;
    expect(sem.protected).toBe(true);
    await expect(
      boardSetPersonProtected(admin, { personId: sem.id, protected: false, reason: 'Uitspraak vervallen' }),
    ).rejects.toThrow(/board\.notAllowed/);
    // A laptop's own privacy-officer setting counts for nothing on the board.
    grantPrivacyOfficer(admin.db, ADMIN, { osUser: ADMIN.os, confirm: ADMIN.os });
    await expect(
      boardSetPersonProtected(admin, { personId: sem.id, protected: false, reason: 'Uitspraak vervallen' }),
    ).rejects.toThrow(/board\.notAllowed/);
    expect(findPersonByKey(admin.db, '1003')!.protected).toBe(true);

    const officer = await workstation('privacy');
    await refreshBoardSnapshot(officer.db, officer.sql, { school: 'A' });
    const after = await boardSetPersonProtected(officer, {
      personId: sem.id,
      protected: false,
      reason: 'Uitspraak vervallen',
    });
    expect(after.protected).toBe(false);
    await refreshBoardSnapshot(admin.db, admin.sql);
    expect(findPersonByKey(admin.db, '1003')!.protected).toBe(false);
  });
});
