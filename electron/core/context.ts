// The running app's core: data folder, database and job runner. Electron main, the CLI, the UI test
// harness and integration tests all open it the same way.
import { audited, observeAuditedEvents, osUserName, type Actor } from './audit';
import { queueForBoard } from './board';
import {
  databaseKey,
  encryptPlainDatabase,
  isPlainDatabaseFile,
  openDatabase,
  type KeySource,
  type KeyStore,
  type ReadOnlyAccess,
  type WritableDb,
} from './db';
import { existsSync } from 'node:fs';
import { makePrivate, prepareDataDir, type DataPaths } from './dataDir';
import { JobRunner, type JobRunnerOptions } from './jobs';
import { mediaCipher, sealPlainMedia, type MediaCipher } from './media';
import { getSettings } from './settings';

export interface CoreContext {
  readonly paths: DataPaths;
  readonly db: WritableDb;
  readonly jobs: JobRunner;
  readonly osUser: string;
  /** Seals and opens the cached thumbnails and previews (AES-256-GCM, key derived from the database key). */
  readonly media: MediaCipher;
  /** Where the database key came from (the database is always encrypted). */
  readonly keySource: KeySource;
  /** Who is acting now: the OS user and the display name currently set (it may change while the app runs). */
  actor(): Actor;
  /** What a worker thread needs for its own read-only connection (file, key, driver); it stays in this process. */
  readonly readOnlyAccess: ReadOnlyAccess;
  /** Runs `release` when the core closes, before the database: e.g. ends a worker thread with its own connection. */
  onClose(release: () => Promise<void> | void): void;
  close(): Promise<void>;
}

export interface OpenCoreOptions {
  readonly dataDir: string;
  readonly nativeBinding?: string | undefined;
  readonly osUser?: string;
  readonly jobs?: JobRunnerOptions;
  /** Where FOTOWACHT_DB_KEY and the opt-ins are read (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The key store (default: the operating system's); tests pass their own. */
  readonly keyStore?: KeyStore;
}

export function openCore(options: OpenCoreOptions): CoreContext {
  // Board mode queues every local audit event for the board's trail; in single-laptop mode the observer does nothing.
  observeAuditedEvents(queueForBoard);
  const paths = prepareDataDir(options.dataDir);
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const exists = existsSync(paths.database);
  const plain = exists && isPlainDatabaseFile(paths.database);
  const key = databaseKey({
    dataDir: paths.root,
    ...(options.env ? { env: options.env } : {}),
    ...(options.keyStore ? { keyStore: options.keyStore } : {}),
    mayCreate: !exists || plain,
  });
  // A database an older version left unencrypted is encrypted once, before anything else reads it.
  if (plain) encryptPlainDatabase(paths.database, key.hex, binding);
  const db = openDatabase(paths.database, { ...binding, key: key.hex });
  // SQLite creates its files with the process's umask (often world-readable): the registry is for this user only.
  for (const file of [paths.database, `${paths.database}-wal`, `${paths.database}-shm`]) makePrivate(file);
  const jobs = new JobRunner(options.jobs);
  const media = mediaCipher(key.hex);
  if (plain) {
    // The same moment for the media an older version cached unsealed.
    sealPlainMedia([paths.thumbnails, paths.previews], media);
    audited(db, { os: options.osUser ?? osUserName(), name: getSettings(db).displayName }, (log) =>
      log({ action: 'db.encrypted', subject: 'database', details: { keySource: key.source } }),
    );
  }
  const osUser = options.osUser ?? osUserName();
  let closed = false;
  const releases: Array<() => Promise<void> | void> = [];
  return {
    paths,
    db,
    jobs,
    osUser,
    keySource: key.source,
    media,
    actor: () => ({ os: osUser, name: getSettings(db).displayName }),
    readOnlyAccess: { file: paths.database, key: key.hex, nativeBinding: options.nativeBinding },
    onClose(release) {
      releases.push(release);
    },
    async close() {
      if (closed) return;
      closed = true;
      await jobs.shutdown();
      await Promise.all(releases.map(async (release) => release()));
      db.close();
    },
  };
}
