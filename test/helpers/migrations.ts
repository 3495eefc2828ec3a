// Testing one migration the way it meets a user's file: a fresh SQLite file brought to the version before it, rows
// put in as that version stores them, then the migration applied as the app applies it.
//
// One test file per migration: test/integration/migrations/NNN-name.test.ts, named like the migration's own file
// (runner.test.ts fails while one is missing). For a new migration, copy the newest test file and say what the
// migration must do: the schema objects it adds (`schemaDiff`), the rows it must keep (`tableRows` before and
// after), the rules it enforces, and the version it leaves (`schemaVersion`). Insert rows with plain SQL of that
// version, not with repository functions: those follow the newest schema.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import {
  migrate,
  migrations,
  openDatabase,
  type Migration,
  type ReadableDb,
  type WritableDb,
} from '../../electron/core/db';

export const MIGRATION_TESTS_DIR = path.resolve('test/integration/migrations');
export const MIGRATIONS_DIR = path.resolve('electron/core/db/migrations');

/** The migration with this version in the app's list. */
export function migrationNumbered(version: number): Migration {
  const migration = migrations.find((candidate) => candidate.version === version);
  if (!migration) throw new Error(`No migration ${version} in electron/core/db/migrations/index.ts`);
  return migration;
}

/** `001-initial`: how a migration's source file and its test file are named. */
export function migrationFileStem(migration: Migration): string {
  return `${String(migration.version).padStart(3, '0')}-${migration.name}`;
}

/** The .ts files in a folder without their extension (for checking that every migration has its files). */
export function tsStemsIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => name.replace(/(\.test)?\.ts$/, ''));
}

/** A new database file at `version` (0: empty), opened as the app opens it but knowing only the migrations up to it. */
export function databaseAtVersion(file: string, version: number): WritableDb {
  return openDatabase(file, { migrations: migrations.slice(0, version) });
}

/** Applies the migrations after the database's version, up to and including `version`, as openDatabase does. */
export function migrateTo(db: WritableDb, version: number): void {
  migrate(db, migrations.slice(0, version));
}

export interface SchemaObject {
  readonly type: 'table' | 'index' | 'trigger' | 'view';
  readonly name: string;
  readonly table: string;
  readonly sql: string;
}

/** Tables, indexes, triggers and views as their CREATE statements (SQLite's automatic indexes left out). */
export function schemaObjects(db: ReadableDb): SchemaObject[] {
  return db
    .prepare(
      `SELECT type, name, tbl_name AS "table", sql FROM sqlite_master
       WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name`,
    )
    .all() as SchemaObject[];
}

/** What `after` has that `before` had not, and what it lost or changed (a migration should say which). */
export function schemaDiff(
  before: readonly SchemaObject[],
  after: readonly SchemaObject[],
): { added: SchemaObject[]; removedOrChanged: SchemaObject[] } {
  const key = (object: SchemaObject) => `${object.type} ${object.name} ${object.sql}`;
  const beforeKeys = new Set(before.map(key));
  const afterKeys = new Set(after.map(key));
  return {
    added: after.filter((object) => !beforeKeys.has(key(object))),
    removedOrChanged: before.filter((object) => !afterKeys.has(key(object))),
  };
}

/** The names of one type of schema object, sorted. */
export function namesOf(objects: readonly SchemaObject[], type: SchemaObject['type']): string[] {
  return objects
    .filter((object) => object.type === type)
    .map((object) => object.name)
    .sort();
}

/** The columns an index covers, in order. */
export function indexColumns(db: ReadableDb, index: string): string[] {
  const columns = db.pragma(`index_info(${JSON.stringify(index)})`) as Array<{ name: string }>;
  return columns.map((column) => column.name);
}

/** Every row of every table, in rowid order, by table name: equal before and after means the data was kept. */
export function tableRows(db: ReadableDb): Record<string, unknown[]> {
  const rows: Record<string, unknown[]> = {};
  for (const table of namesOf(schemaObjects(db), 'table')) {
    rows[table] = db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all();
  }
  return rows;
}

/**
 * Rows in every table of schema version 1, as that version stores them: a school year, two pupils with consent
 * from an import and a withdrawal, an indexed event with a tagged photo, an export of it, two audit events and
 * a setting. For the migrations after 001 to run over.
 */
export function addVersion1Rows(db: WritableDb): void {
  const at = '2026-09-15T10:00:00.000Z';
  const hash = (char: string) => char.repeat(64);
  db.exec(`
    INSERT INTO settings (key, value) VALUES ('policy', '{"hideStyle":"blur"}');
    INSERT INTO school_years (id, starts_on, ends_on) VALUES ('2026-2027', '2026-08-01', '2027-07-31');
    INSERT INTO people (id, kind, external_key, roepnaam, voornamen, tussenvoegsel, achternaam, class_name,
                        birth_date, created_at, updated_at)
      VALUES (1, 'pupil', '1001', 'Zoë', 'Zoë Anna', NULL, 'Bakker', '6A', '2014-03-02', '${at}', '${at}'),
             (2, 'pupil', '1003', 'Sem', 'Sem', 'van ''t', 'Hof', '6B', '2013-11-20', '${at}', '${at}');
    INSERT INTO consent_imports (id, school_year, file_name, file_sha256, mapping, counts, actor, imported_at)
      VALUES (1, '2026-2027', 'toestemming.csv', '${hash('c')}', '{"headerRow":1}', '{"rows":2}', 'tester', '${at}');
    INSERT INTO consent_records (person_id, school_year, channel_id, version, status, signed_by, signed_on,
                                 effective_from, source, import_id, reason, actor, recorded_at)
      VALUES (1, '2026-2027', 'website', 1, 'granted', 'parent', '2026-09-01', '2026-09-01', 'import', 1, NULL,
              'tester', '${at}'),
             (2, '2026-2027', 'website', 1, 'granted', 'parent', '2026-09-01', '2026-09-01', 'import', 1, NULL,
              'tester', '${at}'),
             (2, '2026-2027', 'website', 2, 'withdrawn', NULL, NULL, '2026-10-01', 'withdrawal', NULL,
              'Brief van ouders', 'tester', '${at}');
    INSERT INTO library_roots (id, path, added_at) VALUES (1, '/foto''s', '${at}');
    INSERT INTO events (id, root_id, name, folder_path, created_at)
      VALUES (1, 1, 'Sportdag 2026', '/foto''s/Sportdag 2026', '${at}');
    INSERT INTO photos (hash, format, width, height, orientation, display_width, display_height, taken_at, has_gps,
                        keywords, faces_detected_with, faces_detected_at, indexed_at)
      VALUES ('${hash('a')}', 'jpeg', 6000, 4000, 6, 4000, 6000, '2026-09-10T09:00:00', 1, '["sport"]',
              'blazeface-1', '${at}', '${at}');
    INSERT INTO photo_files (id, path, photo_hash, event_id, size, mtime_ms, indexed_at)
      VALUES (1, '/foto''s/Sportdag 2026/IMG_0001.jpg', '${hash('a')}', 1, 2048000, 1757494800000, '${at}');
    INSERT INTO index_errors (path, event_id, code, params, size, mtime_ms, at)
      VALUES ('/foto''s/Sportdag 2026/kapot.jpg', 1, 'library.file.empty', '{}', 0, 1757494800000, '${at}');
    INSERT INTO regions (id, photo_hash, source, namespace, kind, x, y, w, h, name, raw, score, person_id,
                         created_at, created_by)
      VALUES (1, '${hash('a')}', 'file', 'mwg-rs', 'face', 0.1, 0.2, 0.05, 0.07, 'Zoë Bakker', '{}', NULL, 1,
              '${at}', NULL),
             (2, '${hash('a')}', 'detector', 'fotowacht-detector', 'face', 0.5, 0.2, 0.05, 0.07, '', '{}', 0.93,
              NULL, '${at}', NULL),
             (3, '${hash('a')}', 'file', 'Iptc4xmpExt:PersonInImage', 'face', NULL, NULL, NULL, NULL, 'Sem van ''t Hof',
              '{}', NULL, 2, '${at}', NULL);
    INSERT INTO exports (id, channel_id, publish_date, school_year, out_dir, settings, state, actor, started_at,
                         finished_at, manifest_sha256)
      VALUES (1, 'website', '2026-09-20', '2026-2027', '/export', '{"pid":1}', 'done', 'tester', '${at}', '${at}',
              '${hash('d')}');
    INSERT INTO export_items (id, export_id, photo_hash, output_name, output_sha256, decision, hidden_count, state)
      VALUES (1, 1, '${hash('a')}', 'sportdag-2026_0001.jpg', '${hash('e')}', 'hide', 1, 'done');
    INSERT INTO export_item_people (export_item_id, person_id, consent_record_id) VALUES (1, 1, 1);
    INSERT INTO audit_events (seq, at, actor_os, actor_name, action, subject, details, prev_hash, hash)
      VALUES (1, '${at}', 'tester', 'Tester', 'consent.import', 'import:1', '{}', '${hash('0')}', '${hash('1')}'),
             (2, '${at}', 'tester', 'Tester', 'export.done', 'export:1', '{}', '${hash('1')}', '${hash('2')}');
  `);
}

/**
 * A database brought to `from` with version 1's rows in every table (added at version 3, before 004 moves consent
 * reasons out), its schema and rows then, and the same database migrated one step further.
 */
export function migratedOneStep(file: string, from: number) {
  const db = databaseAtVersion(file, 3);
  addVersion1Rows(db);
  migrateTo(db, from);
  const schemaBefore = schemaObjects(db);
  const rowsBefore = tableRows(db) as Record<string, Array<Record<string, unknown>>>;
  migrateTo(db, from + 1);
  return { db, schemaBefore, rowsBefore };
}
