// The faces domain's public face: face detection, boxes only — never recognition.
export { decodeForDetection, type DecodedImage, type OpenedPhoto } from './decode';
export type { Detection, DetectedFace } from './detector';
export { blazeFace, yunet, type FaceModel } from './models';
export {
  activeFaceModel,
  chosenModel,
  detectFaces,
  FACE_MODEL_ENV,
  faceModelStatus,
  isVerifiedYunetFile,
  modelChoice,
  releaseFaceDetectors,
  setYunetModelPath,
  type ActiveModel,
  type ModelChoice,
} from './service';
export { registerFacesHandlers } from './ipc';
