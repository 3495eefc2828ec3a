// The database's public face: opening it (pragmas, migrations) and the read/write connection types.
export {
  dataVersion,
  latestSchemaVersion,
  migrate,
  openDatabase,
  openReadOnlyDatabase,
  schemaVersion,
  sqliteVersion,
  type OpenDatabaseOptions,
  type ReadableDb,
  type WritableDb,
} from './connection';
export { migrations, type Migration } from './migrations';
