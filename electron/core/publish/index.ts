// The publish domain's public face: decisions per channel and date, the export job, and the privacy officer's
// questions about what was published.
export {
  decideMany,
  decideOne,
  decisionContext,
  publishChannel,
  selectPhotos,
  type DecisionContext,
} from './decisions';
export { decideClipOne, selectClips, type ChosenClip, type ClipDecided } from './clipDecisions';
export { CAPTION_MAX_LENGTH, captionResult, checkCaptionText } from './caption';
export { photosWithoutCredit, type CreditCheck } from './creditCheck';
export { beginExport, EXPORT_JOB_KIND, startExport } from './exportJob';
export { exportFileStem } from './fileNames';
export { MANIFEST_CSV, MANIFEST_JSON } from './manifest';
export { publicationsCsv, takedownList, wherePublished, type Publication } from './publications';
export {
  clearOverrideReasons,
  deleteExportRecords,
  exportsPublishedBefore,
  finishedExportFolder,
  listExports,
} from './repository';
export { recoverInterruptedExports } from './staging';
export { registerPublishHandlers } from './ipc';
export { exportsForTransfer, renumberExportPeople, type ExportsTransfer } from './transferRepository';
export { publicationsOfPerson } from './boardPublications';
