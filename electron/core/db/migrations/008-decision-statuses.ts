// Each photo's decision status for a channel, a day and an event, kept so that the library's counts are one query
// (the decision worker fills it; see electron/core/publish/decisionStore.ts). What is kept is thrown away or marked
// void by triggers on every table a decision reads, whoever writes to it: a status can go missing, never go stale.
// A new input to the decision rules needs its table listed here (in a new migration). Depends on 001.
import type { Migration } from './types';

/** Tables whose rows belong to one photo: a change there makes that photo's statuses go (and may make the classes change). */
const PHOTO_INPUTS = ['regions', 'photos', 'photo_files'] as const;
/** A consent record: the statuses on its channel that asked for its person's consent are void. */
const CONSENT_INPUTS = ['consent_records'] as const;
/** A channel: every status on it is void. */
const CHANNEL_INPUTS = ['channels'] as const;
/** Tables that may change any decision: every status is void (people also change which names match: classes too). */
const GLOBAL_INPUTS = ['people', 'settings'] as const;

const PHOTO_KEY: Record<(typeof PHOTO_INPUTS)[number], string> = {
  regions: 'photo_hash',
  photos: 'hash',
  photo_files: 'photo_hash',
};

const UNCHECK_CLASSES = 'UPDATE decision_sets SET classes_current = 0 WHERE classes_current = 1;';
/** Every trigger counts its change: statuses decided on an older state are kept only while the count is unchanged. */
const COUNT_CHANGE = 'UPDATE decision_generation SET n = n + 1;';

type Op = 'INSERT' | 'UPDATE' | 'DELETE';

/** An AFTER trigger per change on a table: `body` once per row it sees (OLD and NEW on an update), then `once`. */
function triggers(table: string, body: (row: 'NEW' | 'OLD') => string, once: (op: Op) => string = () => ''): string {
  return (['INSERT', 'UPDATE', 'DELETE'] as const)
    .map((op) => {
      const rows: Array<'NEW' | 'OLD'> = op === 'INSERT' ? ['NEW'] : op === 'DELETE' ? ['OLD'] : ['OLD', 'NEW'];
      return `CREATE TRIGGER decision_input_${table}_${op.toLowerCase()} AFTER ${op} ON ${table} BEGIN
        ${rows.map(body).join('\n        ')}
        ${once(op)}
        ${COUNT_CHANGE}
      END;`;
    })
    .join('\n');
}

/**
 * The classes of an event come from the names on its photos' regions (name, its tag path in raw, not dismissed):
 * only a change to those, or to which photos an event holds, makes the sets check their classes again.
 */
function uncheckClassesFor(table: (typeof PHOTO_INPUTS)[number], op: Op): string {
  if (table === 'photos') return '';
  if (table === 'photo_files') return UNCHECK_CLASSES;
  const changed =
    op === 'UPDATE'
      ? `OLD.name IS NOT NEW.name OR OLD.raw IS NOT NEW.raw OR OLD.dismissed_at IS NOT NEW.dismissed_at
           OR OLD.photo_hash IS NOT NEW.photo_hash`
      : `${op === 'INSERT' ? 'NEW' : 'OLD'}.name <> ''`;
  return `UPDATE decision_sets SET classes_current = 0 WHERE classes_current = 1 AND (${changed});`;
}

export const migration008: Migration = {
  version: 8,
  name: 'decision-statuses',
  up(db) {
    db.exec(`
      -- How many changes the triggers below have seen: statuses decided before a change are not kept after it.
      CREATE TABLE decision_generation (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        n INTEGER NOT NULL
      ) STRICT;
      INSERT INTO decision_generation (id, n) VALUES (1, 0);

      -- The statuses of one event's photos on a channel and a day, and the classes of the events they were decided
      -- with (the people named in an event settle ambiguous names in it): a JSON list of [event id, classes].
      -- classes_current = 0 when a name on a photo or a person changed since: the classes are worked out again and,
      -- if they differ, every status of the set goes.
      CREATE TABLE decision_sets (
        id INTEGER PRIMARY KEY,
        channel_id TEXT NOT NULL,
        day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        classes TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(classes)),
        classes_current INTEGER NOT NULL DEFAULT 1 CHECK (classes_current IN (0, 1)),
        -- 0 after a change that may alter any decision of the set (people, settings, the channel): every status of
        -- it is void. (Marking the set keeps such a change cheap for whoever makes it; the worker clears the rest.)
        current INTEGER NOT NULL DEFAULT 1 CHECK (current IN (0, 1)),
        used_at TEXT NOT NULL,
        UNIQUE (channel_id, day, event_id)
      ) STRICT;

      CREATE TABLE decision_statuses (
        set_id INTEGER NOT NULL REFERENCES decision_sets(id) ON DELETE CASCADE,
        photo_hash TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('publish', 'hide', 'blocked', 'needs_review')),
        -- The change count (decision_generation) of the state it was decided on.
        generation INTEGER NOT NULL,
        PRIMARY KEY (set_id, photo_hash)
      ) STRICT;
      CREATE INDEX decision_statuses_photo ON decision_statuses (photo_hash);

      -- The people whose consent a kept status asked for: a new consent version of one of them makes it void.
      CREATE TABLE decision_status_people (
        set_id INTEGER NOT NULL,
        photo_hash TEXT NOT NULL,
        person_id INTEGER NOT NULL,
        PRIMARY KEY (set_id, photo_hash, person_id),
        FOREIGN KEY (set_id, photo_hash) REFERENCES decision_statuses(set_id, photo_hash) ON DELETE CASCADE
      ) STRICT;
      CREATE INDEX decision_status_people_person ON decision_status_people (person_id);

      -- People with a new consent version since a set's statuses were decided: the statuses that asked for their
      -- consent, decided before it, are void.
      CREATE TABLE decision_stale_people (
        set_id INTEGER NOT NULL REFERENCES decision_sets(id) ON DELETE CASCADE,
        person_id INTEGER NOT NULL,
        -- The change count just before the newest consent version: statuses decided on it or earlier are void.
        generation INTEGER NOT NULL,
        PRIMARY KEY (set_id, person_id)
      ) STRICT;

      ${PHOTO_INPUTS.map((table) =>
        triggers(
          table,
          (row) => `DELETE FROM decision_statuses WHERE photo_hash = ${row}.${PHOTO_KEY[table]};`,
          (op) => uncheckClassesFor(table, op),
        ),
      ).join('\n')}
      ${triggers(
        'consent_records',
        (row) => `INSERT INTO decision_stale_people (set_id, person_id, generation)
          SELECT id, ${row}.person_id, (SELECT n FROM decision_generation)
          FROM decision_sets WHERE channel_id = ${row}.channel_id AND current = 1
          ON CONFLICT (set_id, person_id) DO UPDATE SET generation = excluded.generation;`,
      )}
      ${triggers('channels', (row) => `UPDATE decision_sets SET current = 0 WHERE channel_id = ${row}.id AND current = 1;`)}
      ${triggers(
        'people',
        // The person's number goes from what is kept too (an erased person leaves nothing behind here).
        (row) => `DELETE FROM decision_status_people WHERE person_id = ${row}.id;
          DELETE FROM decision_stale_people WHERE person_id = ${row}.id;`,
        () => 'UPDATE decision_sets SET current = 0, classes_current = 0 WHERE current = 1 OR classes_current = 1;',
      )}
      ${triggers('settings', () => 'UPDATE decision_sets SET current = 0 WHERE current = 1;')}
    `);
  },
};

/** The tables whose changes the triggers above follow (for the test that checks none is missing). */
export const DECISION_INPUT_TABLES: readonly string[] = [
  ...PHOTO_INPUTS,
  ...CONSENT_INPUTS,
  ...CHANNEL_INPUTS,
  ...GLOBAL_INPUTS,
];
