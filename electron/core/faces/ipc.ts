// Binds the faces methods of the IPC contract (shared/ipc/faces.ts): the library searches its photos and clips, the
// people domain keeps the corrections.
import type { CoreContext } from '../context';
import type { FileHandles } from '../files';
import type { IpcRouter } from '../ipc';
import { getFaceDetectorInfo, setFaceModelPath, startFaceDetectionJob, startVideoFaceJob } from '../library';
import { addDrawnFace, dismissFaceRegion } from '../people';

export function registerFacesHandlers(router: IpcRouter, core: CoreContext, files: FileHandles): void {
  router
    .handle('startFaceDetection', ({ all }) => {
      const photos = startFaceDetectionJob(core, { all });
      // The clips follow the photos (a clip whose tracks a person already named is kept, never rescanned here).
      startVideoFaceJob(core, { all });
      return { jobId: photos.jobId };
    })
    .handle('dismissFace', ({ regionId }) => dismissFaceRegion(core, regionId))
    .handle('addDrawnFace', ({ photoHash, box }) => addDrawnFace(core, photoHash, box))
    .handle('getFaceDetectorInfo', () => getFaceDetectorInfo(core.db))
    .handle('setFaceModelPath', ({ file }) =>
      setFaceModelPath(core, file === null ? null : files.take(file, 'faceModel').path),
    );
}
