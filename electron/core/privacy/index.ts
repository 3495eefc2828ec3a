// The privacy domain's public face: erasing a person without breaking the proof, and the retention lists (people who
// left, old export records) that say whom and what to erase.
export { compactDatabase, erasePerson, previewErasure, type ErasurePreview, type ErasureResult } from './erasure';
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
