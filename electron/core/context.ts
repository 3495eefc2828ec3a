// The running app's core: data folder, database and job runner. Electron main, the CLI, the UI test
// harness and integration tests all open it the same way.
import { osUserName } from './actor';
import { openDatabase, type Db } from './db/connection';
import { prepareDataDir, type DataPaths } from './dataDir';
import { JobRunner, type JobRunnerOptions } from './jobs/runner';

export interface CoreContext {
  readonly paths: DataPaths;
  readonly db: Db;
  readonly jobs: JobRunner;
  readonly osUser: string;
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
  let closed = false;
  return {
    paths,
    db,
    jobs,
    osUser: options.osUser ?? osUserName(),
    async close() {
      if (closed) return;
      closed = true;
      await jobs.shutdown();
      db.close();
    },
  };
}
