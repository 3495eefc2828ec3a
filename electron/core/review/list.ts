// The review list of an event (or of chosen photos of it): every face and region as an item to name, grouped by
// photo in time order with the photos that still have a face to name first, each with the decision it leads to,
// and "the same person?" offered where a burst puts a named box at nearly the same place (geometry only).
import { displayName } from '../../../shared/consent';
import type { Box } from '../../../shared/geometry';
import { effectiveRegions, type PersonRef, type PhotoRegion, type RegionMatchStatus } from '../../../shared/people';
import type { Decision } from '../../../shared/policy';
import {
  burstDistance,
  countsOf,
  findBursts,
  sameBurstPlace,
  type BurstOffer,
  type EventReview,
  type ReviewItem,
  type ReviewPhoto,
} from '../../../shared/review';
import { clipCounts } from '../../../shared/reviewClips';
import type { ReadableDb } from '../db';
import { eventPhotoSummaries, listPicks, photoHashesOfEvent, type EventPhotoSummary } from '../library';
import { currentPeopleDirectory, eventClasses, namesOnPhotos, regionsOfPhotos, type PeopleDirectory } from '../people';
import { decideMany, decisionContext, selectPhotos } from '../publish';
import { reviewStateOfRegion } from './actions';
import { reviewClips } from './clips';
import { requireEvent } from './roster';

export interface ReviewQuery {
  readonly eventId: number;
  /** The channel and date decisions are shown for; without a channel, no decisions (the CLI's plain listing). */
  readonly channelId?: string | undefined;
  readonly date?: string | undefined;
  /** The event's picks only, or every photo; by default its picks when it has any. */
  readonly scope?: 'picks' | 'event' | undefined;
}

function identify(
  directory: PeopleDirectory,
  region: PhotoRegion,
  classes: readonly string[],
): { status: RegionMatchStatus; person: PersonRef | null } {
  const ref = (id: number): PersonRef | null => {
    const person = directory.people.get(id);
    return person ? { personId: id, name: displayName(person), className: person.className ?? null } : null;
  };
  if (region.personId !== null) return { status: 'linked', person: ref(region.personId) };
  if (!region.name.trim()) return { status: 'unknown', person: null };
  const match = directory.index.match(
    region.name,
    { classHint: region.classHint, eventClasses: classes },
    {
      suggest: false,
    },
  );
  if (match.status === 'matched') return { status: 'matched', person: ref(match.personId) };
  return { status: match.status, person: null };
}

/** The regions a review shows: those that count, and the faces a user called "not a person" (to undo). */
function reviewedRegions(regions: readonly PhotoRegion[]): PhotoRegion[] {
  const counted = new Set(effectiveRegions(regions));
  return regions.filter((region) => counted.has(region) || (region.dismissedAt !== null && region.box !== null));
}

function toItem(directory: PeopleDirectory, region: PhotoRegion, classes: readonly string[]): ReviewItem {
  const state = reviewStateOfRegion(region).kind;
  const { status, person } = identify(directory, region, classes);
  const unresolved = status === 'unknown' || status === 'ambiguous' || status === 'unmatched';
  return {
    regionId: region.id,
    photoHash: region.photoHash,
    box: region.box,
    source: region.source,
    tagName: region.name,
    state,
    status,
    person: state === 'guest' ? null : person,
    needsName: state === 'open' && unresolved && region.kind !== 'pet',
    offer: null,
    visibility: null,
  };
}

/** Faces still to name first, then left to right (boxes), then names without a box. */
function itemOrder(a: ReviewItem, b: ReviewItem): number {
  return (
    Number(b.needsName) - Number(a.needsName) ||
    Number(a.box === null) - Number(b.box === null) ||
    (a.box && b.box ? a.box.x - b.box.x : 0) ||
    a.regionId - b.regionId
  );
}

/**
 * "The same person?" for the faces still to name in a photo, from the named boxes of the previous photo of its
 * burst: nearest pairs first, each face and each named box used once, nobody offered twice in one photo.
 */
export function burstOffers(current: readonly ReviewItem[], previous: readonly ReviewItem[]): Map<number, BurstOffer> {
  const named = previous.filter(
    (item): item is ReviewItem & { box: Box; person: PersonRef } =>
      item.box !== null && item.person !== null && item.state !== 'notAPerson' && item.state !== 'guest',
  );
  const open = current.filter((item): item is ReviewItem & { box: Box } => item.needsName && item.box !== null);
  const taken = new Set(current.flatMap((item) => (item.person && !item.needsName ? [item.person.personId] : [])));
  const pairs: Array<{ face: number; from: (typeof named)[number]; distance: number }> = [];
  for (const face of open)
    for (const from of named)
      if (sameBurstPlace(face.box, from.box))
        pairs.push({ face: face.regionId, from, distance: burstDistance(face.box, from.box) });
  pairs.sort((a, b) => a.distance - b.distance);
  const offers = new Map<number, BurstOffer>();
  const usedBoxes = new Set<number>();
  for (const pair of pairs) {
    if (offers.has(pair.face) || usedBoxes.has(pair.from.regionId) || taken.has(pair.from.person.personId)) continue;
    offers.set(pair.face, { fromRegionId: pair.from.regionId, person: pair.from.person });
    usedBoxes.add(pair.from.regionId);
    taken.add(pair.from.person.personId);
  }
  return offers;
}

/** What every review of an event works from: its photos in scope with their bursts, the names' classes, the people. */
export interface ReviewBasis {
  readonly event: { readonly id: number; readonly name: string };
  readonly picks: number;
  readonly scope: 'picks' | 'event';
  /** The photos in scope, in time order. */
  readonly photos: readonly EventPhotoSummary[];
  readonly bursts: ReturnType<typeof findBursts>;
  readonly directory: PeopleDirectory;
  readonly classes: readonly string[];
}

export function reviewBasis(db: ReadableDb, query: ReviewQuery): ReviewBasis {
  const event = requireEvent(db, query.eventId);
  const all = eventPhotoSummaries(db, query.eventId);
  const picks = listPicks(db, query.eventId);
  const scope = query.scope ?? (picks.length > 0 ? 'picks' : 'event');
  const picked = new Set(picks);
  const photos = scope === 'picks' ? all.filter((photo) => picked.has(photo.hash)) : all;
  const directory = currentPeopleDirectory(db);
  const classes = eventClasses(directory, namesOnPhotos(db, photoHashesOfEvent(db, query.eventId)));
  return { event, picks: picks.length, scope, photos, bursts: findBursts(photos), directory, classes };
}

/** The decisions for these photos on the query's channel and date (none without a channel). */
export function decisionsOf(
  db: ReadableDb,
  query: ReviewQuery,
  basis: ReviewBasis,
  hashes: readonly string[],
): Map<string, Decision> {
  if (!query.channelId || !query.date || hashes.length === 0) return new Map();
  const context = decisionContext(db, query.channelId, query.date);
  // The event's classes are worked out already (the same way): the context need not ask again.
  context.classes.set(basis.event.id, [...basis.classes]);
  return new Map(
    decideMany(db, context, selectPhotos(db, { photoHashes: hashes })).map(({ photo, decision }) => [
      photo.hash,
      decision,
    ]),
  );
}

/** The items of one photo before offers and decisions. */
export function itemsOfPhoto(basis: ReviewBasis, regions: readonly PhotoRegion[]): ReviewItem[] {
  return reviewedRegions(regions).map((region) => toItem(basis.directory, region, basis.classes));
}

/** One photo of the review: its items with the burst's offers (from the previous photo's items) and the decision. */
export function reviewPhoto(
  basis: ReviewBasis,
  index: number,
  ownItems: readonly ReviewItem[],
  previousItems: readonly ReviewItem[] | null,
  decision: Decision | undefined,
): ReviewPhoto {
  const photo = basis.photos[index]!;
  let items = [...ownItems];
  if (previousItems !== null) {
    const offers = burstOffers(items, previousItems);
    items = items.map((item) => (offers.has(item.regionId) ? { ...item, offer: offers.get(item.regionId)! } : item));
  }
  if (decision) {
    const hidden = new Set(decision.hidden.map((region) => region.regionId));
    const visible = new Set(decision.visible.flatMap((person) => person.regionIds));
    items = items.map((item) => ({
      ...item,
      visibility: visible.has(item.regionId) ? 'visible' : hidden.has(item.regionId) ? 'hidden' : null,
    }));
  }
  return {
    photoHash: photo.hash,
    fileName: photo.path.split(/[\\/]/).pop() ?? '',
    takenAt: photo.takenAt,
    width: photo.displayWidth,
    height: photo.displayHeight,
    burst: basis.bursts[index]!.burst,
    decision: decision?.status ?? null,
    items: items.sort(itemOrder),
  };
}

export function eventReview(db: ReadableDb, query: ReviewQuery): EventReview {
  const basis = reviewBasis(db, query);
  const hashes = basis.photos.map((photo) => photo.hash);
  const regions = regionsOfPhotos(db, hashes);
  const decisions = decisionsOf(db, query, basis, hashes);
  const itemsPerPhoto = basis.photos.map((photo) => itemsOfPhoto(basis, regions.get(photo.hash) ?? []));
  const reviewPhotos = basis.photos.map((photo, index) => {
    const previous = basis.bursts[index]!.previous;
    return reviewPhoto(
      basis,
      index,
      itemsPerPhoto[index]!,
      previous === null ? null : itemsPerPhoto[previous]!,
      decisions.get(photo.hash),
    );
  });
  const open = (photo: ReviewPhoto) => photo.items.some((item) => item.needsName);
  const ordered = [...reviewPhotos.filter(open), ...reviewPhotos.filter((photo) => !open(photo))];
  // Clips are not picked: they are in the review whichever photos it takes.
  const clips = reviewClips(db, basis.event.id, basis.directory);
  const photoCounts = countsOf(ordered);
  const tracks = clipCounts(clips);
  return {
    eventId: basis.event.id,
    eventName: basis.event.name,
    scope: basis.scope,
    picks: basis.picks,
    photos: ordered,
    clips,
    counts: { ...photoCounts, open: photoCounts.open + tracks.open, faces: photoCounts.faces + tracks.faces },
  };
}
