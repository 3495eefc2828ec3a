// The consent registry's additions: who each import listed (to show who is missing next time), imports kept
// add-only, and indexes for the registry's lookups. Depends on 001 only.
import type { Migration } from './types';

export const migration002: Migration = {
  version: 2,
  name: 'consent',
  up(db) {
    db.exec(`
      -- Every person a consent import listed, with the row they were on: an import that changes nothing for
      -- someone still shows they were on the list.
      CREATE TABLE consent_import_people (
        import_id INTEGER NOT NULL REFERENCES consent_imports(id),
        person_id INTEGER NOT NULL REFERENCES people(id),
        row_number INTEGER NOT NULL CHECK (row_number >= 1),
        PRIMARY KEY (import_id, person_id)
      ) STRICT;
      CREATE INDEX consent_import_people_person ON consent_import_people (person_id);
      CREATE TRIGGER consent_import_people_no_update BEFORE UPDATE ON consent_import_people
        BEGIN SELECT RAISE(ABORT, 'consent_import_people is append-only'); END;
      CREATE TRIGGER consent_import_people_no_delete BEFORE DELETE ON consent_import_people
        BEGIN SELECT RAISE(ABORT, 'consent_import_people is append-only'); END;

      -- An import is evidence: never changed, never removed.
      CREATE TRIGGER consent_imports_no_update BEFORE UPDATE ON consent_imports
        BEGIN SELECT RAISE(ABORT, 'consent_imports is append-only'); END;
      CREATE TRIGGER consent_imports_no_delete BEFORE DELETE ON consent_imports
        BEGIN SELECT RAISE(ABORT, 'consent_imports is append-only'); END;
      CREATE INDEX consent_imports_year ON consent_imports (school_year, id);

      CREATE INDEX consent_records_year ON consent_records (school_year, person_id, channel_id, version);
      CREATE INDEX people_class ON people (class_name);
    `);
  },
};
