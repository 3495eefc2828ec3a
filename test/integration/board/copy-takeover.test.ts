// After an import the workstation's copy takes over the rows the board returned for the import's writes instead of
// reading the school's registry again (board/snapshot.ts, takeOverBoardWrites). That copy must be exactly the one a
// full read gives — every row with its board id, pseudonym, times and actor, the same content hash and registry
// version — also when another workstation changes the registry before, during or after the import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  boardConsentImport,
  boardWithdrawConsent,
  readBoardSnapshot,
  refreshBoardSnapshot,
  type BoardConnection,
  type BoardRegistryContext,
} from '../../../electron/core/board';
import { findPersonByKey } from '../../../electron/core/consent';
import { openCore, type CoreContext } from '../../../electron/core/context';
import type { ReadableDb } from '../../../electron/core/db';
import { createBoardDatabase, seedBoard, type TestBoard } from '../../helpers/board';
import { postgresMissing, useTestCluster } from '../../helpers/postgres';
import { FIRST_LIST, listOf, mappingFor, SECOND_LIST, YEAR } from '../../helpers/registryScenario';
import { useTempDirs } from '../../helpers/tempDir';

const missing = postgresMissing();
if (missing) console.warn(missing);

/** Every row of the local registry tables, with the board's ids, pseudonyms and times. */
function copyOf(db: ReadableDb) {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    people: all('SELECT * FROM people ORDER BY id'),
    channels: all('SELECT * FROM channels ORDER BY id'),
    imports: all('SELECT * FROM consent_imports ORDER BY id'),
    listed: all('SELECT * FROM consent_import_people ORDER BY import_id, person_id'),
    records: all('SELECT * FROM consent_records ORDER BY id'),
    reasons: all('SELECT * FROM consent_reasons ORDER BY record_id'),
    years: all('SELECT id FROM school_years ORDER BY id'),
  };
}

const pupil = (key: string, achternaam: string, values: readonly string[], protect = ''): string[] => [
  key,
  'Kim',
  'Kim',
  '',
  achternaam,
  '7A',
  '01-02-2014',
  ...values,
  protect,
];

describe.skipIf(missing !== null)("an import's copy without reading the registry again", () => {
  const cluster = useTestCluster();
  const tempDir = useTempDirs();
  let board: TestBoard;
  let privacy: BoardConnection;
  const cores: CoreContext[] = [];
  const open: BoardConnection[] = [];
  /** A workstation of `user` with its own data folder and session, holding a copy of school A. */
  const workstation = async (user: string): Promise<BoardRegistryContext & { core: CoreContext }> => {
    const core = openCore({ dataDir: tempDir(), osUser: user });
    cores.push(core);
    const connection = await board.connect(user);
    open.push(connection);
    await refreshBoardSnapshot(core.db, connection.client, { school: 'A' });
    return { core, db: core.db, sql: connection.client, displayName: `${user} (test)` };
  };
  const boardVersion = async (): Promise<number> =>
    Number(
      (
        await privacy.client.query<{ version: string }>(
          "SELECT v.version::text AS version FROM registry_versions v JOIN schools s ON s.id = v.school_id WHERE s.code = 'A'",
        )
      ).rows[0]!.version,
    );
  /** The copy equals what a new workstation of the same user reads from the board, hash and version included. */
  const expectBoardsCopy = async (held: BoardRegistryContext, user: string): Promise<void> => {
    const fresh = await workstation(user);
    expect(copyOf(held.db)).toEqual(copyOf(fresh.db));
    const [mine, theirs] = [readBoardSnapshot(held.db)!, readBoardSnapshot(fresh.db)!];
    expect(mine.contentHash).toBe(theirs.contentHash);
    expect(mine.registryVersion).toBe(theirs.registryVersion);
    expect(mine.counts).toEqual(theirs.counts);
  };

  beforeAll(async () => {
    board = await createBoardDatabase(cluster(), 'board_copy_takeover');
    await seedBoard(board);
    privacy = await board.connect('privacy');
  });
  afterAll(async () => {
    await privacy.close();
    await Promise.all(open.map((connection) => connection.close()));
    await Promise.all(cores.map((core) => core.close()));
  });

  it("is the board's registry after new people, a never-publish mark, changed people and new versions", async () => {
    const admin = await workstation('admin.a');
    const mapping = mappingFor(admin.db, FIRST_LIST);
    const first = await boardConsentImport(admin, FIRST_LIST, mapping, YEAR, {
      today: '2026-09-15',
      now: new Date('2026-09-15T10:00:00Z'),
    });
    expect(first.recordsWritten).toBeGreaterThan(0);
    expect(findPersonByKey(admin.db, '1002')!.protected).toBe(true); // marked by the list's column
    expect(readBoardSnapshot(admin.db)!.registryVersion).toBe(await boardVersion());
    await expectBoardsCopy(admin, 'admin.a');

    // A second list: a pupil in another class (an update on the board), a new pupil, new versions.
    const second = await boardConsentImport(admin, SECOND_LIST, mapping, YEAR, {
      today: '2026-10-05',
      now: new Date('2026-10-05T10:00:00Z'),
      confirmRenames: true,
    });
    expect(second.recordsWritten).toBeGreaterThan(0);
    expect(findPersonByKey(admin.db, '1002')!.className).toBe('6B');
    await expectBoardsCopy(admin, 'admin.a');
    // Nothing for a refresh to do: the copy is already the registry at the board's version.
    const again = await refreshBoardSnapshot(admin.db, admin.sql);
    expect(again.changes).toEqual({ people: 0, channels: 0, imports: 0, records: 0, reasons: 0 });
  });

  it('is right when another workstation withdraws consent after the import, and while it runs', async () => {
    const admin = await workstation('admin.a');
    const officer = await workstation('privacy');
    const mapping = mappingFor(admin.db, FIRST_LIST);

    // After: the import's copy stands at the version its own commit left; the withdrawal raises it, so the next
    // refresh reads the registry and finds the withdrawal.
    // A name with quotes, a backslash and letters outside ASCII: the copy's hash is made from its JSON.
    await boardConsentImport(
      admin,
      listOf('na.csv', [pupil('2001', `O'Brien "Ëlla" \\ 😀`, ['ja', 'ja', 'ja', 'ja', 'ja'])]),
      mapping,
      YEAR,
      {
        today: '2026-10-10',
      },
    );
    const took = readBoardSnapshot(admin.db)!.registryVersion;
    await refreshBoardSnapshot(officer.db, officer.sql);
    await boardWithdrawConsent(officer, {
      personId: findPersonByKey(officer.db, '2001')!.id,
      channelId: 'website',
      reason: 'Mail van vader',
    });
    expect(await boardVersion()).toBeGreaterThan(took);
    const refreshed = await refreshBoardSnapshot(admin.db, admin.sql);
    expect(refreshed.changes.records).toBe(1);
    await expectBoardsCopy(admin, 'admin.a');
    await expectBoardsCopy(officer, 'privacy');

    // At once, several times over: an import of new pupils on one workstation while the other withdraws consent of
    // pupils already there. Whichever commits first, the other plans again or its copy stands at its own version.
    for (let round = 0; round < 4; round += 1) {
      const key = `30${round}`;
      const list = listOf(`ronde-${round}.csv`, [
        pupil(key, `Ronde${round}`, ['ja', 'nee', 'ja', 'ja', 'ja']),
        pupil(`${key}9`, `Ronde${round}b`, ['ja', 'ja', 'ja', 'nee', 'ja'], 'ja'),
      ]);
      const withdrawn = findPersonByKey(officer.db, round === 0 ? '2001' : `30${round - 1}`)!.id;
      const [imported, withdrawal] = await Promise.all([
        boardConsentImport(admin, list, mapping, YEAR, { today: '2026-10-11' }),
        boardWithdrawConsent(officer, { personId: withdrawn, channelId: 'social', reason: `Ronde ${round}` }),
      ]);
      expect(imported.recordsWritten).toBe(10);
      expect(withdrawal).toHaveLength(1);
      // A copy at the board's version is the board's registry as it stands, without a refresh.
      if (readBoardSnapshot(admin.db)!.registryVersion === (await boardVersion()))
        await expectBoardsCopy(admin, 'admin.a');
      await refreshBoardSnapshot(admin.db, admin.sql);
      await refreshBoardSnapshot(officer.db, officer.sql);
      await expectBoardsCopy(admin, 'admin.a');
      await expectBoardsCopy(officer, 'privacy');
    }
    // Every import and withdrawal is on the board once.
    const counts = await privacy.client.query<{ source: string; n: number }>(
      `SELECT r.source, count(*)::int AS n FROM consent_records r JOIN people p ON p.id = r.person_id
        WHERE p.external_key LIKE '30%' OR p.external_key = '2001' GROUP BY 1 ORDER BY 1`,
    );
    expect(counts.rows).toEqual([
      { source: 'import', n: 45 },
      { source: 'withdrawal', n: 5 },
    ]);
  });

  it('is read again when another process of the workstation refreshed the copy after the commit', async () => {
    const admin = await workstation('admin.a');
    const officer = await workstation('privacy');
    // The same data folder's other process (the app beside a command), with its own session.
    const other = await board.connect('admin.a');
    open.push(other);
    const mapping = mappingFor(admin.db, FIRST_LIST);
    const list = listOf('tussendoor.csv', [pupil('4001', 'Tussendoor', ['ja', 'ja', 'ja', 'ja', 'ja'])]);
    await boardConsentImport(
      {
        ...admin,
        onStep: async (step) => {
          if (step !== 'board') return;
          // Committed, not yet taken over: another workstation withdraws, the other process refreshes this copy.
          await refreshBoardSnapshot(officer.db, officer.sql);
          await boardWithdrawConsent(officer, {
            personId: findPersonByKey(officer.db, '4001')!.id,
            channelId: 'website',
            reason: 'Tussendoor',
          });
          await refreshBoardSnapshot(admin.db, other.client);
        },
      },
      list,
      mapping,
      YEAR,
      { today: '2026-10-12' },
    );
    // The copy does not go back to the import's version: it holds the withdrawal, and says so.
    expect(readBoardSnapshot(admin.db)!.registryVersion).toBe(await boardVersion());
    await expectBoardsCopy(admin, 'admin.a');
  });
});
