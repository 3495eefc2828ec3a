// The audit domain's public face: who acts, the one way to log a change, the hash-chained trail and its reports.
export { actorLabel, osUserName, type Actor } from './actor';
export { audited, observeAuditedEvents, type AuditLog, type AuditObserver } from './audited';
export { anchorFromFileText, currentAuditHead, formatAnchor, parseAnchor, ANCHOR_CSV_LABEL } from './anchor';
export {
  checkCheckpoint,
  checkpointFileText,
  createCheckpoint,
  generateCheckpointKeys,
  logCheckpoint,
  signCheckpoint,
  type AuditCheckpoint,
  type CheckedCheckpoint,
} from './checkpoint';
export { auditChainCheck, sealAuditEvent, type AuditChainCheck, type SealedAuditEvent } from './chain';
export { describeAuditEvent, type ReportLookup } from './describe';
export { PERSONAL_COMMITMENT, toAuditEvent, type AuditRow, type AuditRowWithPersonal } from './repository';
export {
  auditPeriodBounds,
  buildAuditReport,
  renderAuditReport,
  type AuditPeriod,
  type ReportOptions,
  type WrittenReport,
} from './report';
export {
  appendAuditEvent,
  auditEventHash,
  auditFacets,
  ERASED_DETAILS_KEY,
  erasePersonalDetails,
  getAuditEvent,
  GENESIS_HASH,
  listAuditEvents,
  verifyAuditTrail,
  type AuditInput,
  type AuditQuery,
  type VerifyOptions,
} from './trail';
export { auditRowsForTransfer, type TransferAuditRow } from './transferRepository';
