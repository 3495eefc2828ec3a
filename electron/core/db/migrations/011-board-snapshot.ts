// Board mode (issue 16): which copy of the board's registry this workstation holds — its refresh time, content hash,
// user, school and the registry version it was read at. A table of its own, not a setting: every settings write makes
// the kept decision statuses void (migration 008), and a refresh that found nothing new must not. Depends on 001.
import type { Migration } from './types';

export const migration011: Migration = {
  version: 11,
  name: 'board-snapshot',
  up(db) {
    db.exec(`
      CREATE TABLE board_snapshot (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        refreshed_at TEXT NOT NULL,
        content_hash TEXT NOT NULL CHECK (length(content_hash) = 64),
        board_user TEXT NOT NULL,
        school_id INTEGER NOT NULL,
        school_code TEXT NOT NULL,
        registry_version INTEGER NOT NULL,
        counts TEXT NOT NULL CHECK (json_valid(counts))
      ) STRICT;
    `);
  },
};
