// The library's questions about an event's decisions for a channel and date: one page of the grid (with its
// filters), the hashes a filter keeps (the counts per status come from the kept statuses, decisionStore.ts). Asked
// in the decision worker (decisionWorker.ts); every answer comes from decideMany, so it is the same decision the
// export takes.
import {
  filtersDecisions,
  matchesFilter,
  summariseDecision,
  type DecisionFilter,
  type DecisionSummary,
} from '../../../shared/decisionFilter';
import { AppError } from '../../../shared/errors';
import type { Decision } from '../../../shared/policy';
import { dataVersion, type ReadableDb } from '../db';
import { chosenPhotosOfEvent, eventExists, listPicks, type ChosenPhoto } from '../library';
import { decideMany, decisionContext, type DecisionContext } from './decisions';

export interface EventDecisionQuery {
  readonly channelId: string;
  readonly date: string;
  readonly eventId: number;
}

export interface DecisionPageQuery extends EventDecisionQuery {
  readonly offset: number;
  readonly limit: number;
  readonly filter?: DecisionFilter | undefined;
}

export interface DecisionPage {
  /** Photos in the event. */
  readonly total: number;
  /** Photos the filter keeps (the total when there is no filter). */
  readonly matching: number;
  readonly offset: number;
  readonly items: Array<{ photoHash: string; decision: Decision }>;
}

interface EventSummaries {
  readonly query: EventDecisionQuery;
  readonly version: number;
  readonly photos: readonly ChosenPhoto[];
  readonly summaries: readonly DecisionSummary[];
  /** The context they were decided in (consent answers and the event's classes asked once), for a page's decisions. */
  readonly context: DecisionContext;
}

function keyOf(query: EventDecisionQuery): string {
  return `${query.channelId}\u0000${query.date}\u0000${query.eventId}`;
}

/** How many decisions are worked out at a time when a whole event is summarised: bounds what is held at once. */
const SUMMARY_BATCH = 2000;
/** Events whose summaries are kept (per channel and date). */
const KEPT_EVENTS = 8;

/**
 * Answers for one connection. With `keep`, the summaries of an event (status, names, untagged faces — what the
 * filters need) are kept until another connection commits a change (SQLite's data_version): only a connection that
 * writes no input of a decision itself, like the worker's (it writes only kept statuses), may keep them.
 */
export class EventDecisions {
  private readonly kept = new Map<string, EventSummaries>();

  constructor(
    private readonly db: ReadableDb,
    private readonly keep: boolean,
  ) {}

  private photosOf(eventId: number): ChosenPhoto[] {
    if (!eventExists(this.db, eventId)) throw new AppError('publish.eventUnknown', { event: eventId });
    return chosenPhotosOfEvent(this.db, eventId);
  }

  private summaries(query: EventDecisionQuery): EventSummaries {
    const key = keyOf(query);
    const version = dataVersion(this.db);
    const kept = this.kept.get(key);
    if (kept && kept.version === version) return kept;
    const context = decisionContext(this.db, query.channelId, query.date);
    const photos = this.photosOf(query.eventId);
    const summaries: DecisionSummary[] = [];
    for (let start = 0; start < photos.length; start += SUMMARY_BATCH) {
      for (const { decision } of decideMany(this.db, context, photos.slice(start, start + SUMMARY_BATCH))) {
        summaries.push(summariseDecision(decision));
      }
    }
    const result = { query, version, photos, summaries, context };
    if (this.keep) {
      this.kept.delete(key);
      this.kept.set(key, result);
      for (const old of this.kept.keys()) {
        if (this.kept.size <= KEPT_EVENTS) break;
        this.kept.delete(old);
      }
    }
    return result;
  }

  /**
   * Works out again what is kept and out of date (after another connection's change), most recently asked first:
   * the next question about it is answered at once.
   */
  refreshKept(): void {
    const version = dataVersion(this.db);
    const stale = [...this.kept.values()].filter((kept) => kept.version !== version).reverse();
    for (const kept of stale) {
      try {
        this.summaries(kept.query);
      } catch {
        // The event is gone, or the channel retired: forget it; a question about it gets the error itself.
        this.kept.delete(keyOf(kept.query));
      }
    }
  }

  /** The event's picks when the filter asks for them only (read fresh: a pick is not part of a decision). */
  private picksFor(eventId: number, filter: DecisionFilter): ReadonlySet<string> | null {
    return filter.picked ? new Set(listPicks(this.db, eventId)) : null;
  }

  /** The photos a filter keeps, in grid order. */
  filteredHashes(query: EventDecisionQuery & { readonly filter: DecisionFilter }): string[] {
    if (!filtersDecisions(query.filter)) {
      const photos = this.photosOf(query.eventId).map((photo) => photo.hash);
      const picked = this.picksFor(query.eventId, query.filter);
      return picked ? photos.filter((hash) => picked.has(hash)) : photos;
    }
    const { photos, summaries } = this.summaries(query);
    const picked = this.picksFor(query.eventId, query.filter);
    return photos
      .filter((photo, i) => matchesFilter(summaries[i]!, query.filter) && (!picked || picked.has(photo.hash)))
      .map((photo) => photo.hash);
  }

  /** One page of the grid: only the photos on it are decided in full (all of them only to filter). */
  page(query: DecisionPageQuery): DecisionPage {
    const filter = query.filter ?? {};
    let total: number;
    let chosen: readonly ChosenPhoto[];
    // Summaries kept and current: the event's photos and a context are at hand, no query needed but the page's.
    const kept = this.kept.get(keyOf(query));
    const current = kept && kept.version === dataVersion(this.db) ? kept : null;
    let context: DecisionContext | undefined = current?.context;
    if (filtersDecisions(filter)) {
      const { photos, summaries, context: decidedIn } = this.summaries(query);
      const picked = this.picksFor(query.eventId, filter);
      total = photos.length;
      chosen = photos.filter((photo, i) => matchesFilter(summaries[i]!, filter) && (!picked || picked.has(photo.hash)));
      context = decidedIn;
    } else {
      const photos = current?.photos ?? this.photosOf(query.eventId);
      const picked = this.picksFor(query.eventId, filter);
      total = photos.length;
      chosen = picked ? photos.filter((photo) => picked.has(photo.hash)) : photos;
    }
    const shown = chosen.slice(query.offset, query.offset + query.limit);
    context ??= decisionContext(this.db, query.channelId, query.date);
    return {
      total,
      matching: chosen.length,
      offset: query.offset,
      items: decideMany(this.db, context, shown).map(({ photo, decision }) => ({ photoHash: photo.hash, decision })),
    };
  }
}
