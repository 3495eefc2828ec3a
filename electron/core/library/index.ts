// The library domain's public face: event folders, the photos in them (indexed by content hash), reading their
// metadata and pixels, and searching them for untagged faces.
export { decodePhoto, MAX_INPUT_PIXELS, type DecodedPhoto } from './decode';
export { releaseDecoders } from './pixels';
export {
  detectPhotoFaces,
  FACE_JOB_KIND,
  getFaceDetectorInfo,
  listEffectiveRegions,
  listPhotoRegions,
  resolvePhoto,
  setFaceModelPath,
  startFaceDetectionJob,
  type FaceJobResult,
  type PhotoDetectionResult,
} from './faceSearch';
export { INDEX_JOB_KIND, INDEX_CONCURRENCY, sha256, startIndexJob, startReindexJobs } from './indexer';
export { startIngest, startReingest, type IngestJobs } from './ingest';
export { openLibraryPhoto, openPhotoFiles, readLibraryPhotoPixels, type LibraryPhoto } from './open';
export {
  chosenPhotos,
  chosenPhotosOfEvent,
  eventPhotoSummaries,
  faceSearchOf,
  findPhotoHash,
  photoFilePaths,
  removePhotoKeywords,
  type ChosenPhoto,
  type EventPhotoSummary,
} from './photoRepository';
export { getPhoto, listEventPhotos, listEvents } from './photos';
export {
  listPicks,
  pickCount,
  pickPhotos,
  resolveEventPhotos,
  setPicked,
  setSidecarsEnabled,
  sidecarsEnabled,
  unpickPhotos,
} from './picks';
export {
  eventExists,
  eventIds,
  eventIdsOfPhoto,
  findEvent,
  listIndexErrors,
  listRoots,
  photoHashesOfEvent,
} from './repository';
export {
  readSidecar,
  sidecarNameFor,
  SIDECAR_JOB_KIND,
  startSidecarJob,
  storedFrameBox,
  type SidecarSummary,
} from './sidecars';
export { registerLibraryHandlers } from './ipc';
export { getVideo, listEventVideos, removeVideoNames } from './videoRepository';
export {
  deleteVideoTrack,
  getVideoScan,
  getVideoTrack,
  insertVideoTrack,
  listVideoTracks,
  replaceVideoScan,
  setVideoTrackObservations,
  setVideoTrackState,
  tracksSplitFrom,
  unlinkVideoTracksOfPerson,
  videosWithPerson,
} from './videoTrackRepository';
export {
  reviewedTracks,
  scanClipFaces,
  VIDEO_SCAN_SETTINGS,
  VIDEO_TRACK_OPTIONS,
  clipTrackOptions,
  type ClipScanOptions,
  type ClipScanResult,
} from './videoScan';
export {
  startVideoFaceJob,
  VIDEO_FACE_JOB_KIND,
  type ClipJobEntry,
  type VideoFaceJobOptions,
  type VideoFaceJobResult,
} from './videoScanJob';
export { renumberVideoTrackPeople } from './transferRepository';
