// A board on the test cluster: a database owned by a non-superuser IT role (so FORCE ROW LEVEL SECURITY binds the
// owner as it would on a real server), initialised, with schools and users of every role.
import { spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import {
  addSchool,
  addUser,
  connectBoard,
  initBoard,
  type BoardConnection,
  type BoardRoleKind,
} from '../../electron/core/board';
import { fotowachtArgv } from '../../scripts/run-fotowacht';
import { cliEnv } from './cli';
import type { TestCluster } from './postgres';

export const IT_ROLE = 'board_it';
export const IT_PASSWORD = 'it-password-for-tests';

export interface TestBoard {
  readonly database: string;
  /** The IT person's URL (owner of the board's tables, CREATEROLE). */
  readonly ownerUrl: string;
  /** Passwords of the users made by seedBoardUsers, by role name. */
  readonly passwords: Map<string, string>;
  urlFor(user: string): string;
  connect(user: string): Promise<BoardConnection>;
}

/** Creates the IT role (once per cluster) and an empty database it owns. */
export async function createBoardDatabase(cluster: TestCluster, database: string): Promise<TestBoard> {
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [IT_ROLE]);
    if (exists.rows.length === 0)
      await admin.query(`CREATE ROLE ${IT_ROLE} LOGIN CREATEROLE PASSWORD '${IT_PASSWORD}'`);
    await admin.query(`CREATE DATABASE ${database} OWNER ${IT_ROLE}`);
  } finally {
    await admin.end();
  }
  const passwords = new Map<string, string>([[IT_ROLE, IT_PASSWORD]]);
  const urlFor = (user: string): string => cluster.urlFor(user, passwords.get(user) ?? '', database);
  return {
    database,
    ownerUrl: urlFor(IT_ROLE),
    passwords,
    urlFor,
    connect: (user) => connectBoard({ url: urlFor(user), tls: 'disable' }),
  };
}

/** Users of the seeded board: who they are and what they may do. */
export const SEEDED_USERS = [
  { roleName: 'comm.a', kind: 'communications', schools: ['A'] },
  { roleName: 'admin.a', kind: 'school_admin', schools: ['A'] },
  { roleName: 'admin.b', kind: 'school_admin', schools: ['B'] },
  { roleName: 'auditor', kind: 'auditor', schools: [] },
  { roleName: 'privacy', kind: 'privacy_officer', schools: [] },
] as const;

/** initdb-like set-up of a board: schema, schools A and B, and SEEDED_USERS with their passwords. */
export async function seedBoard(board: TestBoard): Promise<void> {
  const owner = await connectBoard({ url: board.ownerUrl, tls: 'disable' });
  try {
    await initBoard(owner.client);
    await addSchool(owner.client, 'A', 'Basisschool De Akker');
    await addSchool(owner.client, 'B', 'Basisschool De Boog');
    for (const user of SEEDED_USERS) {
      const made = await addUser(owner.client, { ...user, schools: [...user.schools] });
      if (made.password) board.passwords.set(user.roleName, made.password);
    }
  } finally {
    await owner.close();
  }
}

const APPENDER = path.resolve('test/helpers/boardAppender.ts');

/** A workstation in its own process appending `count` events from `startAt` (ms since the epoch) on. */
export function runAppender(
  url: string,
  count: number,
  startAt: number,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', APPENDER, url, String(count), String(startAt)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, out, err }));
  });
}

/** One more user of the seeded board (e.g. a second school's communications officer); its password kept. */
export async function addBoardUser(
  board: TestBoard,
  roleName: string,
  kind: BoardRoleKind,
  schools: readonly string[],
): Promise<void> {
  const owner = await connectBoard({ url: board.ownerUrl, tls: 'disable' });
  try {
    const made = await addUser(owner.client, { roleName, kind, schools: [...schools] });
    if (made.password) board.passwords.set(roleName, made.password);
  } finally {
    await owner.close();
  }
}

export interface CliRun {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

/**
 * `fotowacht …args` as a workstation runs it, without waiting: a real child process (the tests' fixed environment
 * plus `env`), so several run at the same moment.
 */
export function fotowachtProcess(args: readonly string[], env: Readonly<Record<string, string>>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, fotowachtArgv(args), { env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, out, err }));
  });
}
