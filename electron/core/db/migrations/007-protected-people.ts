// Protected pupils (issue 17): a "never publish" mark on a person — a custody dispute, a shelter, foster care. Any
// photo in which they are tagged, linked or suspected is blocked, not masked. Depends on 001 and 004 (people); 005 (picks) and 006 (event review) do not touch people.
import type { Migration } from './types';

export const migration007: Migration = {
  version: 7,
  name: 'protected-people',
  up(db) {
    db.exec(`
      -- 1: never publish. Set by an import column or by hand, removed only by a privacy officer; every change is an
      -- audit event (pseudonymous), so the mark's history is the trail's.
      ALTER TABLE people ADD COLUMN protected INTEGER NOT NULL DEFAULT 0 CHECK (protected IN (0, 1));
    `);
  },
};
