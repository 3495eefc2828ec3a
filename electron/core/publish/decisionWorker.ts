// The decision worker thread (started by decisionService.ts): an event's decisions worked out on its own connection
// to the database, so that deciding 20,000 photos never stalls the app's main process. It writes only the kept
// decision statuses (decisionStore.ts), which the library's counts are read from.
import { parentPort, workerData } from 'node:worker_threads';
import { toSerializedError, type SerializedError } from '../../../shared/errors';
import { localDay } from '../../../shared/consent';
import { dataVersion, openSecondConnection, type ReadOnlyAccess } from '../db';
import { DecisionBases } from './decisionBasis';
import { decideMissing, keepBasesWarm, keepDecided, keepSome, queriesToKeep } from './decisionStore';
import { EventDecisions } from './eventDecisions';
import type { DecisionPage, DecisionPageQuery, EventDecisionQuery } from './eventDecisions';
import type { DecisionFilter, StatusCounts } from '../../../shared/decisionFilter';

export interface DecisionWorkerData {
  readonly database: ReadOnlyAccess;
}

export type DecisionRequest =
  | { readonly id: number; readonly kind: 'counts'; readonly query: EventDecisionQuery }
  | { readonly id: number; readonly kind: 'page'; readonly query: DecisionPageQuery }
  | {
      readonly id: number;
      readonly kind: 'hashes';
      readonly query: EventDecisionQuery & { readonly filter: DecisionFilter };
    }
  /** Answered once the worker has nothing left to bring up to date (for tests and the bench). */
  | { readonly id: number; readonly kind: 'settled' };

export type DecisionAnswer = StatusCounts | DecisionPage | string[] | null;

export type DecisionReply =
  | { readonly id: number; readonly ok: true; readonly value: DecisionAnswer }
  | { readonly id: number; readonly ok: false; readonly error: SerializedError; readonly detail: string };

if (!parentPort) throw new Error('decisionWorker.ts runs only as a worker thread');
const port = parentPort;
const data = workerData as DecisionWorkerData;
const db = openSecondConnection(data.database);
// Its own writes (the kept statuses) do not change its data_version: summaries stay kept across them.
const decisions = new EventDecisions(db, true);
// Each photo's status basis for the events asked about last: a new channel or a changed setting is answered from them.
const bases = new DecisionBases();
/** Events whose bases are kept warm in the background (the most recently asked first). */
const WARM_EVENTS = 4;

// Decisions kept up to date on change: once the database has been quiet for a moment after a change (an import, a
// finished job), what is kept is worked out again here, one event at a time (a question in between is answered
// first), so the library's next question finds it ready. While changes keep coming (indexing), nothing is redone.
const QUIET_MS = 500;
/** Photos decided per step of background work: a question waits for one step at most. */
const STEP_PHOTOS = 1000;
let seenVersion = dataVersion(db);
let seenDay = localDay(new Date());
// At start, what is kept is brought up to date (the app may have been closed over a change or a night).
let changedAt: number | null = Date.now() - QUIET_MS;
let refreshing: ReturnType<typeof setImmediate> | null = null;

const settledWaiters: number[] = [];

/** Answers the 'settled' questions when nothing is left to do. */
function settle(): void {
  if (refreshing !== null || changedAt !== null || dataVersion(db) !== seenVersion) return;
  for (const id of settledWaiters.splice(0)) port.postMessage({ id, ok: true, value: null } satisfies DecisionReply);
}

function refresh(): void {
  const queries = queriesToKeep(db, seenDay);
  // Then the bases of the events asked about last, one query per event.
  const warm = [...new Map(queries.map((query) => [query.eventId, query])).values()].slice(0, WARM_EVENTS);
  const version = dataVersion(db);
  const step = () => {
    const query = queries.shift();
    const warming = query ? null : warm.shift();
    // A change meanwhile: stop here; the next quiet moment starts again from what is then kept.
    if ((!query && !warming) || dataVersion(db) !== version) {
      refreshing = null;
      settle();
      return;
    }
    try {
      // Not complete yet: the same event again in the next step.
      if (query && !keepSome(db, query, STEP_PHOTOS, bases)) queries.unshift(query);
      if (warming && !keepBasesWarm(db, warming, STEP_PHOTOS, bases)) warm.unshift(warming);
    } catch {
      // A retired channel or a removed event: nothing to keep; a question about it gets the error itself.
    }
    refreshing = setImmediate(step);
    refreshing.unref();
  };
  decisions.refreshKept();
  step();
}

setInterval(() => {
  const version = dataVersion(db);
  const day = localDay(new Date());
  if (day !== seenDay) {
    // A new day: the library asks about today; its statuses are its own (consent may have taken effect).
    seenDay = day;
    changedAt ??= Date.now() - QUIET_MS;
  }
  if (version !== seenVersion) {
    seenVersion = version;
    changedAt = Date.now();
  } else if (changedAt !== null && refreshing === null && Date.now() - changedAt >= QUIET_MS) {
    changedAt = null;
    refresh();
  }
  settle();
}, QUIET_MS / 2).unref();

/** Work to do once a question is answered (keeping what was decided for it). */
let afterAnswer: (() => void) | null = null;

function answer(request: DecisionRequest): DecisionAnswer {
  switch (request.kind) {
    case 'counts': {
      const result = decideMissing(db, request.query, Infinity, bases);
      // Kept after the answer is on its way: the counts were right when asked whether or not they are kept.
      afterAnswer = () => keepDecided(db, result);
      return result.counts;
    }
    case 'page':
      return decisions.page(request.query);
    case 'hashes':
      return decisions.filteredHashes(request.query);
    case 'settled':
      return null;
  }
}

port.on('message', (request: DecisionRequest) => {
  if (request.kind === 'settled') {
    settledWaiters.push(request.id);
    settle();
    return;
  }
  let reply: DecisionReply;
  try {
    reply = { id: request.id, ok: true, value: answer(request) };
  } catch (error) {
    reply = {
      id: request.id,
      ok: false,
      error: toSerializedError(error),
      detail: error instanceof Error ? error.message : String(error),
    };
  }
  port.postMessage(reply);
  const after = afterAnswer;
  afterAnswer = null;
  try {
    after?.();
  } catch {
    // Not kept: the next question decides them again.
  }
});
