// The running app's core: data folder, database and job runner. Electron main, the CLI, the UI test
// harness and integration tests all open it the same way.
import { osUserName, type Actor } from './audit';
import { openDatabase, type WritableDb } from './db';
import { prepareDataDir, type DataPaths } from './dataDir';
import { JobRunner, type JobRunnerOptions } from './jobs';
import { getSettings } from './settings';

export interface CoreContext {
  readonly paths: DataPaths;
  readonly db: WritableDb;
  readonly jobs: JobRunner;
  readonly osUser: string;
  /** Who is acting now: the OS user and the display name currently set (it may change while the app runs). */
  actor(): Actor;
  /** The SQLite driver built for this runtime, if not the default one: a worker thread's own connection needs it. */
  readonly nativeBinding: string | undefined;
  /** Runs `release` when the core closes, before the database: e.g. ends a worker thread with its own connection. */
  onClose(release: () => Promise<void> | void): void;
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
  const jobs = new JobRunner(options.jobs);
  const osUser = options.osUser ?? osUserName();
  let closed = false;
  const releases: Array<() => Promise<void> | void> = [];
  return {
    paths,
    db,
    jobs,
    osUser,
    actor: () => ({ os: osUser, name: getSettings(db).displayName }),
    nativeBinding: options.nativeBinding,
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
