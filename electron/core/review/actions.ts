// Naming in the review: a region becomes a person (the people domain's audited link), "not a person" (the faces
// correction), "guest / not known" (kept hidden), or open again — always one state at a time, in one transaction,
// answering with the state before so the review can undo it.
import type { ReviewState } from '../../../shared/review';
import type { Actor } from '../audit';
import type { WritableDb } from '../db';
import { AppError } from '../../../shared/errors';
import type { PhotoRegion } from '../../../shared/people';
import { findPerson, personErasedAt } from '../consent';
import { dismissFaceRegion, linkRegion, markRegionGuest, requireRegion, restoreFaceRegion } from '../people';

interface Acting {
  readonly db: WritableDb;
  actor(): Actor;
}

export function reviewStateOfRegion(region: PhotoRegion): ReviewState {
  if (region.dismissedAt !== null) return { kind: 'notAPerson' };
  if (region.guestAt !== null) return { kind: 'guest' };
  if (region.personId !== null) return { kind: 'person', personId: region.personId };
  return { kind: 'open' };
}

export interface ReviewChange {
  readonly region: PhotoRegion;
  /** The state before: setting it again is the undo. */
  readonly previous: ReviewState;
}

/** Puts a region in exactly this state: whatever it was (link, dismissal, guest) is taken back first. */
export function setReviewState(core: Acting, regionId: number, state: ReviewState): ReviewChange {
  const db = core.db;
  return db
    .transaction((): ReviewChange => {
      const region = requireRegion(db, regionId);
      const previous = reviewStateOfRegion(region);
      if (state.kind === 'person' && findPerson(db, state.personId) === null) {
        throw new AppError('people.personUnknown', { person: state.personId });
      }
      // An erased person is a shell kept for the proof: nobody is named as them again.
      if (state.kind === 'person' && state.personId !== region.personId && personErasedAt(db, state.personId)) {
        throw new AppError('review.personErased', { person: state.personId });
      }
      if (state.kind !== 'person' && region.personId !== null) linkRegion(db, core.actor(), regionId, null);
      if (state.kind !== 'notAPerson' && region.dismissedAt !== null) restoreFaceRegion(core, regionId);
      if (state.kind !== 'guest' && region.guestAt !== null) markRegionGuest(core, regionId, false);
      if (state.kind === 'person') linkRegion(db, core.actor(), regionId, state.personId);
      if (state.kind === 'notAPerson') dismissFaceRegion(core, regionId, 'notAPerson');
      if (state.kind === 'guest') markRegionGuest(core, regionId, true);
      return { region: requireRegion(db, regionId), previous };
    })
    .immediate();
}
