// A laptop's own registry and trail moved into the board (`fotowacht board migrate`): its audit trail kept whole as a
// verified segment (events as they were sealed, pseudonymous; their personal details beside them, erasable) and
// sealed by one event of the board's trail; and the map from the laptop's ids to the board's, so what the laptop
// recorded can still be traced. Add-only like the trail; read per school (privacy officer and auditor: all). A school
// administrator may add export records and region links (of their school) too: they move their laptop's in.
import { BOARD_ROLES } from './001-board';
import type { BoardMigration } from './types';

const R = BOARD_ROLES;

export const boardMigration004: BoardMigration = {
  version: 4,
  name: 'laptop-segments',
  async up(sql) {
    await sql.query(`
      CREATE TABLE laptop_segments (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        school_id bigint NOT NULL REFERENCES schools (id),
        -- The laptop's first and last event: a laptop whose chain starts with this segment was migrated already.
        first_hash text NOT NULL CHECK (length(first_hash) = 64),
        last_seq bigint NOT NULL CHECK (last_seq >= 1),
        last_hash text NOT NULL CHECK (length(last_hash) = 64),
        event_count bigint NOT NULL CHECK (event_count = last_seq),
        counts jsonb NOT NULL,
        migrated_by text NOT NULL DEFAULT session_user,
        migrated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (school_id, id),
        UNIQUE (first_hash, last_hash)
      );
      CREATE TABLE laptop_segment_events (
        school_id bigint NOT NULL,
        segment_id bigint NOT NULL,
        seq bigint NOT NULL CHECK (seq >= 1),
        at text NOT NULL,
        actor_os text NOT NULL,
        actor_name text NOT NULL,
        action text NOT NULL,
        subject text NOT NULL,
        details text NOT NULL CHECK (details::jsonb IS NOT NULL),
        prev_hash text NOT NULL CHECK (length(prev_hash) = 64),
        hash text NOT NULL CHECK (length(hash) = 64),
        PRIMARY KEY (segment_id, seq),
        FOREIGN KEY (school_id, segment_id) REFERENCES laptop_segments (school_id, id)
      );
      -- Personal details of a segment's events (outside its chain, as on the laptop): erasable by the privacy officer.
      CREATE TABLE laptop_segment_personal (
        school_id bigint NOT NULL,
        segment_id bigint NOT NULL,
        seq bigint NOT NULL,
        salt text NOT NULL CHECK (length(salt) = 32),
        details text NOT NULL CHECK (details::jsonb IS NOT NULL),
        about text[] NOT NULL DEFAULT '{}',
        PRIMARY KEY (segment_id, seq),
        FOREIGN KEY (segment_id, seq) REFERENCES laptop_segment_events (segment_id, seq)
      );
      -- The laptop's id of a row and the board's id it got.
      CREATE TABLE laptop_id_map (
        school_id bigint NOT NULL,
        segment_id bigint NOT NULL,
        kind text NOT NULL CHECK (kind IN ('person', 'consent_import', 'consent_record', 'export', 'export_item')),
        laptop_id bigint NOT NULL,
        board_id bigint NOT NULL,
        PRIMARY KEY (segment_id, kind, laptop_id),
        FOREIGN KEY (school_id, segment_id) REFERENCES laptop_segments (school_id, id)
      );

      CREATE TRIGGER laptop_segments_add_only BEFORE UPDATE OR DELETE ON laptop_segments
        FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER laptop_segment_events_add_only BEFORE UPDATE OR DELETE ON laptop_segment_events
        FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER laptop_segment_events_no_truncate BEFORE TRUNCATE ON laptop_segment_events
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER laptop_id_map_add_only BEFORE UPDATE OR DELETE ON laptop_id_map
        FOR EACH ROW EXECUTE FUNCTION refuse_change();

      GRANT SELECT ON laptop_segments, laptop_segment_events, laptop_id_map
        TO ${R.privacy_officer}, ${R.auditor}, ${R.school_admin}, ${R.communications};
      GRANT SELECT ON laptop_segment_personal TO ${R.privacy_officer}, ${R.auditor};
      GRANT INSERT ON laptop_segments, laptop_segment_events, laptop_segment_personal, laptop_id_map
        TO ${R.privacy_officer}, ${R.school_admin};
      GRANT DELETE ON laptop_segment_personal TO ${R.privacy_officer};
      -- A school's administration moves its laptop in, export records and links of faces included: add (never
      -- change) them, for their own school only (row-level security as for every school table).
      GRANT INSERT ON exports, export_items, export_item_people, region_links TO ${R.school_admin};
    `);
    for (const table of ['laptop_segments', 'laptop_segment_events', 'laptop_segment_personal', 'laptop_id_map'])
      await sql.query(`
        ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
        ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
        CREATE POLICY ${table}_per_school ON ${table} FOR ALL
          USING ((SELECT sees_all_schools()) OR school_id = ANY ((SELECT my_school_ids())::bigint[]))
          WITH CHECK ((SELECT sees_all_schools()) OR school_id = ANY ((SELECT my_school_ids())::bigint[]));
      `);
  },
};
