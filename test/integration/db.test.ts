import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { latestSchemaVersion, openDatabase, schemaVersion } from '../../electron/core/db/connection';
import type { Migration } from '../../electron/core/db/migrations';
import { useTempDirs } from '../helpers/tempDir';

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
});

describe('migration 001: the initial schema', () => {
  const open = () => openDatabase(path.join(tempDir(), 'f.sqlite'));

  it('creates every table of the domain as STRICT', () => {
    const db = open();
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{
      name: string;
      sql: string;
    }>;
    expect(tables.map((table) => table.name)).toEqual(
      expect.arrayContaining([
        'settings',
        'school_years',
        'channels',
        'people',
        'consent_imports',
        'consent_records',
        'library_roots',
        'events',
        'photos',
        'photo_files',
        'index_errors',
        'regions',
        'exports',
        'export_items',
        'export_item_people',
        'audit_events',
        'audit_head',
      ]),
    );
    for (const table of tables) expect(table.sql, table.name).toMatch(/STRICT\s*$/);
    db.close();
  });

  it('seeds the default channels of the Dutch model consent forms', () => {
    const db = open();
    expect(db.prepare('SELECT id FROM channels ORDER BY sort_order').pluck().all()).toEqual([
      'schoolgids',
      'website',
      'social',
      'newsletter',
      'parent_app',
    ]);
    db.close();
  });

  it('enforces types, foreign keys and the never-overwritten consent history', () => {
    const db = open();
    expect(() =>
      db
        .prepare(
          "INSERT INTO photos (hash, format, width, height, display_width, display_height, indexed_at) VALUES (?, 'jpeg', 'wide', 1, 1, 1, 'now')",
        )
        .run('a'.repeat(64)),
    ).toThrow(/cannot store TEXT/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO photo_files (path, photo_hash, event_id, size, mtime_ms, indexed_at) VALUES ('/x.jpg', ?, 1, 1, 1, 'now')",
        )
        .run('b'.repeat(64)),
    ).toThrow(/FOREIGN KEY/);

    const now = new Date().toISOString();
    db.prepare(
      "INSERT INTO school_years (id, starts_on, ends_on) VALUES ('2026-2027', '2026-08-01', '2027-07-31')",
    ).run();
    const person = db
      .prepare(
        "INSERT INTO people (kind, external_key, achternaam, created_at, updated_at) VALUES ('pupil', '1001', 'Hof', ?, ?)",
      )
      .run(now, now);
    db.prepare(
      `INSERT INTO consent_records (person_id, school_year, channel_id, version, status, effective_from, source, actor, recorded_at)
       VALUES (?, '2026-2027', 'website', 1, 'granted', ?, 'manual', 'test', ?)`,
    ).run(person.lastInsertRowid, now, now);
    expect(() => db.prepare("UPDATE consent_records SET status = 'refused'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM consent_records').run()).toThrow(/append-only/);
    db.close();
  });
});
