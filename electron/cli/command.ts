// What every CLI command shares: global options, opening the core, error output and exit codes.
import type { Command } from 'commander';
import { AppError } from '../../shared/errors';
import type { JobProgress } from '../../shared/types';
import { openCore, type CoreContext } from '../core/context';
import type { JobHandle } from '../core/jobs';
import { resolveDataDir } from '../core/dataDir';
import { releaseFaceDetectors } from '../core/faces';
import { releaseDecoders } from '../core/library';
import { cliLanguage, Output } from './output';

export interface GlobalOptions {
  readonly dataDir?: string;
  readonly json?: boolean;
  readonly lang?: string;
}

export interface CliEnvironment {
  readonly out: Output;
  readonly options: GlobalOptions;
  /** Opens the data directory and database; closed again when the command ends. */
  openCore(): CoreContext;
}

export type CommandAction = (env: CliEnvironment) => Promise<void>;

/** Wraps a command's work: opens what it needs, prints errors as text (and JSON), sets the exit code. */
export function action(command: Command, work: CommandAction): () => Promise<void> {
  return async () => {
    const options = command.optsWithGlobals<GlobalOptions>();
    const out = new Output({ json: Boolean(options.json), language: cliLanguage(process.argv, process.env) });
    let core: CoreContext | undefined;
    try {
      await work({
        out,
        options,
        openCore: () => {
          core ??= openCore({
            dataDir: resolveDataDir({ argv: options.dataDir ? ['--data-dir', options.dataDir] : [], env: process.env }),
          });
          return core;
        },
      });
    } catch (error) {
      out.fail(error);
      if (!(error instanceof AppError)) console.error(error);
      process.exitCode = 1;
    } finally {
      await core?.close();
      // Worker threads (HEIC decoder, face inference) end with the command: the process exits once it is done.
      await Promise.all([releaseDecoders(), releaseFaceDetectors()]);
    }
  };
}

/** Waits for a job, drawing its progress on stderr; Ctrl-C cancels it (the job cleans up after itself). */
export async function followJob<Result>(
  core: CoreContext,
  out: Output,
  handle: JobHandle<Result>,
): Promise<JobProgress & { result: Result | null }> {
  const unsubscribe = core.jobs.onProgress((progress) => {
    if (progress.jobId === handle.jobId && progress.state !== 'queued') out.progress(progress);
  });
  const cancel = (): void => void core.jobs.cancel(handle.jobId);
  process.once('SIGINT', cancel);
  try {
    return await handle.finished;
  } finally {
    unsubscribe();
    process.off('SIGINT', cancel);
  }
}
