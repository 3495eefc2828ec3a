// SQL of the event_roster table: the classes each event's review offers first. The only module that reads or
// writes it.
import type { ReadableDb, WritableDb } from '../db';

export function rosterOf(db: ReadableDb, eventId: number): string[] {
  return db
    .prepare('SELECT class_name FROM event_roster WHERE event_id = ? ORDER BY class_name')
    .pluck()
    .all(eventId) as string[];
}

/** Replaces an event's roster with these classes. */
export function replaceRoster(db: WritableDb, eventId: number, classes: readonly string[], at: string): void {
  db.prepare('DELETE FROM event_roster WHERE event_id = ?').run(eventId);
  const insert = db.prepare('INSERT INTO event_roster (event_id, class_name, added_at) VALUES (?, ?, ?)');
  for (const className of classes) insert.run(eventId, className, at);
}
