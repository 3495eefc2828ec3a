// Instellingen → Bestuur through the real IPC handlers, against a throwaway cluster: connect (the same core as
// `fotowacht connect`), the status with the server asked now, the copy's age, the server gone, and disconnecting.
// The password reaches the key store only: never an answer, a setting or the logbook.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../../electron/core/audit';
import {
  BOARD_SETTING,
  boardCredentialAccount,
  readBoardSettings,
  refreshBoardSnapshot,
} from '../../../electron/core/board';
import { openCore, type CoreContext } from '../../../electron/core/context';
import { createIpcRouter } from '../../../electron/core/ipc/handlers';
import type { IpcRouter } from '../../../electron/core/ipc/router';
import { writeSetting } from '../../../electron/core/settings';
import type { BoardStatusView } from '../../../shared/ipc/board';
import { createBoardDatabase, seedBoard, type TestBoard } from '../../helpers/board';
import { closedPort, postgresMissing, useTestCluster } from '../../helpers/postgres';
import { useTempDirs } from '../../helpers/tempDir';
import { memoryKeyStore } from '../../helpers/keyStore';

const missing = postgresMissing();
if (missing) console.warn(missing);

describe.skipIf(missing !== null)('Instellingen → Bestuur (IPC)', () => {
  const cluster = useTestCluster();
  const tempDir = useTempDirs();
  let board: TestBoard;
  const cores: CoreContext[] = [];

  beforeAll(async () => {
    board = await createBoardDatabase(cluster(), 'board_settings');
    await seedBoard(board);
  });
  afterAll(async () => {
    await Promise.all(cores.map((core) => core.close()));
  });

  function workstation(): { core: CoreContext; router: IpcRouter; store: ReturnType<typeof memoryKeyStore> } {
    const core = openCore({ dataDir: tempDir() });
    cores.push(core);
    const store = memoryKeyStore();
    return { core, store, router: createIpcRouter(core, { mediaBaseUrl: 'x', keyStore: store }) };
  }

  const form = (user: string, password: string) => ({
    host: '127.0.0.1',
    port: cluster().port,
    database: board.database,
    user,
    password,
    tls: 'disable' as const,
  });

  it('connects, shows who, which role and schools, reachable and unencrypted, and the copy once refreshed', async () => {
    const { core, router, store } = workstation();
    const single = await router.invoke('getBoardStatus', { probe: true });
    expect(single).toMatchObject({ ok: true, value: { connection: null, reachable: null, snapshot: null } });

    const password = board.passwords.get('comm.a')!;
    const wrong = await router.invoke('connectBoard', form('comm.a', 'not-the-password'));
    expect(wrong).toMatchObject({ ok: false, error: { code: 'board.authFailed' } });
    expect(readBoardSettings(core.db)).toBeNull();

    const connected = await router.invoke('connectBoard', form('comm.a', password));
    expect(connected.ok).toBe(true);
    const view = (connected as { value: BoardStatusView }).value;
    expect(view).toMatchObject({
      connection: { user: 'comm.a', role: 'communications', schools: ['A'], tls: 'disable', caFile: null },
      reachable: true,
      encrypted: false,
      verified: false,
      problem: null,
      snapshot: null,
      snapshotMaxAgeHours: 24,
    });
    expect(store.entries.get(boardCredentialAccount(core.paths.root))).toBe(password);
    // Never echoed: not in the answer, the settings or the logbook.
    expect(JSON.stringify(connected)).not.toContain(password);
    const settings = core.db.prepare('SELECT value FROM settings').pluck().all() as string[];
    expect(settings.join('\n')).not.toContain(password);
    expect(JSON.stringify(listAuditEvents(core.db, { limit: 100 }))).not.toContain(password);

    const session = await board.connect('comm.a');
    try {
      await refreshBoardSnapshot(core.db, session.client);
    } finally {
      await session.close();
    }
    const refreshed = await router.invoke('getBoardStatus', { probe: false });
    expect(refreshed).toMatchObject({
      ok: true,
      value: { reachable: null, snapshot: { schoolCode: 'A', ageMinutes: 0 }, snapshotMaxAgeHours: 24 },
    });
  });

  it('says the server is not reachable now, and why', async () => {
    const { core, router } = workstation();
    expect((await router.invoke('connectBoard', form('admin.a', board.passwords.get('admin.a')!))).ok).toBe(true);
    const settings = readBoardSettings(core.db)!;
    writeSetting(core.db, BOARD_SETTING, {
      ...settings,
      url: settings.url.replace(/:\d+\//, `:${await closedPort()}/`),
    });
    const status = await router.invoke('getBoardStatus', { probe: true });
    expect(status).toMatchObject({
      ok: true,
      value: {
        connection: { user: 'admin.a', role: 'school_admin' },
        reachable: false,
        problem: { code: 'board.unreachable', params: { host: '127.0.0.1' } },
      },
    });
  });

  it('takes the CA file only as a handle checked for its purpose', async () => {
    const { router } = workstation();
    const ca = path.join(tempDir(), 'board-ca.crt');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nnot really\n-----END CERTIFICATE-----\n');
    const handle = await router.invoke('checkPath', { purpose: 'boardCaFile', path: ca });
    expect(handle.ok).toBe(true);
    const answer = await router.invoke('connectBoard', {
      ...form('comm.a', board.passwords.get('comm.a')!),
      tls: 'verify-full',
      caFile: (handle as { value: { handle: string } }).value.handle,
    });
    // The throwaway server offers no TLS: verify-full refuses rather than fall back to plain.
    expect(answer).toMatchObject({ ok: false, error: { code: 'board.tlsUnavailable' } });
    const raw = await router.invoke('connectBoard', { ...form('comm.a', 'x'), caFile: ca });
    expect(raw.ok).toBe(false);
    const notCa = await router.invoke('checkPath', { purpose: 'boardCaFile', path: path.join(tempDir(), 'x.txt') });
    expect(notCa.ok).toBe(false);
  });

  it('disconnects: single-laptop mode again, logged, the password cleared, the copy kept', async () => {
    const { core, router, store } = workstation();
    expect((await router.invoke('connectBoard', form('comm.a', board.passwords.get('comm.a')!))).ok).toBe(true);
    const session = await board.connect('comm.a');
    try {
      await refreshBoardSnapshot(core.db, session.client);
    } finally {
      await session.close();
    }
    const channels = core.db.prepare('SELECT count(*) FROM channels').pluck().get();
    const off = await router.invoke('disconnectBoard', {});
    expect(off).toMatchObject({ ok: true, value: { connection: null, reachable: null, snapshot: null } });
    expect(readBoardSettings(core.db)).toBeNull();
    expect(store.entries.get(boardCredentialAccount(core.paths.root))).toBe('');
    expect(listAuditEvents(core.db, { limit: 1 })[0]).toMatchObject({
      action: 'board.disconnect',
      details: { user: 'comm.a' },
    });
    expect(core.db.prepare('SELECT count(*) FROM channels').pluck().get()).toBe(channels);
    expect(await router.invoke('disconnectBoard', {})).toMatchObject({
      ok: false,
      error: { code: 'board.notConnected' },
    });
  });
});
