// The audit domain's public face: who acts, the one way to log a change, the hash-chained trail and its reports.
export { actorLabel, osUserName, type Actor } from './actor';
export { audited, type AuditLog } from './audited';
export { buildAuditReport, type AuditPeriod } from './report';
export {
  appendAuditEvent,
  auditEventHash,
  auditFacets,
  GENESIS_HASH,
  listAuditEvents,
  verifyAuditTrail,
  type AuditInput,
  type AuditQuery,
} from './trail';
