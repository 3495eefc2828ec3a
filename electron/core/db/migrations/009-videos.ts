// Videos (issue 15): clips in event folders, indexed beside photos. A clip is known by its content hash like a
// photo; what its container says (size, rotation, date, camera, GPS presence, title/comment/keywords, people named
// in its XMP) is kept per clip, and where its files are per file. Depends on 001 (events) only; 006–008 touch neither table.
import type { Migration } from './types';

export const migration009: Migration = {
  version: 9,
  name: 'videos',
  up(db) {
    db.exec(`
      CREATE TABLE videos (
        hash TEXT PRIMARY KEY CHECK (length(hash) = 64),
        container TEXT NOT NULL,
        video_codec TEXT NOT NULL,
        duration_s REAL NOT NULL CHECK (duration_s >= 0),
        frame_rate REAL NOT NULL CHECK (frame_rate >= 0),
        width INTEGER NOT NULL CHECK (width > 0),
        height INTEGER NOT NULL CHECK (height > 0),
        rotation INTEGER NOT NULL CHECK (rotation IN (0, 90, 180, 270)),
        display_width INTEGER NOT NULL CHECK (display_width > 0),
        display_height INTEGER NOT NULL CHECK (display_height > 0),
        taken_at TEXT,
        camera_make TEXT,
        camera_model TEXT,
        has_gps INTEGER NOT NULL CHECK (has_gps IN (0, 1)),
        has_audio INTEGER NOT NULL CHECK (has_audio IN (0, 1)),
        other_streams INTEGER NOT NULL DEFAULT 0 CHECK (other_streams >= 0),
        title TEXT,
        comment TEXT,
        keywords TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(keywords)),
        -- Names of people the file (or its XMP sidecar) carries; frames have no boxes, so names only.
        people TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(people)),
        preview_frames INTEGER NOT NULL DEFAULT 0 CHECK (preview_frames >= 0),
        indexed_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE video_files (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        video_hash TEXT NOT NULL REFERENCES videos(hash),
        event_id INTEGER NOT NULL REFERENCES events(id),
        size INTEGER NOT NULL,
        mtime_ms INTEGER NOT NULL,
        indexed_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX video_files_video ON video_files (video_hash);
      CREATE INDEX video_files_event ON video_files (event_id);
    `);
  },
};
