// The library's counts from kept decision statuses (migrations 008, 011): each photo's status per channel, day and
// event, decided by decideOne like every other decision (or from the worker's status bases, the same status) and kept
// in the database as far as it does not rest on the settings, which it is put under when read. Triggers throw a
// status away when anything it rests on changes (its photo, its regions, a person it asked consent for, the people,
// the channel) and count the change; here only what is missing is decided again, and kept only if nothing was
// counted meanwhile. Runs in the decision worker, on its own connection.
import { countByStatus, DEFAULT_CHANNEL_ID, type StatusCounts } from '../../../shared/decisionFilter';
import { AppError } from '../../../shared/errors';
import type { DecisionStatus } from '../../../shared/policy';
import type { WritableDb } from '../db';
import { chosenPhotos, eventExists, eventIds, photoHashesOfEvent } from '../library';
import { regionsOfPhotos } from '../people';
import {
  settingsFreeFromBasis,
  settingsFreeOf,
  statusUnderSettings,
  type SettingsFreeStatus,
} from '../../../shared/policyStatus';
import type { DecisionBases } from './decisionBasis';
import { classesOfEvent, consentAnswer, decideOne, decisionContext, type DecisionContext } from './decisions';
import {
  clearStalePeople,
  decisionGeneration,
  decisionSets,
  deleteDecisionSet,
  deleteSomeStatuses,
  findDecisionSet,
  hasStalePeople,
  keepStatuses,
  keptStatuses,
  saveDecisionSet,
  setsBeyond,
  stalePhotos,
  touchDecisionSet,
  type DecisionSet,
  type DecisionSetKey,
} from './decisionStoreRepository';
import type { EventDecisionQuery } from './eventDecisions';

/** Kept statuses in all (least recently used sets go first): about 10 MB of database. */
const MAX_KEPT_STATUSES = 200_000;
/** Photos whose regions are read at a time while deciding. */
const DECIDE_BATCH = 2000;
/** Statuses kept, or deleted, per transaction: each holds the database's write lock for a few milliseconds. */
const KEEP_BATCH = 1000;
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

interface Decided {
  readonly photoHash: string;
  /** Under the settings it was decided with. */
  readonly status: DecisionStatus;
  /** As far as it does not rest on the settings: what is kept. */
  readonly free: SettingsFreeStatus;
  readonly people: readonly number[];
}

/** What one look at the database decided: the counts, and what is to be kept. */
export interface DecidedCounts {
  /** Null when a limit left photos undecided. */
  readonly counts: StatusCounts | null;
  /** The photos decided now, to keep; empty when every status was kept. */
  readonly decided: readonly Decided[];
  readonly key: DecisionSetKey;
  /** The set as it was; null when new. */
  readonly set: DecisionSet | null;
  /** Whether the kept statuses of the set are to go first (void, or the classes they were decided with changed). */
  readonly clear: boolean;
  /** Whether the set has stale-people marks to clear once the photos they touch are kept again. */
  readonly staleMarks: boolean;
  readonly classes: Classes;
  /** The triggers' change count the decisions were made at. */
  readonly generation: number;
}

/**
 * The counts of an event's photos on a channel and day, from the statuses kept and, for the photos without one,
 * decided here (at most `limit` of them): all read in one transaction, so on one state of the database. Writes
 * nothing. With `bases` (the worker's), a photo without a kept status takes its status from its kept basis, the same
 * status decideOne gives (shared/policyStatus.ts).
 */
export function decideMissing(
  db: WritableDb,
  query: EventDecisionQuery,
  limit = Infinity,
  bases?: DecisionBases,
): DecidedCounts {
  return db
    .transaction((): DecidedCounts => {
      const generation = decisionGeneration(db);
      const context = decisionContext(db, query.channelId, query.date);
      if (!eventExists(db, query.eventId)) throw new AppError('publish.eventUnknown', { event: query.eventId });
      const key = { channelId: query.channelId, day: query.date, eventId: query.eventId };
      const hashes = photoHashesOfEvent(db, query.eventId);
      const set = findDecisionSet(db, key);
      // A void set (the people or the channel changed) is decided again whole. The settings void nothing: a kept
      // status is put under the settings of the moment.
      let clear = set !== null && !set.current;
      let kept = set && !clear ? keptStatuses(db, set.id) : new Map<string, SettingsFreeStatus>();
      const staleMarks = set !== null && hasStalePeople(db, set.id);
      // Statuses that asked for the consent of someone with a new consent version since: decided again.
      if (set && staleMarks && !clear) for (const hash of stalePhotos(db, set.id)) kept.delete(hash);
      // Few to decide: one by one. Many: from the bases, which carry the event's current classes.
      const many = bases !== undefined && hashes.length - kept.size > bases.usedAbove;
      const basis = many ? bases.current(db, context, query.eventId, hashes, generation, limit) : null;
      if (basis) for (const [eventId, classes] of basis.classes) context.classes.set(eventId, [...classes]);

      if (set && clear) {
        // Nothing kept to seed or check: the classes are worked out again as the photos are decided.
      } else if (set && (!set.classesCurrent || basis)) {
        // A photo or a person changed: the classes that settle ambiguous names may have too.
        for (const [eventId] of set.classes) classesOfEvent(db, context, eventId);
        if (!sameClasses(set.classes, classesOf(context))) {
          kept = new Map();
          clear = true;
        }
      } else if (set) {
        for (const [eventId, classes] of set.classes) context.classes.set(eventId, [...classes]);
      }

      const decided: Decided[] = [];
      const missing = hashes.filter((hash) => !kept.has(hash));
      if (basis) {
        const consent = (personId: number) => consentAnswer(db, context, personId);
        for (const hash of missing.slice(0, limit)) {
          const { basis: photo, consulted } = basis.photos.get(hash)!;
          const free = settingsFreeFromBasis(photo, consent);
          decided.push({
            photoHash: hash,
            status: statusUnderSettings(free, context.settings),
            free,
            people: consulted,
          });
          kept.set(hash, free);
        }
      } else if (!many) {
        const consulted = new Set<number>();
        const asking: DecisionContext = { ...context, consulted };
        const photos = chosenPhotos(db, missing.slice(0, limit));
        for (let start = 0; start < photos.length; start += DECIDE_BATCH) {
          const batch = photos.slice(start, start + DECIDE_BATCH);
          const regions = regionsOfPhotos(
            db,
            batch.map((photo) => photo.hash),
          );
          for (const photo of batch) {
            consulted.clear();
            const decision = decideOne(db, asking, photo, regions.get(photo.hash) ?? []);
            const free = settingsFreeOf(decision);
            decided.push({ photoHash: photo.hash, status: decision.status, free, people: [...consulted] });
            kept.set(photo.hash, free);
          }
        }
      }
      // Left undecided: by a limit, or while the bases are still being worked out (a step of the background work).
      const complete = (!many || basis !== null) && missing.length <= limit;
      const counts = complete
        ? countByStatus(hashes.map((hash) => ({ status: statusUnderSettings(kept.get(hash)!, context.settings) })))
        : null;
      return { counts, decided, key, set, clear, staleMarks, classes: classesOf(context), generation };
    })
    .deferred();
}

/**
 * Keeps what decideMissing decided, a batch per short transaction (the main process never waits long for the
 * database), each only while no change was counted since the decisions were made. Returns whether all was kept.
 */
export function keepDecided(db: WritableDb, result: DecidedCounts, now: Date = new Date()): boolean {
  const { set } = result;
  if (set && set.current && set.classesCurrent && !result.staleMarks && result.decided.length === 0) {
    if (now.getTime() - Date.parse(set.usedAt) > TOUCH_AFTER_MS) {
      db.transaction(() => touchDecisionSet(db, set.id, now.toISOString())).immediate();
    }
    return true;
  }
  // What is void goes first, a batch at a time; the set stays void (or its classes unchecked) until kept again.
  if (set && result.clear) clearSet(db, set.id);
  let setId: number | null = null;
  for (let start = 0; start === 0 || start < result.decided.length; start += KEEP_BATCH) {
    const last = start + KEEP_BATCH >= result.decided.length;
    const kept = db
      .transaction(() => {
        if (decisionGeneration(db) !== result.generation) return false;
        setId ??= saveDecisionSet(db, result.key, result.classes, now.toISOString());
        keepStatuses(db, setId, result.generation, result.decided.slice(start, start + KEEP_BATCH));
        // Every void status decided again (none left undecided by a limit): the marks have done their work.
        if (last && result.counts !== null) clearStalePeople(db, setId);
        return true;
      })
      .immediate();
    if (!kept) return false;
  }
  for (const old of setsBeyond(db, MAX_KEPT_STATUSES)) {
    clearSet(db, old);
    db.transaction(() => deleteDecisionSet(db, old)).immediate();
  }
  return true;
}

function clearSet(db: WritableDb, setId: number): void {
  while (db.transaction(() => deleteSomeStatuses(db, setId, KEEP_BATCH)).immediate() > 0) {
    // Each batch in its own transaction.
  }
}

/**
 * The counts per status of an event's photos on a channel and day, from what is kept; what is missing is decided
 * and kept. When the database changed meanwhile, the counts decided are answered (they were right when asked) and
 * only what was kept before the change stays; the next question decides the rest.
 */
export function keptCounts(
  db: WritableDb,
  query: EventDecisionQuery,
  now: Date = new Date(),
  bases?: DecisionBases,
): KeptCounts {
  const result = decideMissing(db, query, Infinity, bases);
  const kept = keepDecided(db, result, now);
  return { counts: result.counts!, decided: result.decided.length, kept };
}

/**
 * Decides and keeps at most `limit` of an event's missing statuses (a step of the worker's background work, short
 * enough for a question to be answered soon after). Returns whether the set is complete and kept.
 */
export function keepSome(db: WritableDb, query: EventDecisionQuery, limit: number, bases?: DecisionBases): boolean {
  const result = decideMissing(db, query, limit, bases);
  // A step that only worked out bases: nothing to keep yet.
  if (result.counts === null && result.decided.length === 0) return false;
  return keepDecided(db, result) && result.counts !== null;
}

/**
 * Brings up to date at most `limit` of the bases of an event's photos (a step of the worker's background work, so
 * that a question on a new channel or after a setting changed finds them ready). Returns whether all are.
 */
export function keepBasesWarm(db: WritableDb, query: EventDecisionQuery, limit: number, bases: DecisionBases): boolean {
  return db
    .transaction((): boolean => {
      const generation = decisionGeneration(db);
      const context = decisionContext(db, query.channelId, query.date);
      if (!eventExists(db, query.eventId)) return true;
      const hashes = photoHashesOfEvent(db, query.eventId);
      return bases.current(db, context, query.eventId, hashes, generation, limit) !== null;
    })
    .deferred();
}

/**
 * What to bring up to date after a change or when the day changes, most recently used first: the kept sets, then
 * every event for the channels in use (the library's first channel when none is) on their days and today, so that
 * the library's first question about a newly indexed event finds its statuses kept.
 */
export function queriesToKeep(db: WritableDb, today: string): EventDecisionQuery[] {
  const sets = decisionSets(db);
  const queries: EventDecisionQuery[] = sets.map((set) => ({
    channelId: set.channelId,
    date: set.day,
    eventId: set.eventId,
  }));
  const targets = sets.length > 0 ? sets.slice(0, 4) : [{ channelId: DEFAULT_CHANNEL_ID, day: today }];
  const events = eventIds(db);
  for (const { channelId, day } of targets) {
    for (const date of [today, day]) {
      for (const eventId of events) queries.push({ channelId, date, eventId });
    }
  }
  const unique = new Map(
    queries.map((query) => [`${query.channelId}\u0000${query.date}\u0000${query.eventId}`, query]),
  );
  return [...unique.values()];
}
