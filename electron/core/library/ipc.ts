// Binds the library methods of the IPC contract (shared/ipc/library.ts) to the core.
import { AppError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import type { IpcRouter } from '../ipc/router';
import { startIndexJob, startReindexJobs } from './indexer';
import { getPhoto, listEventPhotos, listEvents, listIndexErrors, listRoots } from './repository';

export function registerLibraryHandlers(router: IpcRouter, core: CoreContext): void {
  router
    .handle('addLibraryFolder', async ({ folder }) => ({ jobId: (await startIndexJob(core, folder)).jobId }))
    .handle('listLibraryRoots', () => listRoots(core.db))
    .handle('listEvents', ({ rootId }) => listEvents(core.db, rootId))
    .handle('listEventPhotos', ({ eventId, offset, limit }) => listEventPhotos(core.db, eventId, offset, limit))
    .handle('getPhoto', ({ hash }) => {
      const photo = getPhoto(core.db, hash);
      if (!photo) throw new AppError('library.photo.notFound', { hash });
      return photo;
    })
    .handle('listIndexErrors', ({ eventId }) => listIndexErrors(core.db, eventId))
    .handle('reindexLibrary', ({ rootId }) => ({ jobIds: startReindexJobs(core, rootId).map((job) => job.jobId) }));
}
