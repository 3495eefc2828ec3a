// Binds the library methods of the IPC contract (shared/ipc/library.ts) to the core.
import { AppError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import type { FileHandles } from '../files';
import type { IpcRouter } from '../ipc';
import { startIngest, startReingest } from './ingest';
import { getPhoto, listEventPhotos, listEvents } from './photos';
import { listPicks, setPicked, setSidecarsEnabled } from './picks';
import { listIndexErrors, listRoots } from './repository';
import { startSidecarJob } from './sidecars';
import { listEventVideos } from './videoRepository';

export function registerLibraryHandlers(router: IpcRouter, core: CoreContext, files: FileHandles): void {
  router
    .handle('addLibraryFolder', async ({ folder }) => {
      const jobs = await startIngest(core, files.take(folder, 'eventFolder').path);
      return { jobId: jobs.index[0]!.jobId };
    })
    .handle('listLibraryRoots', () => listRoots(core.db))
    .handle('listEvents', ({ rootId }) => listEvents(core.db, rootId))
    .handle('listEventPhotos', ({ eventId, offset, limit }) => listEventPhotos(core.db, eventId, offset, limit))
    .handle('getPhoto', ({ hash }) => {
      const photo = getPhoto(core.db, hash);
      if (!photo) throw new AppError('library.photo.notFound', { hash });
      return photo;
    })
    .handle('listEventVideos', ({ eventId }) => listEventVideos(core.db, eventId))
    .handle('listIndexErrors', ({ eventId }) => listIndexErrors(core.db, eventId))
    .handle('setPicked', ({ eventId, hashes, picked }) => setPicked(core.db, core.actor(), eventId, hashes, picked))
    .handle('listPicks', ({ eventId }) => listPicks(core.db, eventId))
    .handle('setEventSidecars', ({ eventId, enabled }) => ({
      enabled: setSidecarsEnabled(core.db, core.actor(), eventId, enabled),
    }))
    .handle('writeSidecars', ({ eventId }) => ({ jobId: startSidecarJob(core, eventId).jobId }))
    .handle('reindexLibrary', ({ rootId }) => ({ jobIds: startReingest(core, rootId).index.map((job) => job.jobId) }));
}
