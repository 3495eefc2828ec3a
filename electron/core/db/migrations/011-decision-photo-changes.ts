// When each photo's decision inputs last changed, by the change count of migration 008: the decision worker keeps
// each photo's status basis (what its status rests on besides consent and the settings, shared/policyStatus.ts) in
// memory, and works out again only the photos changed since. One row per photo ever changed (its content hash and a
// number); a row outlives its photo, like the hash in the audit trail. Depends on 008.
import type { Migration } from './types';

/** The tables whose rows belong to one photo (as in 008), and the column naming it. */
const PHOTO_INPUTS = { regions: 'photo_hash', photos: 'hash', photo_files: 'photo_hash' } as const;

function triggers(table: keyof typeof PHOTO_INPUTS): string {
  const column = PHOTO_INPUTS[table];
  return (['INSERT', 'UPDATE', 'DELETE'] as const)
    .map((op) => {
      const rows = op === 'INSERT' ? ['NEW'] : op === 'DELETE' ? ['OLD'] : ['OLD', 'NEW'];
      const marks = rows.map(
        (row) => `INSERT INTO decision_photo_changes (photo_hash, generation)
          VALUES (${row}.${column}, (SELECT n FROM decision_generation WHERE id = 1))
          ON CONFLICT (photo_hash) DO UPDATE SET generation = excluded.generation;`,
      );
      return `CREATE TRIGGER decision_basis_${table}_${op.toLowerCase()} AFTER ${op} ON ${table} BEGIN
        ${marks.join('\n        ')}
      END;`;
    })
    .join('\n');
}

export const migration011: Migration = {
  version: 11,
  name: 'decision-photo-changes',
  up(db) {
    db.exec(`
      -- The change count (decision_generation.n) at the photo's latest change, read while the change is made (just
      -- before or after it counts itself): a basis worked out at count g is void for every photo with a row >= g.
      CREATE TABLE decision_photo_changes (
        photo_hash TEXT PRIMARY KEY,
        generation INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX decision_photo_changes_generation ON decision_photo_changes (generation);
      ${(Object.keys(PHOTO_INPUTS) as Array<keyof typeof PHOTO_INPUTS>).map(triggers).join('\n')}
    `);
  },
};
