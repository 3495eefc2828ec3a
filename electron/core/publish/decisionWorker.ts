// The decision worker thread (started by decisionService.ts): an event's decisions worked out on its own connection
// to the database, so that deciding 20,000 photos never stalls the app's main process. It writes only the kept
// decision statuses (decisionStore.ts), which the library's counts are read from.
import { parentPort, workerData } from 'node:worker_threads';
import { toSerializedError, type SerializedError } from '../../../shared/errors';
import { localDay } from '../../../shared/consent';
import { dataVersion, openSecondConnection, type ReadOnlyAccess } from '../db';
import { keptCounts, queriesToKeep } from './decisionStore';
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
    };

export type DecisionAnswer = StatusCounts | DecisionPage | string[];

export type DecisionReply =
  | { readonly id: number; readonly ok: true; readonly value: DecisionAnswer }
  | { readonly id: number; readonly ok: false; readonly error: SerializedError; readonly detail: string };

if (!parentPort) throw new Error('decisionWorker.ts runs only as a worker thread');
const port = parentPort;
const data = workerData as DecisionWorkerData;
const db = openSecondConnection(data.database);
// Its own writes (the kept statuses) do not change its data_version: summaries stay kept across them.
const decisions = new EventDecisions(db, true);

// Decisions kept up to date on change: once the database has been quiet for a moment after a change (an import, a
// finished job), what is kept is worked out again here, one event at a time (a question in between is answered
// first), so the library's next question finds it ready. While changes keep coming (indexing), nothing is redone.
const QUIET_MS = 500;
let seenVersion = dataVersion(db);
let changedAt: number | null = Date.now() - QUIET_MS;
let refreshing: ReturnType<typeof setImmediate> | null = null;

function refresh(): void {
  const queries = queriesToKeep(db, localDay(new Date()));
  const step = () => {
    const query = queries.shift();
    if (!query || dataVersion(db) !== seenVersion) {
      refreshing = null;
      return;
    }
    try {
      keptCounts(db, query);
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
  if (version !== seenVersion) {
    seenVersion = version;
    changedAt = Date.now();
  } else if (changedAt !== null && refreshing === null && Date.now() - changedAt >= QUIET_MS) {
    changedAt = null;
    refresh();
  }
}, QUIET_MS / 2).unref();

function answer(request: DecisionRequest): DecisionAnswer {
  switch (request.kind) {
    case 'counts':
      return keptCounts(db, request.query).counts;
    case 'page':
      return decisions.page(request.query);
    case 'hashes':
      return decisions.filteredHashes(request.query);
  }
}

port.on('message', (request: DecisionRequest) => {
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
});
