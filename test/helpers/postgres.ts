// A throwaway PostgreSQL cluster for the board tests: initdb into a temp folder owned by the postgres user, started on
// a free loopback port (unix socket in the same folder), stopped and deleted afterwards. Where the server binaries are
// absent the tests skip, saying so (Debian: apt-get install postgresql; .ci/run does it).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/** Where Debian's postgresql package puts the server programs (the newest version there); PG_BIN points elsewhere. */
export const POSTGRES_BIN = process.env.PG_BIN ?? debianPostgresBin();

function debianPostgresBin(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return path.join(base, versions[0] ?? '15', 'bin');
}

/** Null when the tests can run; else why they skip. */
export function postgresMissing(): string | null {
  for (const program of ['initdb', 'pg_ctl', 'postgres'])
    if (!existsSync(path.join(POSTGRES_BIN, program)))
      return `PostgreSQL server programs not found in ${POSTGRES_BIN} (apt-get install postgresql, or set PG_BIN): board tests skipped`;
  return null;
}

export interface TestCluster {
  /** The superuser's connection URL (postgres, with a password, over TCP on 127.0.0.1). */
  readonly url: string;
  readonly port: number;
  readonly superuser: string;
  readonly password: string;
  /** The temp folder with the data, socket and log (gone after stop). */
  readonly dir: string;
  /** With tls: the server's self-signed certificate (its own CA, for verify-full). */
  readonly certificate: string | null;
  /** A URL for another role of this cluster (same host, port and database). */
  urlFor(user: string, password: string, database?: string): string;
  stop(): void;
}

export interface ClusterOptions {
  /** Serve TLS with a fresh self-signed certificate (ssl = on). */
  readonly tls?: boolean;
}

async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

const asRoot = userInfo().uid === 0;

/** Runs a server program as the postgres user (the server refuses to run as root). */
function runAsPostgres(program: string, args: readonly string[]): string {
  const file = path.join(POSTGRES_BIN, program);
  const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, [...args]];
  return execFileSync(command, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], cwd: '/' });
}

function postgresIds(): { uid: number; gid: number } {
  const id = (flag: string): number => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** Starts a fresh cluster. Call stop() when done (useTestCluster does). */
export async function startTestCluster(options: ClusterOptions = {}): Promise<TestCluster> {
  const root = mkdtempSync(path.join(tmpdir(), 'fotowacht-pg-'));
  const data = path.join(root, 'data');
  const password = randomBytes(12).toString('hex');
  const passwordFile = path.join(root, 'pw');
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (asRoot) {
    const { uid, gid } = postgresIds();
    chownSync(root, uid, gid);
    chownSync(passwordFile, uid, gid);
  }
  chmodSync(root, 0o700);
  let started = false;
  const stop = (): void => {
    if (started) {
      started = false;
      try {
        runAsPostgres('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']);
      } catch {
        // Already gone: nothing to stop.
      }
    }
    rmSync(root, { recursive: true, force: true });
  };
  try {
    runAsPostgres('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      `--pwfile=${passwordFile}`,
      '--auth-local=scram-sha-256',
      '--auth-host=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    const settings = [
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${root}'`,
      'fsync = off',
      'max_connections = 60',
    ];
    if (options.tls) {
      execFileSync(
        'openssl',
        [
          'req',
          '-new',
          '-x509',
          '-days',
          '2',
          '-nodes',
          '-subj',
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1',
          '-newkey',
          'rsa:2048',
          '-keyout',
          path.join(data, 'server.key'),
          '-out',
          path.join(data, 'server.crt'),
        ],
        { stdio: 'ignore' },
      );
      if (asRoot) {
        const { uid, gid } = postgresIds();
        chownSync(path.join(data, 'server.key'), uid, gid);
        chownSync(path.join(data, 'server.crt'), uid, gid);
      }
      chmodSync(path.join(data, 'server.key'), 0o600);
      settings.push('ssl = on');
    }
    writeFileSync(path.join(data, 'postgresql.auto.conf'), `${settings.join('\n')}\n`, { flag: 'a' });
    // A port taken between asking and starting is rare; try a few.
    let port = 0;
    for (let attempt = 0; attempt < 5 && !started; attempt += 1) {
      port = await freeLoopbackPort();
      try {
        runAsPostgres('pg_ctl', [
          'start',
          '-D',
          data,
          '-w',
          '-t',
          '60',
          '-l',
          path.join(root, 'log'),
          '-o',
          `-p ${port}`,
        ]);
        started = true;
      } catch (error) {
        const log = existsSync(path.join(root, 'log')) ? readFileSync(path.join(root, 'log'), 'utf8').slice(-2000) : '';
        if (attempt === 4 || !/could not bind|in use/i.test(log))
          throw new Error(`PostgreSQL did not start: ${log}`, { cause: error });
      }
    }
    const urlFor = (user: string, pass: string, database = 'postgres'): string =>
      `postgres://${encodeURIComponent(user)}:${encodeURIComponent(pass)}@127.0.0.1:${port}/${database}`;
    const certificate = options.tls ? path.join(data, 'server.crt') : null;
    return {
      url: urlFor('postgres', password),
      port,
      superuser: 'postgres',
      password,
      dir: root,
      certificate,
      urlFor,
      stop,
    };
  } catch (error) {
    stop();
    throw error;
  }
}

/** A cluster for the file's tests: started before them, stopped and deleted after. Null (and a message) when absent. */
export function useTestCluster(options: ClusterOptions = {}): () => TestCluster {
  let cluster: TestCluster | undefined;
  beforeAll(async () => {
    if (postgresMissing() === null) cluster = await startTestCluster(options);
  }, 120_000);
  afterAll(() => cluster?.stop());
  return () => {
    if (!cluster) throw new Error('the test cluster did not start');
    return cluster;
  };
}

/** A loopback port nothing listens on (taken and given back at once): a server that is not there. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
