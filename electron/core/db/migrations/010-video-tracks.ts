// Faces in clips (issue 15): a clip's scan (which detector, every how many frames) and its tracks — the face
// detections of one person linked across frames by position, size and motion only. A track is what the event
// review shows as one row; naming it names the person in every frame. Its state mirrors a photo region's: open,
// linked to a person, marked guest / not known (stays hidden), or dismissed (not a person). Boxes are normalised
// 0..1 in the orientation a player shows. Depends on 009 (videos) and 001 (people).
import type { Migration } from './types';

export const migration010: Migration = {
  version: 10,
  name: 'video-tracks',
  up(db) {
    db.exec(`
      CREATE TABLE video_scans (
        video_hash TEXT PRIMARY KEY REFERENCES videos(hash),
        model TEXT NOT NULL,
        sample_every INTEGER NOT NULL CHECK (sample_every >= 1),
        frame_count INTEGER NOT NULL CHECK (frame_count >= 0),
        frames_sampled INTEGER NOT NULL CHECK (frames_sampled >= 0),
        -- The tracker's options, so that the boxes of every frame can be computed again exactly.
        options TEXT NOT NULL CHECK (json_valid(options)),
        scanned_at TEXT NOT NULL,
        scanned_by TEXT
      ) STRICT;

      CREATE TABLE video_tracks (
        id INTEGER PRIMARY KEY,
        video_hash TEXT NOT NULL REFERENCES videos(hash),
        source TEXT NOT NULL CHECK (source IN ('detector', 'user')),
        first_frame INTEGER NOT NULL CHECK (first_frame >= 0),
        last_frame INTEGER NOT NULL CHECK (last_frame >= first_frame),
        -- Where the face was found: [[frame, x, y, w, h, score], ...] sorted by frame, score null for a user's box.
        observations TEXT NOT NULL CHECK (json_valid(observations) AND json_type(observations) = 'array'),
        person_id INTEGER REFERENCES people(id),
        -- The track this one was split off (two people crossing).
        split_from INTEGER REFERENCES video_tracks(id),
        created_at TEXT NOT NULL,
        created_by TEXT,
        guest_at TEXT,
        guest_by TEXT,
        dismissed_at TEXT,
        dismissed_by TEXT,
        CHECK (person_id IS NULL OR (guest_at IS NULL AND dismissed_at IS NULL)),
        CHECK (guest_at IS NULL OR dismissed_at IS NULL)
      ) STRICT;
      CREATE INDEX video_tracks_video ON video_tracks (video_hash);
      CREATE INDEX video_tracks_person ON video_tracks (person_id);
    `);
  },
};
