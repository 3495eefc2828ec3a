// Migration 001, the initial schema: every table of the domain (STRICT), its indexes, the add-only triggers of
// consent and the audit trail, and the default channels. Applied to an empty file, and as the app opens one.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../../electron/core/db';
import { databaseAtVersion, migrateTo, namesOf, schemaObjects } from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();

/** Every table of the domain, as 001 creates them. */
const TABLES = [
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
];

describe('migration 001 on an empty file', () => {
  it('creates the tables (STRICT), indexes and triggers of the domain and sets version 1', () => {
    const db = databaseAtVersion(path.join(tempDir(), 'f.sqlite'), 0);
    expect(schemaVersion(db)).toBe(0);
    expect(schemaObjects(db)).toEqual([]);

    migrateTo(db, 1);
    expect(schemaVersion(db)).toBe(1);
    const objects = schemaObjects(db);
    expect(namesOf(objects, 'table')).toEqual([...TABLES].sort());
    for (const table of objects.filter((object) => object.type === 'table')) {
      expect(table.sql, table.name).toMatch(/STRICT\s*$/);
    }
    expect(namesOf(objects, 'index')).toEqual(
      [
        'consent_records_lookup',
        'photo_files_photo',
        'photo_files_event',
        'regions_photo',
        'regions_person',
        'export_items_export',
        'export_items_photo',
        'export_item_people_person',
      ].sort(),
    );
    expect(namesOf(objects, 'trigger')).toEqual(
      [
        'consent_records_no_update',
        'consent_records_no_delete',
        'audit_events_no_update',
        'audit_events_no_delete',
        'audit_events_track_head',
      ].sort(),
    );
    expect(db.prepare('SELECT count(*) FROM channels').pluck().get()).toBe(5);
    db.close();
  });

  it('keeps the audit trail add-only, with its head on the newest event', () => {
    const db = databaseAtVersion(path.join(tempDir(), 'f.sqlite'), 1);
    const insert = db.prepare(
      `INSERT INTO audit_events (at, actor_os, actor_name, action, subject, details, prev_hash, hash)
       VALUES ('2026-09-15T10:00:00.000Z', 'tester', 'Tester', 'test', 'test', '{}', ?, ?)`,
    );
    insert.run('0'.repeat(64), '1'.repeat(64));
    insert.run('1'.repeat(64), '2'.repeat(64));
    expect(db.prepare('SELECT seq, hash FROM audit_head').all()).toEqual([{ seq: 2, hash: '2'.repeat(64) }]);
    expect(() => db.prepare("UPDATE audit_events SET action = 'other'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_events WHERE seq = 2').run()).toThrow(/append-only/);
    db.close();
  });
});

describe('migration 001: the initial schema, as the app opens a new file', () => {
  const open = () => openDatabase(path.join(tempDir(), 'f.sqlite'));

  it('creates every table of the domain as STRICT', () => {
    const db = open();
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{
      name: string;
      sql: string;
    }>;
    expect(tables.map((table) => table.name)).toEqual(expect.arrayContaining(TABLES));
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
