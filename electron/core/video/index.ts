// Video: the bundled ffmpeg and ffprobe (which, how they run), probing a clip, grabbing frames, linking face
// detections into tracks across frames, exporting a clip with its masks and checking an exported clip for leaks.
export { inputOptions, runTool, toolPath, videoToolInfo, VIDEO_FORMAT_WHITELIST, type VideoToolInfo } from './ffmpeg';
export {
  ALLOWED_FORMAT_TAGS,
  ALLOWED_STREAM_TAGS,
  checkClipLeak,
  type ClipLeakCode,
  type ClipLeakExpectations,
  type ClipLeakFinding,
} from './clipLeakCheck';
export {
  exportClip,
  X264_CRF,
  X264_PRESET,
  type ClipExportOptions,
  type ClipExportPlan,
  type ClipExportResult,
} from './exportClip';
export { MASK_GROW_PX, MASK_YUV, maskRect, masksByFrame, paintMasks, type FrameMasks, type PixelRect } from './masks';
export { ALLOWED_BOXES, readMp4Structure, type Mp4Box } from './mp4Boxes';
export {
  decodeFramesArgs,
  frameSizeFor,
  MAX_FRAME_SIDE,
  numberingRate,
  readFrames,
  startTool,
  yuvFrameBytes,
  type DecodeOptions,
  type FrameSize,
  type StreamingTool,
} from './rawFrames';
export { FRAME_MAX_SIDE, grabFrame, grabFrames, POSTER_AT, PREVIEW_FRAMES_AT } from './frames';
export { probeVideo, videoProbeOf, type ProbeJson, type VideoProbe } from './probe';
export {
  buildTracks,
  DEFAULT_TRACK_OPTIONS,
  splitTrack,
  trackBoxes,
  type FrameDetections,
  type Track,
  type TrackBox,
  type TrackBoxKind,
  type TrackObservation,
  type TrackOptions,
} from './tracks';
