// What the board's registry needs beyond 001 for today's consent registry: the "never publish" mark on a person
// (local migration 007), taken off only by the board's privacy officer — the database refuses anyone else — and a
// version number per school that every change to that school's registry raises (statement triggers, whoever
// writes), so a workstation that planned a change on its copy can check, under the school's lock, that nobody
// changed the registry since it read it.
import { BOARD_ROLES } from './001-board';
import type { BoardMigration } from './types';

const R = BOARD_ROLES;
const ALL = `${R.privacy_officer}, ${R.school_admin}, ${R.communications}, ${R.auditor}`;
/** The school's registry: a change to any of these raises its version. */
export const REGISTRY_TABLES = [
  'people',
  'channels',
  'consent_imports',
  'consent_import_people',
  'consent_records',
  'consent_reasons',
] as const;

/** The default set, after the Dutch model consent forms (as local migration 001 gives a laptop). */
const DEFAULT_CHANNELS = `(VALUES
  ('schoolgids', 'Schoolgids en brochure', 'School guide and brochure', 1, NULL::int),
  ('website', 'Website van de school', 'School website', 2, 1600),
  ('social', 'Sociale media van de school', 'School social media', 3, 2048),
  ('newsletter', 'Nieuwsbrief', 'Newsletter', 4, 1600),
  ('parent_app', 'Ouderapp / ouderportaal', 'Parent app / parent portal', 5, 2048)
) AS c (id, label_nl, label_en, sort_order, export_long_side)`;

export const boardMigration002: BoardMigration = {
  version: 2,
  name: 'registry',
  async up(sql) {
    await sql.query(`
      ALTER TABLE people ADD COLUMN protected boolean NOT NULL DEFAULT false;

      CREATE FUNCTION refuse_unprotect() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
          IF NOT pg_has_role(session_user, '${R.privacy_officer}', 'MEMBER') THEN
            RAISE EXCEPTION 'only the privacy officer takes the never-publish mark off'
              USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NEW;
        END
      $f$;
      CREATE TRIGGER people_unprotect_privacy_officer BEFORE UPDATE OF protected ON people
        FOR EACH ROW WHEN (OLD.protected AND NOT NEW.protected) EXECUTE FUNCTION refuse_unprotect();

      CREATE TABLE registry_versions (
        school_id bigint PRIMARY KEY REFERENCES schools (id),
        version bigint NOT NULL DEFAULT 0 CHECK (version >= 0)
      );
      -- A new school starts with its version and the default channels of the Dutch model consent forms (as a
      -- laptop's database does, local migration 001); its administrator renames, adds or retires them.
      CREATE FUNCTION school_registry_defaults() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = fotowacht, pg_temp AS $f$
        BEGIN
          INSERT INTO registry_versions (school_id) VALUES (NEW.id);
          INSERT INTO channels (school_id, id, label_nl, label_en, sort_order, export_long_side)
          SELECT NEW.id, c.* FROM ${DEFAULT_CHANNELS}
          WHERE NOT EXISTS (SELECT 1 FROM channels WHERE school_id = NEW.id);
          RETURN NEW;
        END
      $f$;
      CREATE TRIGGER schools_registry_defaults AFTER INSERT ON schools
        FOR EACH ROW EXECUTE FUNCTION school_registry_defaults();
      -- The schools there already: their version, and the default channels where they have none.
      INSERT INTO registry_versions (school_id) SELECT id FROM schools;
      INSERT INTO channels (school_id, id, label_nl, label_en, sort_order, export_long_side)
      SELECT s.id, c.* FROM schools s CROSS JOIN ${DEFAULT_CHANNELS}
       WHERE NOT EXISTS (SELECT 1 FROM channels WHERE school_id = s.id);

      CREATE FUNCTION raise_registry_version() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = fotowacht, pg_temp AS $f$
        BEGIN
          UPDATE registry_versions SET version = version + 1
           WHERE school_id IN (SELECT DISTINCT school_id FROM changed);
          RETURN NULL;
        END
      $f$;

      -- The registry's lock for one school: held until the transaction ends, it returns the version the caller
      -- compares with its copy's. Null for a school the user cannot see. Only the registry's writers may take it.
      CREATE FUNCTION lock_registry(school bigint) RETURNS bigint
        LANGUAGE sql SECURITY DEFINER SET search_path = fotowacht, pg_temp AS $f$
          SELECT version FROM registry_versions WHERE school_id = school FOR UPDATE
        $f$;
      REVOKE ALL ON FUNCTION lock_registry(bigint), raise_registry_version(), school_registry_defaults()
        FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION lock_registry(bigint) TO ${R.privacy_officer}, ${R.school_admin};
      GRANT SELECT ON registry_versions TO ${ALL};
      GRANT SELECT ON consent_imports, consent_import_people TO ${R.communications};

      ALTER TABLE registry_versions ENABLE ROW LEVEL SECURITY;
      ALTER TABLE registry_versions FORCE ROW LEVEL SECURITY;
      CREATE POLICY registry_versions_per_school ON registry_versions FOR ALL
        USING ((SELECT sees_all_schools()) OR school_id = ANY ((SELECT my_school_ids())::bigint[]))
        WITH CHECK ((SELECT sees_all_schools()) OR school_id = ANY ((SELECT my_school_ids())::bigint[]));
    `);
    for (const table of REGISTRY_TABLES) {
      for (const [event, transition] of [
        ['INSERT', 'NEW'],
        ['UPDATE', 'NEW'],
        ['DELETE', 'OLD'],
      ] as const) {
        await sql.query(`
          CREATE TRIGGER ${table}_registry_version_${event.toLowerCase()} AFTER ${event} ON ${table}
            REFERENCING ${transition} TABLE AS changed
            FOR EACH STATEMENT EXECUTE FUNCTION raise_registry_version();
        `);
      }
    }
  },
};
