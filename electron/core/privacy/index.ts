// The privacy domain's public face: erasing a person without breaking the proof, and the retention lists (people who
// left, old export records) that say whom and what to erase.
export {
  compactDatabase,
  eraseLocalTraces,
  erasePerson,
  previewErasure,
  type ErasurePreview,
  type ErasureResult,
  type LocalTraces,
} from './erasure';
export {
  compactAfterErasures,
  erasedByBoard,
  erasePersonOnBoard,
  followBoardErasures,
  previewErasureOnBoard,
  type BoardErasureOptions,
  type BoardErasureResult,
  type FollowedErasure,
} from './boardErasure';
export { registerPrivacyHandlers } from './ipc';
export {
  DEFAULT_EXPORT_YEARS,
  DEFAULT_LEFT_AFTER_MONTHS,
  exportsDueForPruning,
  leaversDueForErasure,
  pruneOldExports,
  type LeaverCandidate,
  type OldExport,
} from './retention';
