// IPC methods of the event review: the list of faces to name with their decisions, the people to name them as, the
// event's roster, and naming one region (answering with the state before, for undo, and the photos it changed).
import { z } from 'zod';
import type { EventReview, ReviewPeople, ReviewState, ReviewUpdate } from '../review';
import { method } from './method';

const id = z.number().int().positive();

/** Which photos a review takes and which decisions it shows. */
const reviewQuery = z
  .object({
    eventId: id,
    channelId: z.string().min(1).max(40),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    scope: z.enum(['picks', 'event']).optional(),
  })
  .strict();

const reviewState = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('open') }).strict(),
  z.object({ kind: z.literal('person'), personId: id }).strict(),
  z.object({ kind: z.literal('notAPerson') }).strict(),
  z.object({ kind: z.literal('guest') }).strict(),
]);

export const reviewContract = {
  /** Every face and region of the event (or of its picks: by default when it has any) to name, with decisions and burst offers. */
  getEventReview: method<EventReview>()(reviewQuery),
  /** The event's roster, the registry's classes and the people the type-ahead offers. */
  getReviewPeople: method<ReviewPeople>()(z.object({ eventId: id }).strict()),
  /** Sets the event's roster (classes of the registry). */
  setEventRoster: method<ReviewPeople>()(
    z.object({ eventId: id, classes: z.array(z.string().min(1).max(100)).max(200) }).strict(),
  ),
  /**
   * Names a region (or "not a person", "guest / not known", open again); answers with the state before (for undo)
   * and what the review shows differently: the touched photos and the change of the counts, not the whole list.
   */
  reviewRegion: method<{ previous: ReviewState; update: ReviewUpdate }>()(
    z.object({ regionId: id, state: reviewState, review: reviewQuery }).strict(),
  ),
  /** Names a clip's face track (in every frame of it), or guest, not a person, open again; answers like reviewRegion. */
  reviewTrack: method<{ previous: ReviewState; update: ReviewUpdate }>()(
    z.object({ trackId: id, state: reviewState }).strict(),
  ),
  /** Splits a track where two people crossed: from this frame on it is a new track; neither part keeps a name. */
  splitReviewTrack: method<{ trackId: number; newTrackId: number; previous: ReviewState; update: ReviewUpdate }>()(
    z.object({ trackId: id, atFrame: z.number().int().min(0).max(10_000_000) }).strict(),
  ),
  /**
   * Undoes a split: the part `trackId` (made by the split) joins the track it came from again, in state `restore`
   * (what the split answered as previous; open when absent). Refused once either part was named or marked.
   */
  unsplitReviewTrack: method<{ trackId: number; update: ReviewUpdate }>()(
    z.object({ trackId: id, restore: reviewState.optional() }).strict(),
  ),
  /** Starts caching the stills the event's tracks are cropped from; null when they are all there already. */
  prepareReviewTrackFrames: method<{ jobId: string | null }>()(z.object({ eventId: id }).strict()),
};
