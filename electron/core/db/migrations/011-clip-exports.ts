// Clips in exports (issue 15): one row per clip an export decided on — beside export_items, whose photo_hash must
// name a photo — and who was visible in each exported clip on which consent version. A clip row says how many tracks
// were masked and whether its audio was kept (a per-export choice, off by default). Depends on 001 (exports, people,
// consent_records) and 009 (videos).
import type { Migration } from './types';

export const migration011: Migration = {
  version: 11,
  name: 'clip-exports',
  up(db) {
    db.exec(`
      CREATE TABLE export_clips (
        id INTEGER PRIMARY KEY,
        export_id INTEGER NOT NULL REFERENCES exports(id),
        video_hash TEXT NOT NULL REFERENCES videos(hash),
        output_name TEXT,
        output_sha256 TEXT,
        decision TEXT NOT NULL CHECK (decision IN ('publish', 'hide', 'blocked', 'needs_review')),
        override_reason TEXT,
        hidden_tracks INTEGER NOT NULL DEFAULT 0 CHECK (hidden_tracks >= 0),
        audio_kept INTEGER NOT NULL DEFAULT 0 CHECK (audio_kept IN (0, 1)),
        frames INTEGER CHECK (frames >= 0),
        state TEXT NOT NULL CHECK (state IN ('done', 'failed', 'skipped')),
        error_code TEXT,
        details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
        -- A written clip has its name and hash; a skipped or failed one has neither.
        CHECK ((state = 'done') = (output_name IS NOT NULL AND output_sha256 IS NOT NULL))
      ) STRICT;
      CREATE INDEX export_clips_export ON export_clips (export_id);
      CREATE INDEX export_clips_video ON export_clips (video_hash);

      -- Who was visible in an exported clip, and on which consent version that rested.
      CREATE TABLE export_clip_people (
        export_clip_id INTEGER NOT NULL REFERENCES export_clips(id),
        person_id INTEGER NOT NULL REFERENCES people(id),
        consent_record_id INTEGER NOT NULL REFERENCES consent_records(id),
        PRIMARY KEY (export_clip_id, person_id)
      ) STRICT;
      CREATE INDEX export_clip_people_person ON export_clip_people (person_id);
    `);
  },
};
