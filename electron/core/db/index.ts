// The database's public face: opening it (pragmas, migrations) and the read/write connection types.
export {
  dataVersion,
  deferForeignKeys,
  encryptPlainDatabase,
  isPlainDatabaseFile,
  loadTempIdMap,
  latestSchemaVersion,
  migrate,
  openDatabase,
  openReadOnlyDatabase,
  openSecondConnection,
  schemaVersion,
  sqliteVersion,
  type IdMap,
  type OpenDatabaseOptions,
  type ReadOnlyAccess,
  type ReadableDb,
  type WritableDb,
} from './connection';
export { migrations, type Migration } from './migrations';
export {
  ALLOW_PLAIN_KEY_ENV,
  DB_KEY_ENV,
  DB_KEY_FILE_ENV,
  databaseKey,
  keyAccount,
  osKeyStore,
  PLAIN_KEY_FILE,
  type DatabaseKey,
  type KeySource,
  type KeyStore,
} from './key';
