// The fotowacht command in tests: a real child process with a fixed environment, so a developer's language or
// data folder never leaks in. Output in English unless a test asks for Dutch (--lang nl or LANG in `env`).
import type { ChildProcess } from 'node:child_process';
import { runFotowacht, startFotowacht, type FotowachtOptions, type FotowachtResult } from '../../scripts/run-fotowacht';

export type { FotowachtResult } from '../../scripts/run-fotowacht';

export interface CliOptions extends Omit<FotowachtOptions, 'env' | 'stdio'> {
  /** Variables on top of the fixed test environment. */
  readonly env?: Readonly<Record<string, string>>;
}

/** Variables of a developer's shell that would change what the CLI does or says. */
const UNSET = ['FOTOWACHT_LANG', 'FOTOWACHT_DATA_DIR', 'FOTOWACHT_FACE_MODEL', 'LC_ALL', 'LC_MESSAGES'];

/** This process's environment with LANG=C and none of UNSET, plus `extra`. */
export function cliEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'C' };
  for (const name of UNSET) delete env[name];
  return { ...env, ...extra };
}

/** Runs `fotowacht …args` to the end and returns its exit code, stdout, stderr (and `json()` for --json). */
export function fotowacht(args: readonly string[], options: CliOptions = {}): FotowachtResult {
  return runFotowacht(args, { timeoutMs: 120_000, ...options, env: cliEnv(options.env) });
}

/** Starts `fotowacht …args` and returns the child process (output ignored), e.g. to kill it halfway. */
export function startCli(args: readonly string[], options: CliOptions = {}): ChildProcess {
  return startFotowacht(args, { ...options, env: cliEnv(options.env) });
}
