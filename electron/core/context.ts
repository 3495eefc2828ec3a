// The running app's core: data folder, database and job runner. Electron main, the CLI, the UI test
// harness and integration tests all open it the same way.
import { osUserName, type Actor } from './audit';
import { openDatabase, type WritableDb } from './db';
import { makePrivate, prepareDataDir, type DataPaths } from './dataDir';
import { JobRunner, type JobRunnerOptions } from './jobs';
import { getSettings } from './settings';

export interface CoreContext {
  readonly paths: DataPaths;
  readonly db: WritableDb;
  readonly jobs: JobRunner;
  readonly osUser: string;
  /** Who is acting now: the OS user and the display name currently set (it may change while the app runs). */
  actor(): Actor;
  close(): Promise<void>;
}

export interface OpenCoreOptions {
  readonly dataDir: string;
  readonly nativeBinding?: string | undefined;
  readonly osUser?: string;
  readonly jobs?: JobRunnerOptions;
}

export function openCore(options: OpenCoreOptions): CoreContext {
  const paths = prepareDataDir(options.dataDir);
  const db = openDatabase(paths.database, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  // SQLite creates its files with the process's umask (often world-readable): the registry is for this user only.
  for (const file of [paths.database, `${paths.database}-wal`, `${paths.database}-shm`]) makePrivate(file);
  const jobs = new JobRunner(options.jobs);
  const osUser = options.osUser ?? osUserName();
  let closed = false;
  return {
    paths,
    db,
    jobs,
    osUser,
    actor: () => ({ os: osUser, name: getSettings(db).displayName }),
    async close() {
      if (closed) return;
      closed = true;
      await jobs.shutdown();
      db.close();
    },
  };
}
