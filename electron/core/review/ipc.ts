// Binds the review methods of the IPC contract (shared/ipc/review.ts) to the core.
import type { CoreContext } from '../context';
import type { IpcRouter } from '../ipc';
import { eventReview } from './list';
import { reviewPeople, setEventRoster } from './roster';
import { startTrackFramesJob } from './trackFrames';
import { reviewSplitTrack, reviewTrack, reviewUnsplitTrack } from './tracks';
import { reviewRegion } from './update';

export function registerReviewHandlers(router: IpcRouter, core: CoreContext): void {
  const db = core.db;
  router
    .handle('getEventReview', (query) => eventReview(db, query))
    .handle('getReviewPeople', ({ eventId }) => reviewPeople(db, eventId))
    .handle('setEventRoster', ({ eventId, classes }) => {
      setEventRoster(db, core.actor(), eventId, classes);
      return reviewPeople(db, eventId);
    })
    .handle('reviewRegion', ({ regionId, state, review }) => reviewRegion(core, regionId, state, review))
    .handle('reviewTrack', ({ trackId, state }) => reviewTrack(core, trackId, state))
    .handle('splitReviewTrack', ({ trackId, atFrame }) => reviewSplitTrack(core, trackId, atFrame))
    .handle('unsplitReviewTrack', ({ trackId, restore }) => reviewUnsplitTrack(core, trackId, restore))
    .handle('prepareReviewTrackFrames', async ({ eventId }) => ({
      jobId: (await startTrackFramesJob(core, eventId))?.jobId ?? null,
    }));
}
