// Erasure, clips and channel edits on the board (issue 16). Erasing a person (AVG art. 17) is the board privacy
// officer's right only, and the database holds it: erase_person() runs only for that role, and a trigger refuses
// anyone else setting or changing an erased person, even with raw SQL. It does on the board what a laptop's erasure
// does in its own tables: the person becomes a pseudonymous shell, consent versions stay (status and dates), the
// free-text reasons go, region links to them are undone, override reasons of their photos and clips go, and the
// trail's personal details about them (the board's own and those of laptop segments) are deleted — the chains stay.
// Clips' export rows (local migration 011) get board tables like photos'. A school's administrator (and the privacy
// officer) may delete a channel that nothing refers to (the foreign keys decide what "used" means).
import { BOARD_ROLES } from './001-board';
import type { BoardMigration } from './types';

const R = BOARD_ROLES;

export const boardMigration005: BoardMigration = {
  version: 5,
  name: 'erasure-clips',
  async up(sql) {
    await sql.query(`
      CREATE TABLE export_clips (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        school_id bigint NOT NULL,
        export_id bigint NOT NULL,
        video_hash text NOT NULL CHECK (length(video_hash) = 64),
        output_name text,
        output_sha256 text,
        decision text NOT NULL CHECK (decision IN ('publish', 'hide', 'blocked', 'needs_review')),
        override_reason text,
        hidden_tracks int NOT NULL DEFAULT 0 CHECK (hidden_tracks >= 0),
        audio_kept boolean NOT NULL DEFAULT false,
        frames int CHECK (frames >= 0),
        state text NOT NULL CHECK (state IN ('done', 'failed', 'skipped')),
        error_code text,
        details jsonb NOT NULL DEFAULT '{}',
        CHECK ((state = 'done') = (output_name IS NOT NULL AND output_sha256 IS NOT NULL)),
        UNIQUE (school_id, id),
        FOREIGN KEY (school_id, export_id) REFERENCES exports (school_id, id)
      );
      CREATE INDEX export_clips_video ON export_clips (video_hash);
      -- Who was visible in an exported clip, and on which consent version that rested.
      CREATE TABLE export_clip_people (
        school_id bigint NOT NULL,
        export_clip_id bigint NOT NULL,
        person_id bigint NOT NULL,
        consent_record_id bigint NOT NULL,
        PRIMARY KEY (export_clip_id, person_id),
        FOREIGN KEY (school_id, export_clip_id) REFERENCES export_clips (school_id, id),
        FOREIGN KEY (school_id, person_id) REFERENCES people (school_id, id),
        FOREIGN KEY (school_id, consent_record_id) REFERENCES consent_records (school_id, id)
      );
      CREATE INDEX export_clip_people_person ON export_clip_people (person_id);

      -- Only the privacy officer marks a person erased, and nobody changes an erased person afterwards but them.
      CREATE FUNCTION refuse_erasure() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
          IF NOT pg_has_role(session_user, '${R.privacy_officer}', 'MEMBER') THEN
            RAISE EXCEPTION 'only the privacy officer erases a person' USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NEW;
        END
      $f$;
      CREATE TRIGGER people_erasure_privacy_officer BEFORE UPDATE ON people
        FOR EACH ROW WHEN (OLD.erased_at IS NOT NULL OR NEW.erased_at IS NOT NULL) EXECUTE FUNCTION refuse_erasure();

      -- The erasure itself, in the caller's transaction (which appends its event to the trail). Returns what it did;
      -- null for a person the caller cannot see, or one erased already.
      CREATE FUNCTION erase_person(person bigint) RETURNS jsonb
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = fotowacht, pg_temp AS $f$
        DECLARE
          target record;
          reasons int;
          links int;
          item_reasons int;
          clip_reasons int;
          details bigint[];
          segments jsonb;
        BEGIN
          IF NOT pg_has_role(session_user, '${R.privacy_officer}', 'MEMBER') THEN
            RAISE EXCEPTION 'only the privacy officer erases a person' USING ERRCODE = 'insufficient_privilege';
          END IF;
          SELECT id, pseudonym, erased_at INTO target FROM people WHERE id = person FOR UPDATE;
          IF NOT FOUND OR target.erased_at IS NOT NULL THEN RETURN NULL; END IF;
          -- Override reasons are free text about a photo or clip: those of the person's photos and clips go.
          UPDATE export_items SET override_reason = NULL
           WHERE override_reason IS NOT NULL
             AND (photo_hash IN (SELECT photo_hash FROM region_links WHERE person_id = person)
               OR photo_hash IN (SELECT i.photo_hash FROM export_item_people v
                                   JOIN export_items i ON i.id = v.export_item_id WHERE v.person_id = person));
          GET DIAGNOSTICS item_reasons = ROW_COUNT;
          UPDATE export_clips SET override_reason = NULL
           WHERE override_reason IS NOT NULL
             AND video_hash IN (SELECT c.video_hash FROM export_clip_people v
                                  JOIN export_clips c ON c.id = v.export_clip_id WHERE v.person_id = person);
          GET DIAGNOSTICS clip_reasons = ROW_COUNT;
          UPDATE region_links SET person_id = NULL, linked_by = session_user, linked_at = now()
           WHERE person_id = person;
          GET DIAGNOSTICS links = ROW_COUNT;
          DELETE FROM consent_reasons WHERE record_id IN (SELECT id FROM consent_records WHERE person_id = person);
          GET DIAGNOSTICS reasons = ROW_COUNT;
          UPDATE people SET external_key = NULL, roepnaam = NULL, voornamen = NULL, tussenvoegsel = NULL,
                 achternaam = '', class_name = NULL, birth_date = NULL, erased_at = now(), updated_at = now()
           WHERE id = person;
          WITH gone AS (
            DELETE FROM audit_personal
             WHERE seq IN (SELECT seq FROM audit_personal_people WHERE pseudonym = target.pseudonym)
            RETURNING seq)
          SELECT coalesce(array_agg(seq ORDER BY seq), '{}') INTO details FROM gone;
          WITH gone AS (
            DELETE FROM laptop_segment_personal WHERE target.pseudonym = ANY (about) RETURNING segment_id, seq),
          per_segment AS (
            SELECT segment_id, array_agg(seq ORDER BY seq) AS seqs FROM gone GROUP BY segment_id)
          SELECT coalesce(jsonb_agg(jsonb_build_object('segment', segment_id, 'seqs', seqs) ORDER BY segment_id),
                          '[]')
            INTO segments FROM per_segment;
          RETURN jsonb_build_object(
            'pseudonym', target.pseudonym,
            'consentReasonsRemoved', reasons,
            'regionLinksUnlinked', links,
            'overrideReasonsRemoved', item_reasons + clip_reasons,
            'auditDetailsErased', to_jsonb(details),
            'segmentDetailsErased', segments);
        END
      $f$;
      REVOKE ALL ON FUNCTION erase_person(bigint), refuse_erasure() FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION erase_person(bigint) TO ${R.privacy_officer};

      GRANT SELECT ON export_clips, export_clip_people
        TO ${R.privacy_officer}, ${R.auditor}, ${R.school_admin}, ${R.communications};
      GRANT INSERT, UPDATE ON export_clips TO ${R.privacy_officer}, ${R.communications};
      GRANT INSERT ON export_clip_people TO ${R.privacy_officer}, ${R.communications};
      GRANT USAGE ON ALL SEQUENCES IN SCHEMA fotowacht
        TO ${R.privacy_officer}, ${R.school_admin}, ${R.communications};
      -- A channel nothing refers to may go (a used one is only retired: the foreign keys refuse its deletion).
      GRANT DELETE ON channels TO ${R.privacy_officer}, ${R.school_admin};
    `);
    for (const table of ['export_clips', 'export_clip_people'])
      await sql.query(`
        ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
        ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
        CREATE POLICY ${table}_per_school ON ${table} FOR ALL
          USING ((SELECT sees_all_schools()) OR school_id = ANY ((SELECT my_school_ids())::bigint[]))
          WITH CHECK ((SELECT sees_all_schools()) OR school_id = ANY ((SELECT my_school_ids())::bigint[]));
      `);
  },
};
