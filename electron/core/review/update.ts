// One naming step of the review and what it changed, bounded by a photo rather than the event: the region's photo
// and the next photo of its burst (its "the same person?" offers), each as the full review shows it, and the
// change of the counts worked out from those photos before and after the step.
import { addCounts, countsOf, type ReviewPhoto, type ReviewState, type ReviewUpdate } from '../../../shared/review';
import type { Actor } from '../audit';
import type { ReadableDb, WritableDb } from '../db';
import { regionsOfPhotos, requireRegion } from '../people';
import { setReviewState } from './actions';
import { decisionsOf, itemsOfPhoto, reviewBasis, reviewPhoto, type ReviewBasis, type ReviewQuery } from './list';

interface Acting {
  readonly db: WritableDb;
  actor(): Actor;
}

/** Indexes (in the basis) of the photos a change on this photo touches: it, and the next photo of its burst. */
function touchedIndexes(basis: ReviewBasis, photoHash: string): number[] {
  const index = basis.photos.findIndex((photo) => photo.hash === photoHash);
  if (index < 0) return [];
  const next = basis.bursts.findIndex((burst) => burst.previous === index);
  return next < 0 ? [index] : [index, next];
}

/** These photos of the review as they are now (their burst predecessors read for the offers). */
function photosNow(db: ReadableDb, query: ReviewQuery, basis: ReviewBasis, indexes: readonly number[]): ReviewPhoto[] {
  if (indexes.length === 0) return [];
  const previousOf = (index: number) => basis.bursts[index]!.previous;
  const needed = [...new Set(indexes.flatMap((index) => [index, previousOf(index) ?? index]))];
  const regions = regionsOfPhotos(
    db,
    needed.map((index) => basis.photos[index]!.hash),
  );
  const items = new Map(
    needed.map((index) => [index, itemsOfPhoto(basis, regions.get(basis.photos[index]!.hash) ?? [])]),
  );
  const decisions = decisionsOf(
    db,
    query,
    basis,
    indexes.map((index) => basis.photos[index]!.hash),
  );
  return indexes.map((index) => {
    const previous = previousOf(index);
    return reviewPhoto(
      basis,
      index,
      items.get(index)!,
      previous === null ? null : items.get(previous)!,
      decisions.get(basis.photos[index]!.hash),
    );
  });
}

/**
 * Puts a region in a state (setReviewState) and answers with the state before (for undo) and what the review shows
 * differently now. A region outside the review's photos is named all the same; the update is then empty.
 */
export function reviewRegion(
  core: Acting,
  regionId: number,
  state: ReviewState,
  query: ReviewQuery,
): { readonly previous: ReviewState; readonly update: ReviewUpdate } {
  const db = core.db;
  return db
    .transaction(() => {
      const basis = reviewBasis(db, query);
      const indexes = touchedIndexes(basis, requireRegion(db, regionId).photoHash);
      const before = photosNow(db, query, basis, indexes);
      const { previous } = setReviewState(core, regionId, state);
      // A naming step changes no tag name, photo or pick: the basis (photos, bursts, classes) stays as it was.
      const after = photosNow(db, query, basis, indexes);
      return { previous, update: { photos: after, countsChange: addCounts(countsOf(after), countsOf(before), -1) } };
    })
    .immediate();
}
