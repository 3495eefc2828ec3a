// The event review (issue 14): a region a user called "guest / not known" (kept hidden, no longer asked about),
// each event's roster — the classes of the registry whose pupils the review offers first — and the camera body's
// serial number, which tells two cameras of one model apart when photos are grouped into bursts. Depends on 001 only
// (005, picks, touches neither table).
import type { Migration } from './types';

export const migration006: Migration = {
  version: 6,
  name: 'event-review',
  up(db) {
    db.exec(`
      ALTER TABLE regions ADD COLUMN guest_at TEXT;
      ALTER TABLE regions ADD COLUMN guest_by TEXT;
      -- Read for photos indexed from now on; photos indexed before have none (bursts then go by make and model).
      ALTER TABLE photos ADD COLUMN camera_serial TEXT;

      -- Classes by name as the registry holds them ("Groep 7"); a class may leave the registry, its row stays.
      -- An event that disappears (its folder emptied) takes its roster with it.
      CREATE TABLE event_roster (
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        class_name TEXT NOT NULL CHECK (length(trim(class_name)) BETWEEN 1 AND 100),
        added_at TEXT NOT NULL,
        PRIMARY KEY (event_id, class_name)
      ) STRICT;
    `);
  },
};
