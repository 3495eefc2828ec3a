// Binds the library methods of the IPC contract (shared/ipc/library.ts) to the core.
import { AppError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import { startFaceDetectionJob } from '../faces/service';
import type { IpcRouter } from '../ipc/router';
import { startIndexJob, startReindexJobs } from './indexer';
import { getPhoto, listEventPhotos, listEvents, listIndexErrors, listRoots } from './repository';

export function registerLibraryHandlers(router: IpcRouter, core: CoreContext): void {
  router
    .handle('addLibraryFolder', async ({ folder }) => {
      const job = await startIndexJob(core, folder);
      // Queued behind the index job: look for faces nobody tagged in what it found.
      startFaceDetectionJob(core);
      return { jobId: job.jobId };
    })
    .handle('listLibraryRoots', () => listRoots(core.db))
    .handle('listEvents', ({ rootId }) => listEvents(core.db, rootId))
    .handle('listEventPhotos', ({ eventId, offset, limit }) => listEventPhotos(core.db, eventId, offset, limit))
    .handle('getPhoto', ({ hash }) => {
      const photo = getPhoto(core.db, hash);
      if (!photo) throw new AppError('library.photo.notFound', { hash });
      return photo;
    })
    .handle('listIndexErrors', ({ eventId }) => listIndexErrors(core.db, eventId))
    .handle('reindexLibrary', ({ rootId }) => {
      const jobIds = startReindexJobs(core, rootId).map((job) => job.jobId);
      startFaceDetectionJob(core);
      return { jobIds };
    });
}
