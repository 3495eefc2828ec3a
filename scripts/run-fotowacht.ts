// Runs the fotowacht command (bin/fotowacht.js) in a child process, as a user would: for the demo and the tests
// (test/helpers/cli.ts adds the tests' fixed environment).
import { spawn, spawnSync, type ChildProcess, type StdioOptions } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FOTOWACHT_BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'fotowacht.js');

export interface FotowachtOptions {
  /** Passed as --data-dir, before the command's own arguments. */
  readonly dataDir?: string;
  /** Passed as --lang. */
  readonly lang?: 'nl' | 'en';
  /** The child's whole environment (default: this process's). */
  readonly env?: NodeJS.ProcessEnv;
  /** Killed after this long (default: no limit). */
  readonly timeoutMs?: number;
  /** 'inherit' shows the output as it comes (the demo); then stdout and stderr of the result are empty. */
  readonly stdio?: 'pipe' | 'inherit';
  /** Written to the child's standard input (with stdio 'pipe'). */
  readonly input?: string;
}

export interface FotowachtResult {
  /** The exit code; null when the process was killed (a timeout says so in `error`). */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Why the process did not run or finish (not found, timed out). */
  readonly error: Error | undefined;
  /** stdout parsed as the one JSON document --json prints; throws with stderr in the message when it is not. */
  json<T = unknown>(): T;
}

/** The node arguments for a run: global options first, then the command's. */
export function fotowachtArgv(args: readonly string[], options: FotowachtOptions = {}): string[] {
  const global = [
    ...(options.dataDir === undefined ? [] : ['--data-dir', options.dataDir]),
    ...(options.lang === undefined ? [] : ['--lang', options.lang]),
  ];
  return [FOTOWACHT_BIN, ...global, ...args];
}

export function runFotowacht(args: readonly string[], options: FotowachtOptions = {}): FotowachtResult {
  const stdio: StdioOptions = options.stdio ?? 'pipe';
  const result = spawnSync(process.execPath, fotowachtArgv(args, options), {
    encoding: 'utf8',
    env: options.env ?? process.env,
    ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
    ...(options.input === undefined ? {} : { input: options.input }),
    stdio,
  });
  const stdout = result.stdout ?? '';
  const stderr = result.stderr ?? '';
  return {
    code: result.status,
    stdout,
    stderr,
    error: result.error,
    json<T>(): T {
      try {
        return JSON.parse(stdout) as T;
      } catch (error) {
        throw new Error(
          `fotowacht ${args.join(' ')} did not print one JSON document (${String(error)}); stderr: ${stderr}`,
        );
      }
    },
  };
}

/** Starts a run without waiting for it (to kill it halfway, say); output is ignored unless `stdio` says otherwise. */
export function startFotowacht(args: readonly string[], options: FotowachtOptions = {}): ChildProcess {
  return spawn(process.execPath, fotowachtArgv(args, options), {
    env: options.env ?? process.env,
    stdio: options.stdio ?? 'ignore',
  });
}
