// The faces domain's public face: face detection, boxes only — never recognition.
export { decodeForDetection, type DecodedImage, type OpenedPhoto } from './decode';
export type { Detection, DetectedFace } from './detector';
export { blazeFace, yunet, type FaceModel } from './models';
export {
  activeFaceModel,
  detectFaces,
  FACE_MODEL_ENV,
  faceModelStatus,
  isVerifiedYunetFile,
  releaseFaceDetectors,
  setYunetModelPath,
  type ActiveModel,
} from './service';
export { registerFacesHandlers } from './ipc';
