// IPC methods of the face detection: detected faces, dismissing false detections, drawn boxes.
import { z } from 'zod';
import type { FaceDetectorInfo } from '../faces';
import type { PhotoRegion } from '../people';
import { method, noParams } from './method';
import { fileHandle } from './ui';

const photoHash = z.string().regex(/^[0-9a-f]{64}$/);
const unit = z.number().finite().min(0).max(1);

export const facesContract = {
  /** Starts the detection job over photos without a result of the active model (`all`: every photo). */
  startFaceDetection: method<{ jobId: string }>()(z.object({ all: z.boolean().default(false) }).strict()),
  /** "Not a person": dismisses a detected or drawn face (never deletes; audited). */
  dismissFace: method<PhotoRegion>()(z.object({ regionId: z.number().int().min(1) }).strict()),
  /** A face the detector missed, drawn by the user (normalised, display orientation). */
  addDrawnFace: method<PhotoRegion>()(
    z
      .object({
        photoHash,
        box: z.object({ x: unit, y: unit, w: unit.gt(0), h: unit.gt(0) }).strict(),
      })
      .strict(),
  ),
  getFaceDetectorInfo: method<FaceDetectorInfo>()(noParams),
  /** Installs the optional YuNet model from a file (a faceModel handle; checked by sha256); null goes back to BlazeFace. */
  setFaceModelPath: method<FaceDetectorInfo>()(z.object({ file: fileHandle.nullable() }).strict()),
};
