// The library's counts from kept decision statuses (migration 005): each photo's status per channel, day and event,
// decided by decideOne like every other decision and kept in the database. Triggers throw a status away when
// anything it rests on changes (its photo, its regions, a person it asked consent for, the people, the settings, the
// channel); here only what is missing is decided again. Runs in the decision worker, on its own connection.
import { countByStatus, type StatusCounts } from '../../../shared/decisionFilter';
import { AppError } from '../../../shared/errors';
import type { DecisionStatus } from '../../../shared/policy';
import type { WritableDb } from '../db';
import { chosenPhotos, eventExists, eventIds, photoHashesOfEvent } from '../library';
import { regionsOfPhotos } from '../people';
import { classesOfEvent, decideOne, decisionContext, type DecisionContext } from './decisions';
import {
  clearStatuses,
  decisionSets,
  findDecisionSet,
  forgetOldDecisionSets,
  keepStatuses,
  keptStatuses,
  saveDecisionSet,
  touchDecisionSet,
  type DecisionSet,
} from './decisionStoreRepository';
import type { EventDecisionQuery } from './eventDecisions';

/** Kept statuses in all (least recently used sets go first): about 10 MB of database. */
const MAX_KEPT_STATUSES = 200_000;
/** Photos whose regions are read at a time while deciding. */
const DECIDE_BATCH = 2000;
/** A set's use time is written again at most this often (a count that finds everything kept writes nothing). */
const TOUCH_AFTER_MS = 60_000;

export interface KeptCounts {
  readonly counts: StatusCounts;
  /** Photos decided for this answer (0 when every status was kept). */
  readonly decided: number;
  /** Whether the statuses are kept now (false when the database changed while deciding). */
  readonly kept: boolean;
}

type Classes = DecisionSet['classes'];

function classesOf(context: DecisionContext): Classes {
  return [...context.classes.entries()].sort((a, b) => a[0] - b[0]);
}

function sameClasses(a: Classes, b: Classes): boolean {
  const canonical = (classes: Classes) => JSON.stringify(classes.map(([id, names]) => [id, [...names].sort()]));
  return canonical(a) === canonical(b);
}

function isSnapshotBusy(error: unknown): boolean {
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

interface Outcome {
  counts: StatusCounts;
  decided: number;
}

function upToDate(db: WritableDb, query: EventDecisionQuery, now: Date, computed: { value: Outcome | null }): Outcome {
  const context = decisionContext(db, query.channelId, query.date);
  if (!eventExists(db, query.eventId)) throw new AppError('publish.eventUnknown', { event: query.eventId });
  const key = { channelId: query.channelId, day: query.date, eventId: query.eventId };
  const hashes = photoHashesOfEvent(db, query.eventId);
  const set = findDecisionSet(db, key);
  let kept = set ? keptStatuses(db, set.id) : new Map<string, DecisionStatus>();
  let cleared = false;
  if (set && !set.classesCurrent) {
    // A photo or a person changed: the classes that settle ambiguous names may have too.
    for (const [eventId] of set.classes) classesOfEvent(db, context, eventId);
    if (!sameClasses(set.classes, classesOf(context))) {
      kept = new Map();
      cleared = true;
    }
  } else if (set) {
    for (const [eventId, classes] of set.classes) context.classes.set(eventId, [...classes]);
  }
  const missing = hashes.filter((hash) => !kept.has(hash));
  if (set && set.classesCurrent && missing.length === 0) {
    if (now.getTime() - Date.parse(set.usedAt) > TOUCH_AFTER_MS) touchDecisionSet(db, set.id, now.toISOString());
    return { counts: countByStatus(hashes.map((hash) => ({ status: kept.get(hash)! }))), decided: 0 };
  }

  const consulted = new Set<number>();
  const asking: DecisionContext = { ...context, consulted };
  const decided: Array<{ photoHash: string; status: DecisionStatus; people: number[] }> = [];
  const photos = chosenPhotos(db, missing);
  for (let start = 0; start < photos.length; start += DECIDE_BATCH) {
    const batch = photos.slice(start, start + DECIDE_BATCH);
    const regions = regionsOfPhotos(
      db,
      batch.map((photo) => photo.hash),
    );
    for (const photo of batch) {
      consulted.clear();
      const { status } = decideOne(db, asking, photo, regions.get(photo.hash) ?? []);
      decided.push({ photoHash: photo.hash, status, people: [...consulted] });
      kept.set(photo.hash, status);
    }
  }
  const outcome = {
    counts: countByStatus(hashes.map((hash) => ({ status: kept.get(hash)! }))),
    decided: decided.length,
  };
  computed.value = outcome;
  // The first write: if another connection committed since this transaction's first read, SQLite refuses it
  // (SQLITE_BUSY_SNAPSHOT) and nothing decided on the older state is kept.
  const setId = saveDecisionSet(db, key, classesOf(context), now.toISOString());
  if (cleared) clearStatuses(db, setId);
  keepStatuses(db, setId, decided);
  forgetOldDecisionSets(db, MAX_KEPT_STATUSES);
  return outcome;
}

/**
 * The counts per status of an event's photos on a channel and day, from what is kept; what is missing is decided
 * and kept, in one transaction on one snapshot of the database. When the database changed meanwhile, the counts of
 * that snapshot are answered (they were right when asked) and nothing is kept; the next question decides again.
 */
export function keptCounts(db: WritableDb, query: EventDecisionQuery, now: Date = new Date()): KeptCounts {
  for (let attempt = 0; ; attempt += 1) {
    const computed: { value: Outcome | null } = { value: null };
    try {
      const outcome = db.transaction(() => upToDate(db, query, now, computed)).deferred();
      return { ...outcome, kept: true };
    } catch (error) {
      if (!isSnapshotBusy(error) || computed.value === null) throw error;
      if (attempt >= 1) return { ...computed.value, kept: false };
    }
  }
}

/**
 * What to bring up to date after a change, most recently used first: the kept sets, then every event for the
 * channels and days in use and today, so that the library's first question about an event finds it kept.
 */
export function queriesToKeep(db: WritableDb, today: string): EventDecisionQuery[] {
  const sets = decisionSets(db);
  const queries: EventDecisionQuery[] = sets.map((set) => ({
    channelId: set.channelId,
    date: set.day,
    eventId: set.eventId,
  }));
  const events = eventIds(db);
  const seen = new Set<string>();
  for (const set of sets.slice(0, 4)) {
    for (const date of [set.day, today]) {
      if (seen.has(`${set.channelId}\u0000${date}`)) continue;
      seen.add(`${set.channelId}\u0000${date}`);
      for (const eventId of events) queries.push({ channelId: set.channelId, date, eventId });
    }
  }
  const unique = new Map(
    queries.map((query) => [`${query.channelId}\u0000${query.date}\u0000${query.eventId}`, query]),
  );
  return [...unique.values()];
}
