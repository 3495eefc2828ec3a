// Binds the review methods of the IPC contract (shared/ipc/review.ts) to the core.
import type { CoreContext } from '../context';
import type { IpcRouter } from '../ipc';
import { setReviewState } from './actions';
import { eventReview } from './list';
import { reviewPeople, setEventRoster } from './roster';

export function registerReviewHandlers(router: IpcRouter, core: CoreContext): void {
  const db = core.db;
  router
    .handle('getEventReview', (query) => eventReview(db, query))
    .handle('getReviewPeople', ({ eventId }) => reviewPeople(db, eventId))
    .handle('setEventRoster', ({ eventId, classes }) => {
      setEventRoster(db, core.actor(), eventId, classes);
      return reviewPeople(db, eventId);
    })
    .handle('reviewRegion', ({ regionId, state, review }) => {
      const { previous } = setReviewState(core, regionId, state);
      return { previous, review: eventReview(db, review) };
    });
}
