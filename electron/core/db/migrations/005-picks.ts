// Picks (issue 14): the photos of an event a person marked for publication, and per event whether Fotowacht may
// write the names back to XMP sidecars next to the photos (opt-in, off for every event). Depends on 001 only.
import type { Migration } from './types';

export const migration005: Migration = {
  version: 5,
  name: 'picks',
  up(db) {
    db.exec(`
      -- A pick is of a photo (its content) within one event: the same photo in two events is picked in each apart.
      -- An event that disappears (its folder emptied) takes its picks with it.
      CREATE TABLE picks (
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        photo_hash TEXT NOT NULL REFERENCES photos(hash),
        picked_at TEXT NOT NULL,
        PRIMARY KEY (event_id, photo_hash)
      ) STRICT;
      CREATE INDEX picks_photo ON picks (photo_hash);

      -- 1 when the user chose to write names back to XMP sidecars for this event.
      ALTER TABLE events ADD COLUMN write_sidecars INTEGER NOT NULL DEFAULT 0 CHECK (write_sidecars IN (0, 1));
    `);
  },
};
