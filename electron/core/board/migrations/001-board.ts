// A board's shared registry (issue 16): schools, the people, channels and versioned consent of each, imports,
// exports and their items, the links of photo regions to people that decisions rely on, and one hash-chained audit
// trail for the whole board. Every school's rows carry school_id, and row-level security (forced, so the owner too)
// lets a user see and change only the schools they are mapped to; the board privacy officer and the auditor see all.
// What each role may do at all is in the grants: the auditor only reads, communications staff write exports and
// region links, school administrators the registry, the privacy officer everything but the trail's past.
import type { BoardMigration } from './types';

/** The group roles (NOLOGIN); a user's login role is a member of one. Cluster-wide names. */
export const BOARD_ROLES = {
  privacy_officer: 'fotowacht_privacy_officer',
  school_admin: 'fotowacht_school_admin',
  communications: 'fotowacht_communications',
  auditor: 'fotowacht_auditor',
} as const;

const SCHOOL_TABLES = [
  'people',
  'channels',
  'consent_imports',
  'consent_import_people',
  'consent_records',
  'consent_reasons',
  'exports',
  'export_items',
  'export_item_people',
  'region_links',
];

const R = BOARD_ROLES;
const ALL = `${R.privacy_officer}, ${R.school_admin}, ${R.communications}, ${R.auditor}`;
const WRITERS = `${R.privacy_officer}, ${R.school_admin}, ${R.communications}`;

export const boardMigration001: BoardMigration = {
  version: 1,
  name: 'board',
  async up(sql) {
    await sql.query(`
      DO $$
      DECLARE r text;
      BEGIN
        FOREACH r IN ARRAY ARRAY['${Object.values(R).join("','")}'] LOOP
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', r);
          END IF;
        END LOOP;
      END $$;

      -- Who set the board up: the role that owns the tables and adds schools and users.
      CREATE TABLE board_meta (
        id int PRIMARY KEY CHECK (id = 1),
        owner_role text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO board_meta (id, owner_role) VALUES (1, current_user);

      CREATE TABLE schools (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL DEFAULT now()
      );

      -- A user is a login role of this cluster, a member of one group role, mapped to the schools they work for.
      CREATE TABLE board_users (
        role_name text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('privacy_officer', 'school_admin', 'communications', 'auditor')),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE board_user_schools (
        role_name text NOT NULL REFERENCES board_users (role_name),
        school_id bigint NOT NULL REFERENCES schools (id),
        PRIMARY KEY (role_name, school_id)
      );

      CREATE FUNCTION sees_all_schools() RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = fotowacht, pg_temp AS $f$
          SELECT session_user = (SELECT owner_role FROM board_meta WHERE id = 1)
              OR pg_has_role(session_user, '${R.privacy_officer}', 'MEMBER')
              OR pg_has_role(session_user, '${R.auditor}', 'MEMBER')
        $f$;
      CREATE FUNCTION my_school_ids() RETURNS bigint[]
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = fotowacht, pg_temp AS $f$
          SELECT coalesce(array_agg(school_id), '{}') FROM board_user_schools WHERE role_name = session_user
        $f$;
      REVOKE ALL ON FUNCTION sees_all_schools(), my_school_ids() FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION sees_all_schools(), my_school_ids() TO ${ALL};

      CREATE TABLE people (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        school_id bigint NOT NULL REFERENCES schools (id),
        kind text NOT NULL CHECK (kind IN ('pupil', 'staff', 'guest')),
        external_key text,
        roepnaam text,
        voornamen text,
        tussenvoegsel text,
        achternaam text NOT NULL,
        class_name text,
        birth_date date,
        pseudonym text NOT NULL UNIQUE DEFAULT left(md5(gen_random_uuid()::text), 16),
        erased_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (school_id, kind, external_key),
        UNIQUE (school_id, id)
      );

      CREATE TABLE channels (
        school_id bigint NOT NULL REFERENCES schools (id),
        id text NOT NULL CHECK (id ~ '^[a-z0-9_-]{1,40}$'),
        label_nl text NOT NULL,
        label_en text NOT NULL,
        sort_order int NOT NULL DEFAULT 0,
        export_long_side int CHECK (export_long_side IS NULL OR export_long_side > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz,
        PRIMARY KEY (school_id, id)
      );

      CREATE TABLE consent_imports (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        school_id bigint NOT NULL REFERENCES schools (id),
        school_year text NOT NULL CHECK (school_year ~ '^[0-9]{4}-[0-9]{4}$'),
        file_name text NOT NULL,
        file_sha256 text NOT NULL CHECK (length(file_sha256) = 64),
        mapping jsonb NOT NULL,
        counts jsonb NOT NULL,
        actor text NOT NULL DEFAULT session_user,
        imported_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (school_id, id)
      );
      CREATE TABLE consent_import_people (
        school_id bigint NOT NULL,
        import_id bigint NOT NULL,
        person_id bigint NOT NULL,
        row_number int NOT NULL CHECK (row_number >= 1),
        PRIMARY KEY (import_id, person_id),
        FOREIGN KEY (school_id, import_id) REFERENCES consent_imports (school_id, id),
        FOREIGN KEY (school_id, person_id) REFERENCES people (school_id, id)
      );

      -- Versioned consent: a change or withdrawal adds a version, nothing is overwritten.
      CREATE TABLE consent_records (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        school_id bigint NOT NULL,
        person_id bigint NOT NULL,
        school_year text NOT NULL CHECK (school_year ~ '^[0-9]{4}-[0-9]{4}$'),
        channel_id text NOT NULL,
        version int NOT NULL CHECK (version >= 1),
        status text NOT NULL CHECK (status IN ('granted', 'refused', 'not_returned', 'withdrawn')),
        signed_by text CHECK (signed_by IS NULL OR signed_by IN ('parent', 'guardian', 'self')),
        -- Text as in the local registry: a day ('2026-09-01') or a UTC timestamp (a withdrawal at 14:00), compared
        -- as strings so both stores cut the history at the same point.
        signed_on text CHECK (signed_on IS NULL OR signed_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
        effective_from text NOT NULL CHECK (effective_from ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}'),
        source text NOT NULL CHECK (source IN ('import', 'manual', 'withdrawal')),
        import_id bigint,
        actor text NOT NULL DEFAULT session_user,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (person_id, school_year, channel_id, version),
        UNIQUE (school_id, id),
        FOREIGN KEY (school_id, person_id) REFERENCES people (school_id, id),
        FOREIGN KEY (school_id, channel_id) REFERENCES channels (school_id, id),
        FOREIGN KEY (school_id, import_id) REFERENCES consent_imports (school_id, id)
      );
      CREATE INDEX consent_records_lookup ON consent_records (person_id, channel_id, school_year, version);
      -- The free-text reason of a manual change or withdrawal: erasable, unlike the record.
      CREATE TABLE consent_reasons (
        school_id bigint NOT NULL,
        record_id bigint PRIMARY KEY,
        reason text NOT NULL,
        FOREIGN KEY (school_id, record_id) REFERENCES consent_records (school_id, id)
      );

      CREATE TABLE exports (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        school_id bigint NOT NULL,
        channel_id text NOT NULL,
        publish_date date NOT NULL,
        school_year text NOT NULL,
        workstation text NOT NULL,
        settings jsonb NOT NULL,
        state text NOT NULL CHECK (state IN ('running', 'done', 'failed', 'cancelled')),
        actor text NOT NULL DEFAULT session_user,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        manifest_sha256 text,
        UNIQUE (school_id, id),
        FOREIGN KEY (school_id, channel_id) REFERENCES channels (school_id, id)
      );
      CREATE TABLE export_items (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        school_id bigint NOT NULL,
        export_id bigint NOT NULL,
        photo_hash text NOT NULL CHECK (length(photo_hash) = 64),
        output_name text,
        output_sha256 text,
        decision text NOT NULL CHECK (decision IN ('publish', 'hide', 'blocked', 'needs_review')),
        override_reason text,
        hidden_count int NOT NULL DEFAULT 0,
        state text NOT NULL CHECK (state IN ('done', 'failed', 'skipped')),
        error_code text,
        details jsonb NOT NULL DEFAULT '{}',
        UNIQUE (school_id, id),
        FOREIGN KEY (school_id, export_id) REFERENCES exports (school_id, id)
      );
      CREATE INDEX export_items_photo ON export_items (photo_hash);
      -- Who was visible in an exported file, and on which consent version that rested.
      CREATE TABLE export_item_people (
        school_id bigint NOT NULL,
        export_item_id bigint NOT NULL,
        person_id bigint NOT NULL,
        consent_record_id bigint NOT NULL,
        PRIMARY KEY (export_item_id, person_id),
        FOREIGN KEY (school_id, export_item_id) REFERENCES export_items (school_id, id),
        FOREIGN KEY (school_id, person_id) REFERENCES people (school_id, id),
        FOREIGN KEY (school_id, consent_record_id) REFERENCES consent_records (school_id, id)
      );
      CREATE INDEX export_item_people_person ON export_item_people (person_id);

      -- The photos stay on the workstations; what a decision needs from them is shared: which person a region of a
      -- photo (known by its content hash) shows. region_key is the workstation's stable key of the region.
      CREATE TABLE region_links (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        school_id bigint NOT NULL,
        photo_hash text NOT NULL CHECK (length(photo_hash) = 64),
        region_key text NOT NULL,
        person_id bigint,
        linked_by text NOT NULL DEFAULT session_user,
        linked_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (school_id, photo_hash, region_key),
        FOREIGN KEY (school_id, person_id) REFERENCES people (school_id, id)
      );
      CREATE INDEX region_links_person ON region_links (person_id);

      -- One trail for the board: add-only, each event hashed over the one before (audit/chain.ts).
      CREATE TABLE audit_events (
        seq bigint PRIMARY KEY CHECK (seq >= 1),
        at text NOT NULL,
        actor_os text NOT NULL,
        actor_name text NOT NULL,
        action text NOT NULL,
        subject text NOT NULL,
        details text NOT NULL CHECK (details::jsonb IS NOT NULL),
        prev_hash text NOT NULL CHECK (length(prev_hash) = 64),
        hash text NOT NULL UNIQUE CHECK (length(hash) = 64)
      );
      CREATE TABLE audit_head (
        id int PRIMARY KEY CHECK (id = 1),
        seq bigint NOT NULL,
        hash text NOT NULL
      );
      INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));
      CREATE TABLE audit_personal (
        seq bigint PRIMARY KEY,
        salt text NOT NULL CHECK (length(salt) = 32),
        details text NOT NULL CHECK (details::jsonb IS NOT NULL)
      );
      CREATE TABLE audit_personal_people (
        pseudonym text NOT NULL,
        seq bigint NOT NULL REFERENCES audit_personal (seq) ON DELETE CASCADE,
        PRIMARY KEY (pseudonym, seq)
      );

      CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege'; END
      $f$;
      CREATE TRIGGER audit_events_add_only BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER consent_records_add_only BEFORE UPDATE OR DELETE ON consent_records
        FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER consent_import_people_add_only BEFORE UPDATE OR DELETE ON consent_import_people
        FOR EACH ROW EXECUTE FUNCTION refuse_change();

      -- The database itself refuses a fork: an event must follow the head exactly (the head row is locked while it
      -- is checked), and its actor is the user signed in, so nobody appends in another's name.
      CREATE FUNCTION audit_follow_head() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = fotowacht, pg_temp AS $f$
        DECLARE head record;
        BEGIN
          SELECT seq, hash INTO head FROM audit_head WHERE id = 1 FOR UPDATE;
          IF NEW.seq <> head.seq + 1 OR NEW.prev_hash <> head.hash THEN
            RAISE EXCEPTION 'audit event % does not follow the head %', NEW.seq, head.seq
              USING ERRCODE = 'serialization_failure';
          END IF;
          IF NEW.actor_os <> session_user THEN
            RAISE EXCEPTION 'audit actor must be the signed-in user' USING ERRCODE = 'insufficient_privilege';
          END IF;
          UPDATE audit_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1;
          RETURN NEW;
        END
      $f$;
      CREATE TRIGGER audit_events_follow_head BEFORE INSERT ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_follow_head();
      CREATE TRIGGER people_pseudonym_fixed BEFORE UPDATE OF pseudonym ON people
        FOR EACH ROW WHEN (OLD.pseudonym IS DISTINCT FROM NEW.pseudonym) EXECUTE FUNCTION refuse_change();

      REVOKE ALL ON SCHEMA fotowacht FROM PUBLIC;
      GRANT USAGE ON SCHEMA fotowacht TO ${ALL};
      GRANT SELECT ON schools, schema_migrations TO ${ALL};
      GRANT SELECT ON ${SCHOOL_TABLES.join(', ')} TO ${R.privacy_officer}, ${R.auditor};
      GRANT INSERT, UPDATE ON people, channels, consent_imports, exports, export_items, region_links
        TO ${R.privacy_officer};
      GRANT INSERT ON consent_import_people, consent_records, consent_reasons, export_item_people
        TO ${R.privacy_officer};
      GRANT DELETE ON consent_reasons TO ${R.privacy_officer};
      GRANT SELECT ON people, channels, consent_imports, consent_import_people, consent_records, consent_reasons,
        exports, export_items, export_item_people, region_links TO ${R.school_admin};
      GRANT INSERT, UPDATE ON people, channels TO ${R.school_admin};
      GRANT INSERT ON consent_imports, consent_import_people, consent_records, consent_reasons TO ${R.school_admin};
      GRANT SELECT ON people, channels, consent_records, exports, export_items, export_item_people, region_links
        TO ${R.communications};
      GRANT INSERT, UPDATE ON exports, export_items, region_links TO ${R.communications};
      GRANT INSERT ON export_item_people TO ${R.communications};
      GRANT USAGE ON ALL SEQUENCES IN SCHEMA fotowacht TO ${WRITERS};
      GRANT SELECT ON audit_head TO ${ALL};
      GRANT INSERT ON audit_events, audit_personal, audit_personal_people TO ${WRITERS};
      GRANT SELECT ON audit_events, audit_personal, audit_personal_people TO ${R.privacy_officer}, ${R.auditor};
      GRANT DELETE ON audit_personal, audit_personal_people TO ${R.privacy_officer};
    `);
    // Each school's rows only for the users of that school (and for those who see all). FORCE: the owner too.
    for (const table of ['schools', ...SCHOOL_TABLES]) {
      const column = table === 'schools' ? 'id' : 'school_id';
      await sql.query(`
        ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
        ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
        CREATE POLICY ${table}_per_school ON ${table} FOR ALL
          USING ((SELECT sees_all_schools()) OR ${column} = ANY ((SELECT my_school_ids())::bigint[]))
          WITH CHECK ((SELECT sees_all_schools()) OR ${column} = ANY ((SELECT my_school_ids())::bigint[]));
      `);
    }
  },
};
