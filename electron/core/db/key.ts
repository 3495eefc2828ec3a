// The database key: a random 256-bit key made on first start and kept by the operating system's key store
// (Windows Credential Manager, macOS Keychain, the Secret Service on Linux), never in the data folder — unless the
// user explicitly allows a key file there on a machine without a key store. Scripts give it as FOTOWACHT_DB_KEY or
// FOTOWACHT_DB_KEY_FILE.
import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';

export const DB_KEY_ENV = 'FOTOWACHT_DB_KEY';
export const DB_KEY_FILE_ENV = 'FOTOWACHT_DB_KEY_FILE';
/** Opt-in for machines without a key store: the key in a file beside the database (protected by file modes only). */
export const ALLOW_PLAIN_KEY_ENV = 'FOTOWACHT_ALLOW_PLAIN_KEY';
export const PLAIN_KEY_FILE = 'database.key';

const KEY_PATTERN = /^[0-9a-f]{64}$/;

/** A place that keeps one secret per data folder. */
export interface KeyStore {
  readonly name: string;
  /** The stored key, null when there is none; throws when the store cannot be reached. */
  get(account: string): string | null;
  set(account: string, key: string): void;
}

export type KeySource = 'env' | 'keyFile' | 'keyStore' | 'plainFile';

export interface DatabaseKey {
  /** 64 hex characters (256 bits). */
  readonly hex: string;
  readonly source: KeySource;
  /** True when the key was made now (a new database, or a plain one about to be encrypted). */
  readonly created: boolean;
}

/** The OS key store through @napi-rs/keyring (a prebuilt N-API addon for each platform, from the registry). */
export function osKeyStore(): KeyStore {
  const require = createRequire(import.meta.url);
  const { Entry } = require('@napi-rs/keyring') as {
    Entry: new (
      service: string,
      account: string,
      options?: { linux?: { store: 'secret-service' | 'keyutils' } },
    ) => { getPassword(): string | null; setPassword(v: string): void };
  };
  // On Linux only the Secret Service: the kernel keyring the package falls back to forgets everything at reboot,
  // and a forgotten key is a lost registry.
  const entry = (account: string) => new Entry('Fotowacht', account, { linux: { store: 'secret-service' } });
  return {
    name: 'os',
    get: (account) => entry(account).getPassword() ?? null,
    set: (account, key) => entry(account).setPassword(key),
  };
}

/** One key-store entry per data folder. */
export function keyAccount(dataDir: string): string {
  return `database-${createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16)}`;
}

function checked(hex: string, from: string): string {
  const key = hex.trim().toLowerCase();
  if (!KEY_PATTERN.test(key)) throw new AppError('db.keyInvalid', { from });
  return key;
}

export interface KeyOptions {
  readonly dataDir: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The OS key store; tests pass their own. */
  readonly keyStore?: KeyStore;
  /** Whether a key may be made now: only for a new database or a plain one about to be encrypted. */
  readonly mayCreate: boolean;
}

/**
 * The key of the data folder's database: from the environment (scripts), else the key store, else — only when the
 * user opted in — the plain key file. A key that does not exist yet is made and stored (for a new database, or a
 * plain one to encrypt); where it cannot be stored safely, that is an error that says what to do.
 */
export function databaseKey(options: KeyOptions): DatabaseKey {
  const env = options.env ?? process.env;
  if (env[DB_KEY_ENV]) return { hex: checked(env[DB_KEY_ENV], DB_KEY_ENV), source: 'env', created: false };
  const keyFile = env[DB_KEY_FILE_ENV];
  if (keyFile) {
    let text: string;
    try {
      text = readFileSync(keyFile, 'utf8');
    } catch {
      throw new AppError('db.keyFileUnreadable', { path: keyFile });
    }
    return { hex: checked(text, keyFile), source: 'keyFile', created: false };
  }
  const plainFile = path.join(options.dataDir, PLAIN_KEY_FILE);
  if (existsSync(plainFile))
    return { hex: checked(readFileSync(plainFile, 'utf8'), plainFile), source: 'plainFile', created: false };

  const account = keyAccount(options.dataDir);
  const store = options.keyStore ?? osKeyStore();
  let stored: string | null;
  let storeProblem: string | null = null;
  try {
    stored = store.get(account);
  } catch (error) {
    stored = null;
    storeProblem = error instanceof Error ? error.message : String(error);
  }
  if (stored) return { hex: checked(stored, 'keyStore'), source: 'keyStore', created: false };
  // An encrypted database whose key is nowhere: a new key would not open it, and would hide the real problem.
  if (!options.mayCreate) throw new AppError('db.keyMissing', { detail: (storeProblem ?? '').slice(0, 200) });

  const hex = randomBytes(32).toString('hex');
  if (storeProblem === null) {
    try {
      store.set(account, hex);
      if (store.get(account) === hex) return { hex, source: 'keyStore', created: true };
    } catch (error) {
      storeProblem = error instanceof Error ? error.message : String(error);
    }
  }
  if (env[ALLOW_PLAIN_KEY_ENV] === '1') {
    writeFileSync(plainFile, `${hex}\n`, { mode: 0o600, flag: 'wx' });
    return { hex, source: 'plainFile', created: true };
  }
  throw new AppError('db.keyStoreUnavailable', { detail: (storeProblem ?? 'no key stored').slice(0, 200) });
}
