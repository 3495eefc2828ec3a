// The first schema: the whole domain of the product brief. Later migrations add to it; none rewrites it.
import type { Migration } from './types';

export const migration001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT;

      -- A school year runs 1 August to 31 July: '2026-2027'.
      CREATE TABLE school_years (
        id TEXT PRIMARY KEY CHECK (id GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]'),
        starts_on TEXT NOT NULL,
        ends_on TEXT NOT NULL
      ) STRICT;

      -- A publication purpose the consent form asks about. Never deleted once used: retired instead.
      CREATE TABLE channels (
        id TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9_-]*' AND length(id) BETWEEN 1 AND 40),
        label_nl TEXT NOT NULL,
        label_en TEXT NOT NULL,
        sort_order INTEGER NOT NULL DEFAULT 0,
        export_long_side INTEGER CHECK (export_long_side IS NULL OR export_long_side > 0),
        created_at TEXT NOT NULL,
        retired_at TEXT
      ) STRICT;

      CREATE TABLE people (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('pupil', 'staff', 'guest')),
        external_key TEXT,
        roepnaam TEXT,
        voornamen TEXT,
        tussenvoegsel TEXT,
        achternaam TEXT NOT NULL,
        class_name TEXT,
        birth_date TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (kind, external_key)
      ) STRICT;

      CREATE TABLE consent_imports (
        id INTEGER PRIMARY KEY,
        school_year TEXT NOT NULL REFERENCES school_years(id),
        file_name TEXT NOT NULL,
        file_sha256 TEXT NOT NULL CHECK (length(file_sha256) = 64),
        mapping TEXT NOT NULL CHECK (json_valid(mapping)),
        counts TEXT NOT NULL CHECK (json_valid(counts)),
        actor TEXT NOT NULL,
        imported_at TEXT NOT NULL
      ) STRICT;

      -- Versioned consent: a change or withdrawal adds a version, nothing is overwritten.
      CREATE TABLE consent_records (
        id INTEGER PRIMARY KEY,
        person_id INTEGER NOT NULL REFERENCES people(id),
        school_year TEXT NOT NULL REFERENCES school_years(id),
        channel_id TEXT NOT NULL REFERENCES channels(id),
        version INTEGER NOT NULL CHECK (version >= 1),
        status TEXT NOT NULL CHECK (status IN ('granted', 'refused', 'not_returned', 'withdrawn')),
        signed_by TEXT CHECK (signed_by IS NULL OR signed_by IN ('parent', 'guardian', 'self')),
        signed_on TEXT,
        effective_from TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('import', 'manual', 'withdrawal')),
        import_id INTEGER REFERENCES consent_imports(id),
        reason TEXT,
        actor TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        UNIQUE (person_id, school_year, channel_id, version)
      ) STRICT;
      CREATE INDEX consent_records_lookup ON consent_records (person_id, channel_id, school_year, version);
      CREATE TRIGGER consent_records_no_update BEFORE UPDATE ON consent_records
        BEGIN SELECT RAISE(ABORT, 'consent_records is append-only'); END;
      CREATE TRIGGER consent_records_no_delete BEFORE DELETE ON consent_records
        BEGIN SELECT RAISE(ABORT, 'consent_records is append-only'); END;

      -- A folder the user added; events are the folders below it (or itself) that hold photos.
      CREATE TABLE library_roots (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        added_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        root_id INTEGER NOT NULL REFERENCES library_roots(id),
        name TEXT NOT NULL,
        folder_path TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
      ) STRICT;

      -- A photo is its content: the SHA-256 of the file's bytes.
      CREATE TABLE photos (
        hash TEXT PRIMARY KEY CHECK (length(hash) = 64),
        format TEXT NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        orientation INTEGER NOT NULL DEFAULT 1 CHECK (orientation BETWEEN 1 AND 8),
        display_width INTEGER NOT NULL,
        display_height INTEGER NOT NULL,
        taken_at TEXT,
        camera_make TEXT,
        camera_model TEXT,
        artist TEXT,
        copyright TEXT,
        has_gps INTEGER NOT NULL DEFAULT 0 CHECK (has_gps IN (0, 1)),
        keywords TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(keywords)),
        faces_detected_with TEXT,
        faces_detected_at TEXT,
        indexed_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE photo_files (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        photo_hash TEXT NOT NULL REFERENCES photos(hash),
        event_id INTEGER NOT NULL REFERENCES events(id),
        size INTEGER NOT NULL,
        mtime_ms INTEGER NOT NULL,
        indexed_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX photo_files_photo ON photo_files (photo_hash);
      CREATE INDEX photo_files_event ON photo_files (event_id);

      CREATE TABLE index_errors (
        path TEXT PRIMARY KEY,
        event_id INTEGER REFERENCES events(id),
        code TEXT NOT NULL,
        params TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(params)),
        size INTEGER,
        mtime_ms INTEGER,
        at TEXT NOT NULL
      ) STRICT;

      -- Where a person is on a photo: normalised 0..1, top-left based, in the orientation a viewer sees.
      -- A name without a box (PersonInImage, a People/ tag) has no coordinates.
      CREATE TABLE regions (
        id INTEGER PRIMARY KEY,
        photo_hash TEXT NOT NULL REFERENCES photos(hash),
        source TEXT NOT NULL CHECK (source IN ('file', 'detector', 'user')),
        namespace TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('face', 'pet', 'other')),
        x REAL, y REAL, w REAL, h REAL,
        name TEXT NOT NULL DEFAULT '',
        raw TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(raw)),
        score REAL,
        person_id INTEGER REFERENCES people(id),
        created_at TEXT NOT NULL,
        created_by TEXT,
        dismissed_at TEXT,
        dismissed_by TEXT,
        CHECK ((x IS NULL AND y IS NULL AND w IS NULL AND h IS NULL)
            OR (x IS NOT NULL AND y IS NOT NULL AND w > 0 AND h > 0))
      ) STRICT;
      CREATE INDEX regions_photo ON regions (photo_hash);
      CREATE INDEX regions_person ON regions (person_id);

      CREATE TABLE exports (
        id INTEGER PRIMARY KEY,
        channel_id TEXT NOT NULL REFERENCES channels(id),
        publish_date TEXT NOT NULL,
        school_year TEXT NOT NULL,
        out_dir TEXT NOT NULL,
        settings TEXT NOT NULL CHECK (json_valid(settings)),
        state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed', 'cancelled')),
        actor TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        manifest_sha256 TEXT
      ) STRICT;

      CREATE TABLE export_items (
        id INTEGER PRIMARY KEY,
        export_id INTEGER NOT NULL REFERENCES exports(id),
        photo_hash TEXT NOT NULL REFERENCES photos(hash),
        output_name TEXT,
        output_sha256 TEXT,
        decision TEXT NOT NULL CHECK (decision IN ('publish', 'hide', 'blocked', 'needs_review')),
        override_reason TEXT,
        hidden_count INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL CHECK (state IN ('done', 'failed', 'skipped')),
        error_code TEXT,
        details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details))
      ) STRICT;
      CREATE INDEX export_items_export ON export_items (export_id);
      CREATE INDEX export_items_photo ON export_items (photo_hash);

      -- Who was visible in an exported file, and on which consent version that rested.
      CREATE TABLE export_item_people (
        export_item_id INTEGER NOT NULL REFERENCES export_items(id),
        person_id INTEGER NOT NULL REFERENCES people(id),
        consent_record_id INTEGER NOT NULL REFERENCES consent_records(id),
        PRIMARY KEY (export_item_id, person_id)
      ) STRICT;
      CREATE INDEX export_item_people_person ON export_item_people (person_id);

      -- The audit trail: append-only, each event hashed over the one before.
      CREATE TABLE audit_events (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor_os TEXT NOT NULL,
        actor_name TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT NOT NULL,
        details TEXT NOT NULL CHECK (json_valid(details)),
        prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
        hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
      ) STRICT;
      -- The last sequence number and hash, kept by trigger, so that removing the newest events is caught too.
      CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
      CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
      CREATE TRIGGER audit_events_track_head AFTER INSERT ON audit_events
        BEGIN
          INSERT INTO audit_head (id, seq, hash) VALUES (1, NEW.seq, NEW.hash)
            ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash;
        END;
    `);

    const now = new Date().toISOString();
    const insertChannel = db.prepare(
      `INSERT INTO channels (id, label_nl, label_en, sort_order, export_long_side, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    // The default set, after the Dutch model consent forms.
    for (const [index, channel] of [
      ['schoolgids', 'Schoolgids en brochure', 'School guide and brochure', null],
      ['website', 'Website van de school', 'School website', 1600],
      ['social', 'Sociale media van de school', 'School social media', 2048],
      ['newsletter', 'Nieuwsbrief', 'Newsletter', 1600],
      ['parent_app', 'Ouderapp / ouderportaal', 'Parent app / parent portal', 2048],
    ].entries()) {
      insertChannel.run(channel[0], channel[1], channel[2], index + 1, channel[3], now);
    }
  },
};
