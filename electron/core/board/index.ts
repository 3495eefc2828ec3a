// The board domain's public face: a school board's shared registry and trail on PostgreSQL — connecting (TLS),
// the schema with roles and row-level security, schools and users, and the one trail appended from many workstations.
export {
  boardError,
  connectBoard,
  inTransaction,
  parseBoardUrl,
  redactedBoardUrl,
  TLS_MODES,
  type BoardConnection,
  type BoardConnectOptions,
  type BoardSql,
  type ParsedBoardUrl,
  type TlsMode,
} from './connection';
export {
  BOARD_ROLES,
  boardMigrations,
  boardSchemaVersion,
  latestBoardSchemaVersion,
  migrateBoard,
  type BoardMigration,
} from './migrations';
export { listBoardUsers, listSchools, type BoardRoleKind, type BoardUserRow, type SchoolRow } from './repository';
export {
  addSchool,
  addUser,
  boardActor,
  BOARD_ROLE_KINDS,
  initBoard,
  type AddUserInput,
  type AddUserResult,
  type BoardInitResult,
} from './server';
export {
  appendBoardAuditEvent,
  boardAudited,
  boardAuditHead,
  createBoardCheckpoint,
  logBoardCheckpoint,
  verifyBoardTrail,
  type BoardAuditLog,
  type BoardVerifyOptions,
} from './trail';
export {
  BOARD_SETTING,
  boardCredentialAccount,
  connectWorkstation,
  readBoardSettings,
  type BoardSettings,
  type ConnectWorkstationOptions,
  type ConnectWorkstationResult,
} from './workstation';
export { buildBoardAuditReport } from './report';
export { postgresConsentReads } from './consentReadsRepository';
export { inBoardMode, openBoardSession, type BoardSession, type OpenBoardSessionOptions } from './session';
export {
  boardSnapshotAge,
  readBoardSnapshot,
  refreshBoardSnapshot,
  registryHash,
  type BoardSnapshot,
  type RefreshOptions,
  type RefreshResult,
} from './snapshot';
export {
  boardConsentImport,
  boardRecordManualConsent,
  boardSetPersonProtected,
  boardWithdrawConsent,
  type BoardRegistryContext,
  type BoardWriteStep,
} from './registryWrites';
export { boardAddChannel, boardDeleteChannel, boardRenameChannel, boardRetireChannel } from './channelWrites';
export { workstationRegistry, type WorkstationRegistryOptions } from './workstationRegistry';
export {
  outboxStatus,
  queueExportRecord,
  queueForBoard,
  syncOutbox,
  syncOutboxQuietly,
  type OutboxStatus,
  type OutboxSyncResult,
  type SyncOptions,
} from './outbox';
export { boardErasePerson, type BoardErasure } from './erasure';
export { boardPublicationsOf, type BoardErasureCounts } from './erasureRepository';
export { regionKey, type BoardExportRecord, type SnapshotMark } from './exportRecord';
export type { BoardExportClipRow } from './clipRecordRepository';
export {
  DEFAULT_SNAPSHOT_MAX_AGE_HOURS,
  openExportBoard,
  recordExportOnBoard,
  setSnapshotMaxAgeHours,
  snapshotMaxAgeHours,
  SNAPSHOT_AGE_SETTING,
  type ExportBoard,
  type OpenExportBoardOptions,
} from './exportGate';
export { MIGRATED_SETTING } from './laptopLocal';
export {
  migrateLaptop,
  type LaptopMigrationCounts,
  type LaptopMigrationOptions,
  type LaptopMigrationResult,
  type MigrationStep,
} from './laptop';
export { verifyLaptopSegments, type SegmentVerification } from './segments';
export { boardStatus, disconnectWorkstation, type BoardStatusOptions } from './status';
export { registerBoardHandlers, type BoardHandlerOptions } from './ipc';
