// A workstation joins a board over TLS: prefer encrypts when the server offers it, verify-full checks the
// certificate (for every later session too), the password goes to the key store (never a file) and board mode is
// recorded without it.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../../electron/core/audit';
import {
  boardCredentialAccount,
  connectBoard,
  connectWorkstation,
  latestBoardSchemaVersion,
  openBoardSession,
  readBoardSettings,
} from '../../../electron/core/board';
import { openCore, type CoreContext } from '../../../electron/core/context';
import type { KeyStore } from '../../../electron/core/db';
import { createBoardDatabase, seedBoard, type TestBoard } from '../../helpers/board';
import { postgresMissing, useTestCluster } from '../../helpers/postgres';
import { useTempDirs } from '../../helpers/tempDir';
import { memoryKeyStore } from '../../helpers/keyStore';

const missing = postgresMissing();
if (missing) console.warn(missing);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe.skipIf(missing !== null)('fotowacht connect: a workstation joins the board', () => {
  const cluster = useTestCluster({ tls: true });
  const tempDir = useTempDirs();
  let board: TestBoard;
  const cores: CoreContext[] = [];
  const core = (): CoreContext => {
    const opened = openCore({ dataDir: tempDir() });
    cores.push(opened);
    return opened;
  };

  beforeAll(async () => {
    board = await createBoardDatabase(cluster(), 'board_connect');
    await seedBoard(board);
  });
  afterAll(async () => {
    await Promise.all(cores.map((opened) => opened.close()));
  });

  it('encrypts when the server offers TLS (prefer), and the server agrees the session is encrypted', async () => {
    const connection = await connectBoard({ url: board.urlFor('comm.a') });
    try {
      expect(connection.tls).toBe(true);
      expect(connection.verified).toBe(false);
      const { rows } = await connection.client.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
      expect(rows).toEqual([{ ssl: true }]);
    } finally {
      await connection.close();
    }
  });

  it('checks the certificate with verify-full, and refuses one signed by another CA', async () => {
    const certificate = cluster().certificate ?? '';
    const checked = await connectBoard({ url: board.urlFor('comm.a'), tls: 'verify-full', caFile: certificate });
    expect(checked).toMatchObject({ tls: true, verified: true });
    await checked.close();
    const dir = tempDir();
    execFileSync(
      'openssl',
      [
        'req',
        '-new',
        '-x509',
        '-days',
        '1',
        '-nodes',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-newkey',
        'rsa:2048',
        '-keyout',
        path.join(dir, 'other.key'),
        '-out',
        path.join(dir, 'other.crt'),
      ],
      { stdio: 'ignore' },
    );
    await expect(
      connectBoard({ url: board.urlFor('comm.a'), tls: 'verify-full', caFile: path.join(dir, 'other.crt') }),
    ).rejects.toThrow(/board\.tlsCertificate/);
    await expect(connectBoard({ url: board.urlFor('comm.a'), tls: 'verify-full' })).rejects.toThrow(
      /board\.caFileMissing/,
    );
  });

  it("opens every later session of the workstation the way it connected: encrypted, the server's certificate checked", async () => {
    const workstation = core();
    const store = memoryKeyStore();
    await connectWorkstation({
      db: workstation.db,
      actor: workstation.actor(),
      dataDir: workstation.paths.root,
      url: board.urlFor('comm.a'),
      tls: 'verify-full',
      caFile: cluster().certificate ?? '',
      keyStore: store,
    });
    expect(readBoardSettings(workstation.db)).toMatchObject({ tls: 'verify-full', caFile: cluster().certificate });
    const session = await openBoardSession({ db: workstation.db, dataDir: workstation.paths.root, keyStore: store });
    try {
      expect(session!.connection).toMatchObject({ tls: true, verified: true });
      const { rows } = await session!.connection.client.query(
        'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
      );
      expect(rows).toEqual([{ ssl: true }]);
    } finally {
      await session!.close();
    }
  });

  it('keeps the password in the key store only and records board mode, audited, without it', async () => {
    const workstation = core();
    const store = memoryKeyStore();
    const password = board.passwords.get('comm.a') ?? '';
    const result = await connectWorkstation({
      db: workstation.db,
      actor: workstation.actor(),
      dataDir: workstation.paths.root,
      url: board.urlFor('comm.a'),
      keyStore: store,
    });
    expect(result).toMatchObject({
      user: 'comm.a',
      role: 'communications',
      schools: ['A'],
      tls: 'prefer',
      encrypted: true,
      verified: false,
      schemaVersion: latestBoardSchemaVersion(),
      keyStore: 'memory',
    });
    expect(result.url).toBe(`postgres://comm.a@127.0.0.1:${cluster().port}/board_connect`);
    expect(store.entries.get(boardCredentialAccount(workstation.paths.root))).toBe(password);
    expect(readBoardSettings(workstation.db)).toMatchObject({ url: result.url, user: 'comm.a', schools: ['A'] });
    const [event] = listAuditEvents(workstation.db, { limit: 1, action: 'board.connect' });
    expect(event?.details).toMatchObject({ url: result.url, user: 'comm.a', encrypted: true });
    expect(JSON.stringify(event)).not.toContain(password);
    // Nothing in the data folder holds the password (not even in the database's plain bytes).
    for (const file of filesUnder(workstation.paths.root))
      expect(readFileSync(file).includes(Buffer.from(password)), file).toBe(false);
  });

  it('stores nothing when the key store fails, and nothing when the user is no board user', async () => {
    const workstation = core();
    const broken: KeyStore = {
      name: 'broken',
      get: () => null,
      set: () => {
        throw new Error('no Secret Service');
      },
    };
    await expect(
      connectWorkstation({
        db: workstation.db,
        actor: workstation.actor(),
        dataDir: workstation.paths.root,
        url: board.urlFor('admin.a'),
        keyStore: broken,
      }),
    ).rejects.toThrow(/board\.keyStoreUnavailable/);
    expect(readBoardSettings(workstation.db)).toBeNull();
    const owner = await board.connect('board_it');
    await owner.client.query("CREATE ROLE outsider LOGIN PASSWORD 'outsider-password'");
    await owner.close();
    board.passwords.set('outsider', 'outsider-password');
    const store = memoryKeyStore();
    await expect(
      connectWorkstation({
        db: workstation.db,
        actor: workstation.actor(),
        dataDir: workstation.paths.root,
        url: board.urlFor('outsider'),
        keyStore: store,
      }),
    ).rejects.toThrow(/board\.notABoardUser/);
    expect(store.entries.size).toBe(0);
    expect(readBoardSettings(workstation.db)).toBeNull();
  });
});
