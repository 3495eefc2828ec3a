// SQL of the kept decision statuses (decision_sets, decision_statuses, decision_status_people, decision_stale_people,
// decision_generation; migration 008, 011): each photo's status per channel, day and event (as far as it does not
// rest on the settings), filled by the decision worker, thrown away or marked void by triggers on change.
import type { DecisionStatus } from '../../../shared/policy';
import type { SettingsFreeStatus } from '../../../shared/policyStatus';
import type { ReadableDb, WritableDb } from '../db';

export interface DecisionSetKey {
  readonly channelId: string;
  readonly day: string;
  readonly eventId: number;
}

export interface DecisionSet extends DecisionSetKey {
  readonly id: number;
  /** The classes per event the statuses were decided with, as [event id, classes] sorted by event id. */
  readonly classes: ReadonlyArray<readonly [number, readonly string[]]>;
  /** False when a photo or a person changed since the classes were worked out. */
  readonly classesCurrent: boolean;
  /** False when every status of the set is void (the people, the settings or the channel changed). */
  readonly current: boolean;
  readonly usedAt: string;
}

interface SetRow {
  id: number;
  channel_id: string;
  day: string;
  event_id: number;
  classes: string;
  classes_current: number;
  current: number;
  used_at: string;
}

function toSet(row: SetRow): DecisionSet {
  return {
    id: row.id,
    channelId: row.channel_id,
    day: row.day,
    eventId: row.event_id,
    classes: JSON.parse(row.classes) as Array<[number, string[]]>,
    classesCurrent: row.classes_current === 1,
    current: row.current === 1,
    usedAt: row.used_at,
  };
}

/** How many changes the triggers have counted: statuses decided before a change are not kept after it. */
export function decisionGeneration(db: ReadableDb): number {
  return db.prepare('SELECT n FROM decision_generation WHERE id = 1').pluck().get() as number;
}

export function findDecisionSet(db: ReadableDb, key: DecisionSetKey): DecisionSet | null {
  const row = db
    .prepare('SELECT * FROM decision_sets WHERE channel_id = ? AND day = ? AND event_id = ?')
    .get(key.channelId, key.day, key.eventId) as SetRow | undefined;
  return row ? toSet(row) : null;
}

/** The kept sets, most recently used first. */
export function decisionSets(db: ReadableDb): DecisionSet[] {
  return (db.prepare('SELECT * FROM decision_sets ORDER BY used_at DESC, id DESC').all() as SetRow[]).map(toSet);
}

/** The set for a key, made when new, current; its classes and use time as given. Returns its id. */
export function saveDecisionSet(
  db: WritableDb,
  key: DecisionSetKey,
  classes: DecisionSet['classes'],
  usedAt: string,
): number {
  return db
    .prepare(
      `INSERT INTO decision_sets (channel_id, day, event_id, classes, classes_current, current, used_at)
       VALUES (?, ?, ?, ?, 1, 1, ?)
       ON CONFLICT (channel_id, day, event_id) DO UPDATE SET classes = excluded.classes, classes_current = 1,
         current = 1, used_at = excluded.used_at
       RETURNING id`,
    )
    .pluck()
    .get(key.channelId, key.day, key.eventId, JSON.stringify(classes), usedAt) as number;
}

export function touchDecisionSet(db: WritableDb, setId: number, usedAt: string): void {
  db.prepare('UPDATE decision_sets SET used_at = ? WHERE id = ?').run(usedAt, setId);
}

/** The kept statuses of a set: photo hash → its status as far as it does not rest on the settings. */
export function keptStatuses(db: ReadableDb, setId: number): Map<string, SettingsFreeStatus> {
  const rows = db
    .prepare('SELECT photo_hash, status, open, hidden_people, largest_hidden FROM decision_statuses WHERE set_id = ?')
    .raw()
    .all(setId) as Array<[string, DecisionStatus, number, number, number]>;
  return new Map(
    rows.map(([hash, status, open, hiddenPeople, largestHidden]) => [
      hash,
      open === 1 ? { fixed: null, hiddenPeople, largestHidden } : { fixed: status, hiddenPeople: 0, largestHidden: 0 },
    ]),
  );
}

/** Deletes up to `limit` statuses of a set (a big set goes in several short transactions); returns how many. */
export function deleteSomeStatuses(db: WritableDb, setId: number, limit: number): number {
  return db
    .prepare(
      'DELETE FROM decision_statuses WHERE rowid IN (SELECT rowid FROM decision_statuses WHERE set_id = ? LIMIT ?)',
    )
    .run(setId, limit).changes;
}

/** The photos of a set whose status asked for the consent of someone who has a newer consent version. */
export function stalePhotos(db: ReadableDb, setId: number): string[] {
  return db
    .prepare(
      `SELECT DISTINCT p.photo_hash FROM decision_status_people p
       JOIN decision_stale_people s ON s.set_id = p.set_id AND s.person_id = p.person_id
       JOIN decision_statuses d ON d.set_id = p.set_id AND d.photo_hash = p.photo_hash
       WHERE p.set_id = ? AND d.generation <= s.generation`,
    )
    .pluck()
    .all(setId) as string[];
}

export function hasStalePeople(db: ReadableDb, setId: number): boolean {
  return db.prepare('SELECT 1 FROM decision_stale_people WHERE set_id = ? LIMIT 1').get(setId) !== undefined;
}

export function clearStalePeople(db: WritableDb, setId: number): void {
  db.prepare('DELETE FROM decision_stale_people WHERE set_id = ?').run(setId);
}

/** Keeps statuses decided on the state with change count `generation`, with the people they asked consent for. */
export function keepStatuses(
  db: WritableDb,
  setId: number,
  generation: number,
  statuses: ReadonlyArray<{
    readonly photoHash: string;
    readonly status: DecisionStatus;
    readonly free: SettingsFreeStatus;
    readonly people: readonly number[];
  }>,
): void {
  const status = db.prepare(
    `INSERT OR REPLACE INTO decision_statuses (set_id, photo_hash, status, generation, open, hidden_people,
       largest_hidden) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const person = db.prepare(
    'INSERT OR IGNORE INTO decision_status_people (set_id, photo_hash, person_id) VALUES (?, ?, ?)',
  );
  const forget = db.prepare('DELETE FROM decision_status_people WHERE set_id = ? AND photo_hash = ?');
  for (const item of statuses) {
    forget.run(setId, item.photoHash);
    const { fixed, hiddenPeople, largestHidden } = item.free;
    status.run(setId, item.photoHash, item.status, generation, fixed ? 0 : 1, hiddenPeople, largestHidden);
    for (const personId of item.people) person.run(setId, item.photoHash, personId);
  }
}

/** The least recently used sets beyond `maxStatuses` kept statuses in all (the newest set always stays). */
export function setsBeyond(db: ReadableDb, maxStatuses: number): number[] {
  const sizes = db
    .prepare(
      `SELECT s.id, (SELECT count(*) FROM decision_statuses d WHERE d.set_id = s.id) AS n
       FROM decision_sets s ORDER BY s.used_at DESC, s.id DESC`,
    )
    .all() as Array<{ id: number; n: number }>;
  let total = 0;
  return sizes
    .filter(({ n }, i) => {
      total += n;
      return i > 0 && total > maxStatuses;
    })
    .map(({ id }) => id);
}

/** Deletes a set whose statuses are gone (its stale-people marks go with it). */
export function deleteDecisionSet(db: WritableDb, setId: number): void {
  db.prepare('DELETE FROM decision_stale_people WHERE set_id = ?').run(setId);
  db.prepare('DELETE FROM decision_sets WHERE id = ?').run(setId);
}

/** The photos whose decision inputs changed at or after change count `generation` (migration 013). */
export function photosChangedSince(db: ReadableDb, generation: number): string[] {
  return db
    .prepare('SELECT photo_hash FROM decision_photo_changes WHERE generation >= ?')
    .pluck()
    .all(generation) as string[];
}
