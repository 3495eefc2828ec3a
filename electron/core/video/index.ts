// Video: the bundled ffmpeg and ffprobe (which, how they run), probing a clip, grabbing frames, streaming frames for
// the face detector, and linking face detections into tracks across frames.
export { inputOptions, runTool, toolPath, videoToolInfo, VIDEO_FORMAT_WHITELIST, type VideoToolInfo } from './ffmpeg';
export { streamFrames, streamSize, type FrameStream, type FrameStreamOptions, type StreamedFrame } from './frameStream';
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
