// Board mode (issue 16), offline: this workstation's own id on the board's trail (random, made once per data folder)
// and the outbox of local audit events waiting to be appended there, oldest first. An entry names its event by local
// sequence number (the event itself, and its erasable personal details, stay in the local trail) and carries what
// goes up with it: a region link made offline, or the record of an export made on a snapshot. Depends on 001.
import type { Migration } from './types';

export const migration014: Migration = {
  version: 14,
  name: 'board-outbox',
  up(db) {
    db.exec(`
      CREATE TABLE board_workstation (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        workstation TEXT NOT NULL CHECK (length(workstation) = 32 AND workstation NOT GLOB '*[^0-9a-f]*')
      ) STRICT;
      INSERT INTO board_workstation (id, workstation) VALUES (1, lower(hex(randomblob(16))));

      CREATE TABLE board_outbox (
        local_seq INTEGER PRIMARY KEY REFERENCES audit_events(seq),
        queued_at TEXT NOT NULL,
        payload TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload))
      ) STRICT;
    `);
  },
};
