// Binds the faces methods of the IPC contract (shared/ipc/faces.ts): the library searches its photos, the people
// domain keeps the corrections.
import type { CoreContext } from '../context';
import type { IpcRouter } from '../ipc';
import { getFaceDetectorInfo, setFaceModelPath, startFaceDetectionJob } from '../library';
import { addDrawnFace, dismissFaceRegion } from '../people';

export function registerFacesHandlers(router: IpcRouter, core: CoreContext): void {
  router
    .handle('startFaceDetection', ({ all }) => ({ jobId: startFaceDetectionJob(core, { all }).jobId }))
    .handle('dismissFace', ({ regionId }) => dismissFaceRegion(core, regionId))
    .handle('addDrawnFace', ({ photoHash, box }) => addDrawnFace(core, photoHash, box))
    .handle('getFaceDetectorInfo', () => getFaceDetectorInfo(core.db))
    .handle('setFaceModelPath', ({ path }) => setFaceModelPath(core, path));
}
