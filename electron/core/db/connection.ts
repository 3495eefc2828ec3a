// Opening the SQLite database: pragmas, then migrations up to the version this code knows.
import Database from 'better-sqlite3';
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
}

export function openDatabase(file: string, options: OpenDatabaseOptions = {}): WritableDb {
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) as WritableDb;
  try {
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

/**
 * A read-only connection to a database another connection keeps open (in WAL mode), e.g. for a worker thread that
 * does heavy reading off the main thread. It sees every write committed on the other connection.
 */
export function openReadOnlyDatabase(
  file: string,
  options: { readonly nativeBinding?: string | undefined } = {},
): ReadableDb {
  const db = new Database(file, {
    readonly: true,
    fileMustExist: true,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  }) as ReadableDb;
  db.pragma('busy_timeout = 5000');
  return db;
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

/** The SQLite library's own version, for `fotowacht doctor`. */
export function sqliteVersion(db: ReadableDb): string {
  return (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
}
