// Two things that spare the decision worker deciding every photo again (issue 13). (1) When each photo's decision
// inputs last changed, by the change count of migration 008: the worker keeps each photo's status basis (what its
// status rests on besides consent and the settings, shared/policyStatus.ts) in memory, and works out again only the
// photos changed since. One row per photo ever changed (its content hash and a number); a row outlives its photo,
// like the hash in the audit trail. (2) Kept statuses that outlive a changed setting: each keeps what the settings
// decide from (open, hidden people, largest hidden box), so a setting no longer voids them; the statuses kept so far
// lack it and go (they are decided again). Depends on 008.
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

export const migration013: Migration = {
  version: 13,
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

      -- A status the settings decide (open = 1: publish, hide, or blocked by the thresholds only) keeps what they
      -- decide from; any other status stands whatever the settings.
      DELETE FROM decision_status_people;
      DELETE FROM decision_stale_people;
      DELETE FROM decision_statuses;
      ALTER TABLE decision_statuses ADD COLUMN open INTEGER NOT NULL DEFAULT 0 CHECK (open IN (0, 1));
      ALTER TABLE decision_statuses ADD COLUMN hidden_people INTEGER NOT NULL DEFAULT 0 CHECK (hidden_people >= 0);
      ALTER TABLE decision_statuses ADD COLUMN largest_hidden REAL NOT NULL DEFAULT 0
        CHECK (largest_hidden >= 0);
      ${(['insert', 'update', 'delete'] as const)
        .map(
          (op) => `DROP TRIGGER decision_input_settings_${op};
      CREATE TRIGGER decision_input_settings_${op} AFTER ${op.toUpperCase()} ON settings BEGIN
        UPDATE decision_generation SET n = n + 1;
      END;`,
        )
        .join('\n      ')}
    `);
  },
};
