// The review domain's public face: naming every face of an event by keyboard — the review list with decisions and
// burst offers (position and size only), the event's roster, and naming, dismissing, "guest" and undo.
export { reviewStateOfRegion, setReviewState, type ReviewChange } from './actions';
export { burstOffers, eventReview, type ReviewQuery } from './list';
export { eventRoster, reviewPeople, setEventRoster } from './roster';
export { reviewRegion } from './update';
export { frameSeconds, reviewClipNow } from './clips';
export { startTrackFramesJob, TRACK_FRAMES_JOB_KIND, type TrackFramesSummary } from './trackFrames';
export {
  requireTrack,
  reviewSplitTrack,
  reviewTrack,
  reviewUnsplitTrack,
  setTrackState,
  splitTrack,
  unsplitTrack,
  type TrackChange,
  type TrackSplit,
  type TrackUnsplit,
} from './tracks';
export { registerReviewHandlers } from './ipc';
