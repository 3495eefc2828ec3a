// The consent commands of a workstation in board mode, as an administrator runs them (a real child process):
// `board refresh` fetches the copy, `consent import / withdraw / protect` write to the board, what the database
// refuses is said clearly and exits 1, and a laptop without a board is told to connect first.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectWorkstation, type BoardConnection } from '../../../electron/core/board';
import { openCore } from '../../../electron/core/context';
import { createBoardDatabase, seedBoard, type TestBoard } from '../../helpers/board';
import { fotowacht } from '../../helpers/cli';
import { toCsv } from '../../helpers/consentLists';
import { postgresMissing, useTestCluster } from '../../helpers/postgres';
import { FIRST_LIST } from '../../helpers/registryScenario';
import { useTempDirs } from '../../helpers/tempDir';
import { memoryKeyStore } from '../../helpers/keyStore';

const missing = postgresMissing();
if (missing) console.warn(missing);

describe.skipIf(missing !== null)('consent commands in board mode', () => {
  const cluster = useTestCluster();
  const tempDir = useTempDirs();
  let board: TestBoard;
  const open: BoardConnection[] = [];

  beforeAll(async () => {
    board = await createBoardDatabase(cluster(), 'board_registry_cli');
    await seedBoard(board);
  });
  afterAll(async () => {
    await Promise.all(open.map((connection) => connection.close()));
  });

  /** A data folder connected to the board as `user`; the commands get the password as PGPASSWORD (a script). */
  async function connected(user: string) {
    const dataDir = tempDir();
    const core = openCore({ dataDir });
    await connectWorkstation({
      db: core.db,
      actor: core.actor(),
      dataDir,
      url: board.urlFor(user),
      keyStore: memoryKeyStore(),
    });
    await core.close();
    const run = (args: readonly string[]) =>
      fotowacht(['--json', '--data-dir', dataDir, ...args], { env: { PGPASSWORD: board.passwords.get(user)! } });
    return { dataDir, run };
  }

  it('refreshes the copy, imports, withdraws and marks on the board; the database says what it refuses', async () => {
    const admin = await connected('admin.a');
    expect(admin.run(['board', 'refresh', '--help']).code).toBe(0);
    const refreshed = admin.run(['board', 'refresh']);
    expect(refreshed.code).toBe(0);
    expect(refreshed.json()).toMatchObject({ ok: true, snapshot: { schoolCode: 'A', user: 'admin.a' } });

    const list = path.join(tempDir(), 'toestemming.csv');
    writeFileSync(list, toCsv(FIRST_LIST.rows));
    const imported = admin.run(['consent', 'import', list, '--year', '2026-2027']);
    expect(imported.code).toBe(0);
    expect(imported.json()).toMatchObject({ ok: true, committed: true, recordsWritten: 15 });

    const withdrawn = admin.run([
      'consent',
      'withdraw',
      '1001',
      '--channel',
      'website',
      '--reason',
      'Brief van ouders',
    ]);
    expect(withdrawn.code).toBe(0);
    expect(withdrawn.json()).toMatchObject({ ok: true, records: [{ status: 'withdrawn', source: 'withdrawal' }] });
    const shown = admin.run(['consent', 'show', '1001']);
    expect(JSON.stringify(shown.json())).toContain('withdrawn');

    // On the board, by the database user.
    const privacy = await board.connect('privacy');
    open.push(privacy);
    const rows = await privacy.client.query(
      `SELECT r.status, r.actor FROM consent_records r JOIN people p ON p.id = r.person_id
        WHERE p.external_key = '1001' AND r.channel_id = 'website' ORDER BY r.version`,
    );
    expect(rows.rows).toEqual([
      { status: 'granted', actor: 'admin.a' },
      { status: 'withdrawn', actor: 'admin.a' },
    ]);

    // Already marked by the list; only the board's privacy officer takes it off.
    const unprotect = admin.run(['consent', 'unprotect', '1002', '--reason', 'Uitspraak vervallen']);
    expect(unprotect.code).toBe(1);
    expect(unprotect.json()).toMatchObject({ ok: false, error: { code: 'board.notAllowed' } });
    // Channels are the school's on the board: its administrator adds one; communications staff may not.
    const channel = admin.run(['channels', 'add', 'Jaarboek']);
    expect(channel.code).toBe(0);
    expect(channel.json()).toMatchObject({ id: 'jaarboek', labelNl: 'Jaarboek' });

    const comm = await connected('comm.a');
    const channelByComm = comm.run(['channels', 'add', 'Schoolkrant']);
    expect(channelByComm.code).toBe(1);
    expect(channelByComm.json()).toMatchObject({ ok: false, error: { code: 'board.notAllowed' } });
    const byComm = comm.run(['consent', 'import', list, '--year', '2026-2027']);
    expect(byComm.code).toBe(1);
    expect(byComm.json()).toMatchObject({ ok: false, error: { code: 'board.notAllowed' } });
  });

  it('tells a laptop without a board to connect first, and an unknown school by name', async () => {
    const laptop = fotowacht(['--json', '--data-dir', tempDir(), 'board', 'refresh']);
    expect(laptop.code).toBe(1);
    expect(laptop.json()).toMatchObject({ ok: false, error: { code: 'board.notConnected' } });
    const admin = await connected('admin.a');
    const other = admin.run(['board', 'refresh', '--school', 'B']);
    expect(other.code).toBe(1);
    expect(other.json()).toMatchObject({ ok: false, error: { code: 'board.schoolNotVisible' } });
  });
});
