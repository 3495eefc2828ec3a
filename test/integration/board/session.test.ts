// A workstation in board mode opens its session from what connect recorded: the address from the settings, the
// password from the key store. Single-laptop mode has no session; a missing password and an unreachable server are
// clear errors, never a silent fall-back to the laptop's own registry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BOARD_SETTING,
  connectWorkstation,
  inBoardMode,
  openBoardSession,
  readBoardSettings,
} from '../../../electron/core/board';
import { openCore, type CoreContext } from '../../../electron/core/context';
import { writeSetting } from '../../../electron/core/settings';
import { createBoardDatabase, seedBoard, type TestBoard } from '../../helpers/board';
import { closedPort, postgresMissing, useTestCluster } from '../../helpers/postgres';
import { useTempDirs } from '../../helpers/tempDir';
import { memoryKeyStore } from '../../helpers/keyStore';

const missing = postgresMissing();
if (missing) console.warn(missing);

describe.skipIf(missing !== null)('board session of a workstation', () => {
  const cluster = useTestCluster();
  const tempDir = useTempDirs();
  let board: TestBoard;
  const cores: CoreContext[] = [];
  const core = (): CoreContext => {
    const opened = openCore({ dataDir: tempDir() });
    cores.push(opened);
    return opened;
  };

  beforeAll(async () => {
    board = await createBoardDatabase(cluster(), 'board_session');
    await seedBoard(board);
  });
  afterAll(async () => {
    await Promise.all(cores.map((opened) => opened.close()));
  });

  it('has no session in single-laptop mode', async () => {
    const laptop = core();
    expect(inBoardMode(laptop.db)).toBe(false);
    expect(
      await openBoardSession({ db: laptop.db, dataDir: laptop.paths.root, keyStore: memoryKeyStore() }),
    ).toBeNull();
  });

  it('signs in as the connected user with the password from the key store', async () => {
    const workstation = core();
    const store = memoryKeyStore();
    await connectWorkstation({
      db: workstation.db,
      actor: workstation.actor(),
      dataDir: workstation.paths.root,
      url: board.urlFor('comm.a'),
      keyStore: store,
    });
    expect(inBoardMode(workstation.db)).toBe(true);
    const session = await openBoardSession({ db: workstation.db, dataDir: workstation.paths.root, keyStore: store });
    expect(session).not.toBeNull();
    const { rows } = await session!.connection.client.query<{ user: string }>('SELECT current_user AS user');
    expect(rows[0]!.user).toBe('comm.a');
    expect(session!.settings.user).toBe('comm.a');
    await session!.close();

    // Another data folder's key-store entry is not this one's.
    await expect(openBoardSession({ db: workstation.db, dataDir: tempDir(), keyStore: store })).rejects.toThrow(
      /board\.notSignedIn/,
    );
  });

  it('says the server is unreachable instead of falling back to the laptop', async () => {
    const workstation = core();
    const store = memoryKeyStore();
    await connectWorkstation({
      db: workstation.db,
      actor: workstation.actor(),
      dataDir: workstation.paths.root,
      url: board.urlFor('comm.a'),
      keyStore: store,
    });
    const settings = readBoardSettings(workstation.db)!;
    const port = await closedPort();
    writeSetting(workstation.db, BOARD_SETTING, { ...settings, url: settings.url.replace(/:\d+\//, `:${port}/`) });
    await expect(
      openBoardSession({ db: workstation.db, dataDir: workstation.paths.root, keyStore: store }),
    ).rejects.toThrow(/board\.unreachable/);
  });
});
