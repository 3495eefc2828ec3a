// A pseudonymous, erasable trail (issue 11): every person gets a random pseudonym that audit events use instead of
// ids, numbers or names; personal details an event needs live outside the hash chain in audit_personal (the chain
// keeps a salted commitment), and consent's free-text reasons move out of the add-only consent_records into
// consent_reasons, so erasing a person never has to change an add-only row. Depends on 001 and 002 (003 adds photos' review reasons, which it does not touch).
import type { Migration } from './types';

export const migration004: Migration = {
  version: 4,
  name: 'pseudonyms',
  up(db) {
    db.exec(`
      -- A random name for each person, for the audit trail; kept when the person is erased (the shell row stays so
      -- consent records and exports still point somewhere, and the trail's pseudonyms still mean the same shell).
      ALTER TABLE people ADD COLUMN pseudonym TEXT;
      ALTER TABLE people ADD COLUMN erased_at TEXT;
      UPDATE people SET pseudonym = lower(hex(randomblob(8)));
      CREATE UNIQUE INDEX people_pseudonym ON people (pseudonym);
      CREATE TRIGGER people_pseudonym_on_insert AFTER INSERT ON people WHEN NEW.pseudonym IS NULL
        BEGIN UPDATE people SET pseudonym = lower(hex(randomblob(8))) WHERE id = NEW.id; END;
      CREATE TRIGGER people_pseudonym_fixed BEFORE UPDATE OF pseudonym ON people WHEN OLD.pseudonym IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'a pseudonym never changes'); END;

      -- Personal details of an audit event, outside the chain: the event holds HMAC-SHA256(salt, details) only.
      -- Erasing a person deletes these rows; the chain still verifies and names the events "details erased".
      CREATE TABLE audit_personal (
        seq INTEGER PRIMARY KEY,
        salt TEXT NOT NULL CHECK (length(salt) = 32),
        details TEXT NOT NULL CHECK (json_valid(details))
      ) STRICT;
      -- Whom each event's details are about, by pseudonym (to find what to erase).
      CREATE TABLE audit_personal_people (
        pseudonym TEXT NOT NULL,
        seq INTEGER NOT NULL REFERENCES audit_personal(seq) ON DELETE CASCADE,
        PRIMARY KEY (pseudonym, seq)
      ) STRICT;
      CREATE INDEX audit_personal_people_seq ON audit_personal_people (seq);

      -- The free-text reason of a manual change or withdrawal ("Brief van ouders"): erasable, unlike the record.
      CREATE TABLE consent_reasons (
        record_id INTEGER PRIMARY KEY REFERENCES consent_records(id),
        reason TEXT NOT NULL
      ) STRICT;
      INSERT INTO consent_reasons (record_id, reason) SELECT id, reason FROM consent_records WHERE reason IS NOT NULL;
      -- Once, here only: the reasons leave the add-only table. Its guard is back before the migration commits.
      DROP TRIGGER consent_records_no_update;
      UPDATE consent_records SET reason = NULL WHERE reason IS NOT NULL;
      CREATE TRIGGER consent_records_no_update BEFORE UPDATE ON consent_records
        BEGIN SELECT RAISE(ABORT, 'consent_records is append-only'); END;
      CREATE TRIGGER consent_records_no_reason BEFORE INSERT ON consent_records WHEN NEW.reason IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'a consent reason belongs in consent_reasons'); END;
    `);
  },
};
