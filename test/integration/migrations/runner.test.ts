// Opening a database and the migration runner: pragmas, the order of the list, a newer schema refused, a failing
// migration rolled back, and every earlier version brought to the latest. Each migration has its own test here.
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import {
  latestSchemaVersion,
  migrations,
  openDatabase,
  schemaVersion,
  type Migration,
} from '../../../electron/core/db';
import {
  databaseAtVersion,
  MIGRATION_TESTS_DIR,
  migrationFileStem,
  MIGRATIONS_DIR,
  tsStemsIn,
} from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();

describe('database', () => {
  it('opens in WAL mode with foreign keys and migrates a new file to the latest version', () => {
    const db = openDatabase(path.join(tempDir(), 'f.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(latestSchemaVersion());
    db.close();
  });

  it('runs again without changing anything', () => {
    const file = path.join(tempDir(), 'f.sqlite');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(latestSchemaVersion());
    expect((db.prepare('SELECT count(*) AS n FROM channels').get() as { n: number }).n).toBe(5);
    db.close();
  });

  it('refuses a database made by a newer version', () => {
    const file = path.join(tempDir(), 'f.sqlite');
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openDatabase(file)).toThrow(
      expect.objectContaining({ code: 'db.newerSchema', params: { found: 99, known: latestSchemaVersion() } }),
    );
  });

  it('rolls a failing migration back completely and keeps the version', () => {
    const file = path.join(tempDir(), 'f.sqlite');
    const broken: Migration[] = [
      { version: 1, name: 'one', up: (db) => db.exec('CREATE TABLE a (x INTEGER) STRICT') },
      {
        version: 2,
        name: 'two',
        up: (db) => {
          db.exec('CREATE TABLE b (x INTEGER) STRICT');
          db.exec('INSERT INTO nowhere VALUES (1)');
        },
      },
    ];
    let caught: unknown;
    try {
      openDatabase(file, { migrations: broken });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('db.migrationFailed');
    const raw = new Database(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    expect(raw.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
    raw.close();
  });

  it('refuses a migration list that is not numbered 1, 2, 3…', () => {
    const file = path.join(tempDir(), 'f.sqlite');
    expect(() => openDatabase(file, { migrations: [{ version: 2, name: 'x', up: () => undefined }] })).toThrow(
      /out of order/,
    );
  });

  it('brings a database of every earlier version to the latest', () => {
    for (let version = 0; version < latestSchemaVersion(); version += 1) {
      const file = path.join(tempDir(), `at-${version}.sqlite`);
      databaseAtVersion(file, version).close();
      const db = openDatabase(file);
      expect(schemaVersion(db), `from version ${version}`).toBe(latestSchemaVersion());
      db.close();
    }
  });
});

describe('the list of migrations', () => {
  it('numbers them 1, 2, 3… in order, each in its own file with a test file here', () => {
    expect(migrations.map((migration) => migration.version)).toEqual(migrations.map((_, index) => index + 1));
    const stems = migrations.map(migrationFileStem);
    const sources = tsStemsIn(MIGRATIONS_DIR);
    const tests = tsStemsIn(MIGRATION_TESTS_DIR);
    expect(
      stems.filter((stem) => !sources.includes(stem)),
      'migrations without their file electron/core/db/migrations/NNN-name.ts',
    ).toEqual([]);
    expect(
      stems.filter((stem) => !tests.includes(stem)),
      'migrations without their test test/integration/migrations/NNN-name.test.ts',
    ).toEqual([]);
  });
});
