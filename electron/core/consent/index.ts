// The consent domain's public face: what other domains, the CLI and the IPC layer may use. Everything else in
// this folder (the repositories, the list reader's internals, validation) is the domain's own.
export {
  addChannel,
  channelAddEvent,
  channelDeleteEvent,
  channelRenameEvent,
  channelRetireEvent,
  deleteChannel,
  getChannel,
  listChannels,
  planAddChannel,
  planRenameChannel,
  planRetireChannel,
  renameChannel,
  retireChannel,
  type AddChannelInput,
  type PlannedChannel,
  type PlannedRename,
  type PlannedRetire,
  type RenameChannelInput,
  type RetireChannelInput,
} from './channels';
export {
  consentOnMany,
  sqliteConsentReads,
  type ConsentReads,
  type HistoryCut,
  type RecordInEffect,
} from './consentReads';
export {
  applyRegistryCopy,
  applyRegistryWrites,
  localRegistryJson,
  foreignRegistryRows,
  registryCounts,
  type CopiedChannel,
  type CopiedImport,
  type CopiedImportPerson,
  type CopiedPerson,
  type CopiedReason,
  type CopiedRecord,
  type CopyChanges,
  type ForeignRows,
  type RegistryCopy,
  type RegistryCopyJson,
  type RegistryWrites,
} from './copy';
export type { SharedRegistry, SharedRegistryRoute } from './sharedRegistry';
export { describeConsentList, readConsentFileInfo } from './fileInfo';
export {
  commitConsentImport,
  consentImportEvent,
  planConsentImport,
  refuseImportCommit,
  type CommitOptions,
  type ConsentImportPlan,
  type ConsentImportResult,
  type PlanOptions,
} from './importer';
export { registerConsentHandlers } from './ipc';
export { registerConsentRulesHandlers } from './rulesIpc';
export {
  planProtection,
  protectionEvent,
  setPersonProtected,
  type PlannedProtection,
  type ProtectionChange,
} from './protection';
export { renewalLists, turningSixteen, type RenewalQuery, type TurningSixteenQuery } from './lists';
export { renewalCsv, renewalPdf, type RenewalPdfOptions } from './renewalReport';
export { auditReportLookup } from './reportLookup';
export {
  allPeople,
  consentHistory,
  consentOn,
  ensureSchoolYear,
  findPersonByKey,
  getPerson,
  getRecord,
  listClasses,
  listPeople,
  personConsent,
  requirePersonByKey,
  type ListPeopleQuery,
} from './registry';
export {
  manualConsentEvent,
  planManualConsent,
  planWithdrawal,
  recordManualConsent,
  withdrawalEvent,
  withdrawConsent,
  type ManualChangeInput,
  type PlannedManualChange,
  type PlannedWithdrawal,
  type WithdrawInput,
} from './manualChanges';
export {
  erasePersonRow,
  findPerson,
  peopleFingerprint,
  personErasedAt,
  pseudonymOf,
  pupilsNotListedIn,
} from './repository';
export {
  readConsentList,
  readConsentListBytes,
  type ConsentListSource,
  type ListEncoding,
  type ListFormat,
  type ReadListOptions,
} from './source';
export {
  registryForTransfer,
  renumberRegistry,
  type RegistryIdMaps,
  type RegistryTransfer,
  type TransferPerson,
  type TransferRecord,
} from './transferRepository';
