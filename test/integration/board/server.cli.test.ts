// fotowacht server init / add-school / add-user / verify, and connect, as a board's IT person and a workstation
// would run them (a real child process), against a throwaway cluster on 127.0.0.1.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  boardCredentialAccount,
  boardMigrations,
  connectBoard,
  latestBoardSchemaVersion,
  readBoardSettings,
} from '../../../electron/core/board';
import { openCore } from '../../../electron/core/context';
import { createBoardDatabase, IT_ROLE, type TestBoard } from '../../helpers/board';
import { cliEnv, fotowacht } from '../../helpers/cli';
import { postgresMissing, useTestCluster } from '../../helpers/postgres';
import { useTempDirs } from '../../helpers/tempDir';

const missing = postgresMissing();
if (missing) console.warn(missing);

// A real Secret Service for the key-store test: a private D-Bus session with GNOME Keyring (Debian: gnome-keyring).
const keyringMissing = ['/usr/bin/dbus-run-session', '/usr/bin/gnome-keyring-daemon'].find((file) => !existsSync(file));
if (keyringMissing)
  console.warn(`${keyringMissing} not found (apt-get install gnome-keyring): the real key-store test is skipped`);

interface Failure {
  readonly ok: false;
  readonly error: { readonly code: string };
}

describe.skipIf(missing !== null)('fotowacht server … and connect', () => {
  const cluster = useTestCluster();
  const tempDir = useTempDirs();
  let board: TestBoard;
  const server = (args: readonly string[], url = board.ownerUrl) =>
    fotowacht(['--json', 'server', ...args, '--database-url', url]);

  beforeAll(async () => {
    board = await createBoardDatabase(cluster(), 'board_cli');
  });

  it('has help for every command', () => {
    const help = fotowacht(['server', '--help']);
    expect(help.code).toBe(0);
    for (const name of ['init', 'add-school', 'add-user', 'verify']) expect(help.stdout).toContain(name);
    for (const command of [['server', 'init'], ['server', 'add-user'], ['connect']]) {
      const one = fotowacht([...command, '--help']);
      expect(one.code).toBe(0);
      expect(one.stdout).toContain('--database-url');
      expect(one.stdout).toContain('--tls');
    }
  });

  it('sets a board up: schema and roles once, schools, users with their own login; the trail verifies', async () => {
    const init = server(['init']);
    expect(init.code, init.stderr).toBe(0);
    expect(init.json()).toMatchObject({
      ok: true,
      schemaVersion: latestBoardSchemaVersion(),
      applied: boardMigrations.map((migration) => migration.version),
      tls: false,
    });
    expect(init.stderr).toContain('NOT encrypted');
    const again = server(['init']);
    expect(again.code).toBe(0);
    expect(again.json()).toMatchObject({ schemaVersion: latestBoardSchemaVersion(), applied: [] });

    expect(server(['add-school', 'A', 'Basisschool De Akker']).code).toBe(0);
    expect(server(['add-school', 'B', 'Basisschool De Boog']).code).toBe(0);
    const twice = server(['add-school', 'A', 'Nog eens']);
    expect(twice.code).toBe(1);
    expect(twice.json<Failure>().error.code).toBe('board.schoolExists');

    const made = server(['add-user', 'comm.a', '--role', 'communications', '--school', 'A']);
    expect(made.code, made.stderr).toBe(0);
    const user = made.json<{ user: { roleName: string; kind: string; schools: string[]; password: string } }>().user;
    expect(user).toMatchObject({ roleName: 'comm.a', kind: 'communications', schools: ['A'] });
    expect(user.password.length).toBeGreaterThanOrEqual(20);
    // The password works, and the login sees school A only.
    board.passwords.set('comm.a', user.password);
    const login = await connectBoard({ url: board.urlFor('comm.a'), tls: 'disable' });
    const schools = await login.client.query<{ code: string }>('SELECT code FROM schools');
    await login.close();
    expect(schools.rows).toEqual([{ code: 'A' }]);

    const noSchool = server(['add-user', 'comm.b', '--role', 'communications']);
    expect(noSchool.code).toBe(1);
    expect(noSchool.json<Failure>().error.code).toBe('board.schoolRequired');
    const unknown = server(['add-user', 'comm.c', '--role', 'communications', '--school', 'Z']);
    expect(unknown.json<Failure>().error.code).toBe('board.schoolUnknown');
    const badName = server(['add-user', 'Robert"; DROP ROLE x; --', '--role', 'auditor']);
    expect(badName.code).toBe(1);
    expect(badName.json<Failure>().error.code).toBe('board.userNameInvalid');
    expect(server(['add-user', 'comm.a', '--role', 'auditor']).json<Failure>().error.code).toBe('board.userExists');
    const badRole = fotowacht(['server', 'add-user', 'x.y', '--role', 'janitor', '--database-url', board.ownerUrl]);
    expect(badRole.code).not.toBe(0);
    // A user who is not the tables' owner and may not create roles cannot add users.
    const byComm = server(['add-user', 'sneaky', '--role', 'privacy_officer'], board.urlFor('comm.a'));
    expect(byComm.code).toBe(1);

    const verify = server(['verify']);
    expect(verify.code, verify.stderr).toBe(0);
    // board.migrate, two schools, one user.
    expect(verify.json()).toMatchObject({ ok: true, count: 4 });
  }, 300_000);

  it('says clearly when the server cannot be reached or the password is wrong, never showing the password', () => {
    const unreachable = fotowacht(['server', 'init', '--database-url', 'postgres://it:secret-pw@127.0.0.1:1/board']);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain('cannot be reached');
    const wrong = server(['init'], board.urlFor(IT_ROLE).replace(/:[^:@/]+@/, ':wrong-secret@'));
    expect(wrong.code).toBe(1);
    expect(wrong.json<Failure>().error.code).toBe('board.authFailed');
    expect(wrong.stdout + wrong.stderr).not.toContain('wrong-secret');
    // The test server offers no TLS: require refuses to go on in plain text; prefer (above) says it is plain.
    const required = fotowacht(['--json', 'server', 'verify', '--tls', 'require', '--database-url', board.ownerUrl]);
    expect(required.code).toBe(1);
    expect(required.json<Failure>().error.code).toBe('board.tlsUnavailable');
    const none = fotowacht(['server', 'init'], { env: { FOTOWACHT_DATABASE_URL: '' } });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('--database-url');
  }, 120_000);

  it('connect refuses a superuser, and without a reachable key store stores nothing at all', () => {
    const dataDir = tempDir();
    const superuser = fotowacht(
      ['--json', 'connect', '--database-url', cluster().urlFor('postgres', cluster().password, board.database)],
      {
        dataDir,
      },
    );
    expect(superuser.code).toBe(1);
    expect(superuser.json<Failure>().error.code).toBe('board.superuserRefused');
    // This test machine has no Secret Service: the password must not end up in a file instead.
    const noStore = fotowacht(['--json', 'connect', '--database-url', board.urlFor('comm.a')], {
      dataDir,
      env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' },
    });
    expect(noStore.code).toBe(1);
    expect(noStore.json<Failure>().error.code).toBe('board.keyStoreUnavailable');
    const core = openCore({ dataDir });
    try {
      expect(readBoardSettings(core.db)).toBeNull();
    } finally {
      void core.close();
    }
  });

  it.skipIf(keyringMissing !== undefined)(
    'connect keeps the password in a real Secret Service (GNOME Keyring) and board mode in the settings',
    () => {
      const dataDir = tempDir();
      const home = tempDir();
      const out = path.join(home, 'connect.json');
      const password = board.passwords.get('comm.a') ?? '';
      const account = boardCredentialAccount(dataDir);
      // One private session bus for the whole script: unlock a fresh keyring, connect, read the entry back.
      const script = [
        'set -e',
        'printf %s unlock-for-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null',
        `printf %s "$PW" | "${process.execPath}" bin/fotowacht.js --data-dir "$DATA" --json connect --database-url "$URL" --password-stdin > "$OUT"`,
        `"${process.execPath}" -e 'const { Entry } = require("@napi-rs/keyring"); process.stdout.write(String(new Entry("Fotowacht", process.env.ACCOUNT, { linux: { store: "secret-service" } }).getPassword()))'`,
      ].join('\n');
      const url = board.urlFor('comm.a').replace(/:[^:@/]+@/, '@');
      const run = spawnSync('dbus-run-session', ['--', 'bash', '-c', script], {
        encoding: 'utf8',
        timeout: 120_000,
        env: cliEnv({
          HOME: home,
          XDG_RUNTIME_DIR: home,
          DATA: dataDir,
          URL: url,
          PW: password,
          OUT: out,
          ACCOUNT: account,
        }),
      });
      expect(run.status, run.stderr).toBe(0);
      expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({
        ok: true,
        user: 'comm.a',
        role: 'communications',
        schools: ['A'],
        encrypted: false,
        keyStore: 'os',
      });
      expect(run.stdout).toBe(password);
      const core = openCore({ dataDir });
      try {
        expect(readBoardSettings(core.db)).toMatchObject({ user: 'comm.a', url, schools: ['A'] });
      } finally {
        void core.close();
      }
    },
  );
});
