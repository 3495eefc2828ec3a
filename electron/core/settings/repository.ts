// SQL of the settings table: one JSON value per key. The user's settings and the few internal ones (the face
// model's path) are all kept here; what a value may hold is checked by the services that own each key.
import type { ReadableDb, WritableDb } from '../db';

/** Every stored key with its value parsed from JSON (a damaged value is left out). */
export function readAllSettings(db: ReadableDb): Map<string, unknown> {
  const rows = db.prepare('SELECT key, value FROM settings').all() as Array<{ key: string; value: string }>;
  const values = new Map<string, unknown>();
  for (const row of rows) {
    try {
      values.set(row.key, JSON.parse(row.value));
    } catch {
      // the CHECK (json_valid) constraint makes this unreachable; a damaged row falls back to the default
    }
  }
  return values;
}

export function readSetting(db: ReadableDb, key: string): unknown {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row === undefined ? undefined : (JSON.parse(row.value) as unknown);
}

export function writeSetting(db: WritableDb, key: string, value: unknown): void {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, JSON.stringify(value));
}

export function deleteSetting(db: WritableDb, key: string): void {
  db.prepare('DELETE FROM settings WHERE key = ?').run(key);
}
