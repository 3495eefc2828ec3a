// Offline work goes up later (issue 16, part 4): each local audit event a workstation appends to the board's trail is
// recorded here under its workstation's id and local sequence number, in the same transaction as the append. A second
// attempt (a crash between the append and the workstation forgetting its queue) finds the key and appends nothing;
// a different event under the same key (a copied data folder) is refused, not skipped. Add-only, like the trail.
// A user sees and adds only their own rows; the privacy officer and the auditor see all.
import { BOARD_ROLES } from './001-board';
import type { BoardMigration } from './types';

const R = BOARD_ROLES;

export const boardMigration003: BoardMigration = {
  version: 3,
  name: 'workstation-events',
  async up(sql) {
    await sql.query(`
      CREATE TABLE workstation_events (
        workstation text NOT NULL CHECK (workstation ~ '^[0-9a-f]{32}$'),
        local_seq bigint NOT NULL CHECK (local_seq >= 1),
        local_hash text NOT NULL CHECK (local_hash ~ '^[0-9a-f]{64}$'),
        -- No foreign key to audit_events: the trail's own TRUNCATE refusal must stay the first word on it.
        board_seq bigint NOT NULL UNIQUE CHECK (board_seq >= 1),
        appended_by text NOT NULL DEFAULT session_user,
        appended_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workstation, local_seq)
      );
      CREATE TRIGGER workstation_events_add_only BEFORE UPDATE OR DELETE ON workstation_events
        FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER workstation_events_no_truncate BEFORE TRUNCATE ON workstation_events
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
      ALTER TABLE workstation_events ENABLE ROW LEVEL SECURITY;
      ALTER TABLE workstation_events FORCE ROW LEVEL SECURITY;
      CREATE POLICY workstation_events_own ON workstation_events FOR ALL
        USING ((SELECT sees_all_schools()) OR appended_by = session_user)
        WITH CHECK (appended_by = session_user);
      GRANT SELECT, INSERT ON workstation_events TO ${R.privacy_officer}, ${R.school_admin}, ${R.communications};
      GRANT SELECT ON workstation_events TO ${R.auditor};
    `);
  },
};
