// Opening the SQLite database: its key (SQLite3 Multiple Ciphers, ChaCha20-Poly1305 by default), pragmas, then
// migrations up to the version this code knows. An existing plain database is encrypted once, atomically.
import { closeSync, copyFileSync, existsSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../../shared/errors';
import { migrations as defaultMigrations, type Migration } from './migrations';

declare const READABLE: unique symbol;
declare const WRITABLE: unique symbol;

/**
 * A connection a read path gets: repositories' read functions take it, so code that holds only this cannot call a
 * function that writes (Signal's ReadableDB/WritableDB). The same connection object underneath.
 */
export type ReadableDb = Database.Database & { readonly [READABLE]: true };
/** A connection that may write: write functions of repositories, migrations and transactions take it. */
export type WritableDb = ReadableDb & { readonly [WRITABLE]: true };

export interface OpenDatabaseOptions {
  /** Path to a better_sqlite3.node built for the running runtime (Electron uses its own ABI). */
  readonly nativeBinding?: string;
  readonly migrations?: readonly Migration[];
  /** The 256-bit key as 64 hex characters; without it the database is plain (tests of the schema alone). */
  readonly key?: string;
}

const SQLITE_HEADER = 'SQLite format 3\u0000';

/** Whether a file is an unencrypted SQLite database (its first 16 bytes are SQLite's header). */
export function isPlainDatabaseFile(file: string): boolean {
  if (!existsSync(file)) return false;
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    return readSync(fd, head, 0, 16, 0) === 16 && head.toString('latin1') === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

function applyKey(db: Database.Database, key: string): void {
  if (!/^[0-9a-f]{64}$/.test(key)) throw new AppError('db.keyInvalid', { from: 'open' });
  db.pragma(`hexkey='${key}'`);
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch {
    throw new AppError('db.keyWrong', {});
  }
}

export function openDatabase(file: string, options: OpenDatabaseOptions = {}): WritableDb {
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) as WritableDb;
  try {
    if (options.key !== undefined) applyKey(db, options.key);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    migrate(db, options.migrations ?? defaultMigrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** What a worker thread needs to open its own read-only connection to the database. */
export interface ReadOnlyAccess {
  readonly file: string;
  /** The database key (64 hex characters); undefined for a plain database. */
  readonly key: string | undefined;
  readonly nativeBinding: string | undefined;
}

/**
 * A read-only connection to a database another connection keeps open (in WAL mode), e.g. for a worker thread that
 * does heavy reading off the main thread. It sees every write committed on the other connection.
 */
export function openReadOnlyDatabase(access: ReadOnlyAccess): ReadableDb {
  const db = new Database(access.file, {
    readonly: true,
    fileMustExist: true,
    ...(access.nativeBinding ? { nativeBinding: access.nativeBinding } : {}),
  }) as ReadableDb;
  try {
    if (access.key !== undefined) applyKey(db, access.key);
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * A second writable connection to a database another connection opened and migrated (WAL mode, foreign keys on),
 * for a worker thread that keeps what it works out (the decision worker's kept statuses). No migrations run here.
 */
export function openSecondConnection(access: ReadOnlyAccess): WritableDb {
  const db = new Database(access.file, {
    fileMustExist: true,
    ...(access.nativeBinding ? { nativeBinding: access.nativeBinding } : {}),
  }) as WritableDb;
  try {
    if (access.key !== undefined) applyKey(db, access.key);
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** A number that changes whenever another connection commits a change to the database (SQLite's data_version). */
export function dataVersion(db: ReadableDb): number {
  return db.pragma('data_version', { simple: true }) as number;
}

export function schemaVersion(db: ReadableDb): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function latestSchemaVersion(list: readonly Migration[] = defaultMigrations): number {
  return list.length === 0 ? 0 : list[list.length - 1]!.version;
}

export function migrate(db: WritableDb, list: readonly Migration[]): void {
  list.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migration list out of order: position ${index + 1} holds version ${migration.version}`);
    }
  });
  const known = latestSchemaVersion(list);
  const current = schemaVersion(db);
  if (current > known) throw new AppError('db.newerSchema', { found: current, known });

  for (const migration of list) {
    if (migration.version <= current) continue;
    const apply = db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    });
    try {
      apply();
    } catch (error) {
      throw new AppError('db.migrationFailed', {
        version: migration.version,
        detail: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

/**
 * Encrypts a plain database with `key`, atomically: its WAL is folded in, a copy is encrypted and checked (every
 * table's row count as before), then renamed over the original. Nothing is lost when any step fails.
 */
export function encryptPlainDatabase(
  file: string,
  key: string,
  options: Pick<OpenDatabaseOptions, 'nativeBinding'> = {},
): void {
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const counts = (db: Database.Database) =>
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]).map(
      (table) =>
        `${table}:${
          db
            .prepare(`SELECT count(*) FROM "${table.replace(/"/g, '""')}"`)
            .pluck()
            .get() as number
        }`,
    );
  const plain = new Database(file, binding);
  let before: string[];
  try {
    plain.pragma('wal_checkpoint(TRUNCATE)');
    plain.pragma('journal_mode = DELETE');
    before = counts(plain);
  } finally {
    plain.close();
  }
  const temp = `${file}.encrypting`;
  rmSync(temp, { force: true });
  copyFileSync(file, temp);
  try {
    const copy = new Database(temp, binding);
    try {
      copy.pragma(`hexrekey='${key}'`);
    } finally {
      copy.close();
    }
    const check = new Database(temp, binding);
    try {
      applyKey(check, key);
      if (check.pragma('quick_check', { simple: true }) !== 'ok') throw new Error('quick_check failed');
      if (counts(check).join('|') !== before.join('|')) throw new Error('rows differ after encryption');
    } finally {
      check.close();
    }
    if (isPlainDatabaseFile(temp)) throw new Error('still plain after rekey');
    renameSync(temp, file);
    for (const extra of [`${file}-wal`, `${file}-shm`]) rmSync(extra, { force: true });
  } catch (error) {
    rmSync(temp, { force: true });
    throw new AppError('db.encryptFailed', { detail: error instanceof Error ? error.message : String(error) });
  }
}

/** The SQLite library's own version, for `fotowacht doctor`. */
export function sqliteVersion(db: ReadableDb): string {
  return (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
}

/** A map from one numbering of rows to another (a laptop's ids to a board's). */
export type IdMap = ReadonlyMap<number, number>;

/**
 * Loads `map` into a temp table `temp.<name>` (from_id → to_id) for the owners' renumbering statements, which join it.
 * Ids only, on this connection alone; replaced when loaded again, gone when the connection closes.
 */
export function loadTempIdMap(db: WritableDb, name: string, map: IdMap): string {
  if (!/^[a-z_]{1,40}$/.test(name)) throw new Error(`temp id map name ${name} is not a plain name`);
  db.exec(`DROP TABLE IF EXISTS temp.${name};
    CREATE TEMP TABLE ${name} (from_id INTEGER PRIMARY KEY, to_id INTEGER NOT NULL UNIQUE);`);
  const insert = db.prepare(`INSERT INTO temp.${name} (from_id, to_id) VALUES (?, ?)`);
  for (const [from, to] of map) insert.run(from, to);
  return `temp.${name}`;
}

/** Foreign keys checked at COMMIT instead of per statement, for the rest of the caller's transaction (renumbering). */
export function deferForeignKeys(db: WritableDb): void {
  if (!db.inTransaction) throw new Error('deferForeignKeys outside a transaction has no effect');
  db.pragma('defer_foreign_keys = ON');
}
