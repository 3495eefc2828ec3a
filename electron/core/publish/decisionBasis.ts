// Each photo's status basis (shared/policyStatus.ts: who may show it and what blocks it, without consent answers or
// settings) for the events the decision worker was asked about last, kept in its memory: a question on a channel
// never asked about, or asked again after a setting changed, needs only the consent answers and a loop over the
// photos, not every photo's regions read and matched again. A photo's basis is worked out again when its inputs
// changed (migration 013 notes them), all of them when the people or the event's classes changed.
import type { PolicyConsent } from '../../../shared/policy';
import { statusBasis, type StatusBasis } from '../../../shared/policyStatus';
import type { ReadableDb } from '../db';
import { chosenPhotos } from '../library';
import { decisionRegions, regionsOfPhotos, type PeopleDirectory } from '../people';
import { classesOfEvent, type DecisionContext } from './decisions';
import { photosChangedSince } from './decisionStoreRepository';

export interface PhotoBasis {
  readonly basis: StatusBasis;
  /** The people whose consent the photo's decision asks for (as decideOne asks, in the same order). */
  readonly consulted: readonly number[];
}

export interface EventBasis {
  readonly directory: PeopleDirectory;
  /** The change count every basis here is current at. */
  generation: number;
  /** The classes per event the photos were identified with. */
  readonly classes: Map<number, string[]>;
  readonly photos: Map<string, PhotoBasis>;
}

/** Events whose bases are kept (about 100 bytes a photo). */
const KEPT_EVENTS = 8;
/** Photos whose regions are read at a time. */
const BATCH = 2000;
/** What the basis is worked out with in place of a consent answer: it reads none. */
const NOT_ASKED: PolicyConsent = { status: 'none', recordId: null };

function sameClasses(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
}

export class DecisionBases {
  private readonly events = new Map<number, EventBasis>();

  /**
   * @param usedAbove More photos than this to decide at once, and the bases answer; fewer are decided one by one
   * (reading a few photos' regions costs less than bringing every basis up to date).
   */
  constructor(readonly usedAbove = 200) {}

  /**
   * The basis of each of an event's photos (`hashes`, read with `context` and `generation` in the caller's
   * transaction): what changed since is worked out again first. Null when more than `budget` photos were still to be
   * worked out (as many as that were, and are kept for the next call).
   */
  current(
    db: ReadableDb,
    context: DecisionContext,
    eventId: number,
    hashes: readonly string[],
    generation: number,
    budget = Infinity,
  ): EventBasis | null {
    let event = this.events.get(eventId);
    if (event && (event.directory !== context.directory || !this.update(db, context, event, eventId, hashes))) {
      event = undefined;
    }
    event ??= { directory: context.directory, generation, classes: new Map(), photos: new Map() };
    event.generation = generation;
    this.events.delete(eventId);
    this.events.set(eventId, event);
    for (const old of this.events.keys()) {
      if (this.events.size <= KEPT_EVENTS) break;
      this.events.delete(old);
    }
    const missing = hashes.filter((hash) => !event.photos.has(hash));
    this.workOut(db, context, event, missing.slice(0, budget));
    return missing.length > budget ? null : event;
  }

  /** Forgets the bases of the photos changed since the event's count; false when the classes changed (forget all). */
  private update(
    db: ReadableDb,
    context: DecisionContext,
    event: EventBasis,
    eventId: number,
    hashes: readonly string[],
  ): boolean {
    const changed = photosChangedSince(db, event.generation);
    if (changed.length === 0) return true;
    const own = new Set(hashes);
    const touched = changed.filter((hash) => own.has(hash) || event.photos.has(hash));
    // The classes of another event (a photo whose first file is there) rest on photos not followed here.
    const foreign = [...event.classes.keys()].some((id) => id !== eventId);
    if (touched.length === 0 && !foreign) return true;
    const fresh: DecisionContext = { ...context, classes: new Map() };
    for (const [id, classes] of event.classes) {
      if (!sameClasses(classes, classesOfEvent(db, fresh, id))) return false;
    }
    for (const hash of touched) event.photos.delete(hash);
    return true;
  }

  /** Works out the basis of the given photos as decideOne would identify their people. */
  private workOut(db: ReadableDb, context: DecisionContext, event: EventBasis, hashes: readonly string[]): void {
    const asking: DecisionContext = { ...context, classes: event.classes, consulted: undefined };
    for (let start = 0; start < hashes.length; start += BATCH) {
      const batch = hashes.slice(start, start + BATCH);
      const regions = regionsOfPhotos(db, batch);
      for (const photo of chosenPhotos(db, batch)) {
        const consulted = new Set<number>();
        const lookup = (personId: number): PolicyConsent => {
          consulted.add(personId);
          return NOT_ASKED;
        };
        const people = decisionRegions(
          context.directory,
          regions.get(photo.hash) ?? [],
          classesOfEvent(db, asking, photo.eventId),
          lookup,
        );
        event.photos.set(photo.hash, {
          basis: statusBasis({ regions: people, facesChecked: photo.facesChecked, review: photo.reviewReasons }),
          consulted: [...consulted],
        });
      }
    }
  }
}
