// Starts a worker thread from its TypeScript source file, in every way Fotowacht runs:
// - the bundled app (electron-vite): the worker is its own chunk in out/main, made by a `?nodeWorker` import;
// - from source (the CLI and the bench through tsx, vitest): the .ts file itself, through tsx inside the worker.
/// <reference types="electron-vite/node" />
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** What electron-vite's `import(…?nodeWorker)` gives: a function that starts the bundled worker. */
export type WorkerFactory = (options: WorkerOptions) => Worker;

export interface WorkerSource {
  /** `import.meta.url` of the module that starts the worker. */
  readonly importer: string;
  /** The worker's source file, relative to that module (`./heicWorker.ts`). */
  readonly file: string;
  /** `() => import('./heicWorker?nodeWorker')`, written in the starting module so that the bundler sees it. */
  readonly bundled: () => Promise<{ readonly default: WorkerFactory }>;
}

// The module that starts a worker is a .ts file only when it runs from source; in the bundle it is out/main/*.js.
function runsFromSource(importer: string): boolean {
  return new URL(importer).pathname.endsWith('.ts');
}

export async function startWorker(source: WorkerSource, options: WorkerOptions): Promise<Worker> {
  if (!runsFromSource(source.importer)) return (await source.bundled()).default(options);
  // Node 20 does not apply loader hooks (tsx) to a worker's entry file, so the worker starts at a small JavaScript
  // entry that registers tsx and then imports the .ts file, passed as its first argument.
  const file = new URL(source.file, source.importer).href;
  return new Worker(new URL('./tsxEntry.mjs', import.meta.url), { ...options, argv: [file, ...(options.argv ?? [])] });
}

/** A worker's failure as text for its reply: the error's message, else the thrown value itself. */
export function errorText(error: unknown): string {
  const message = error !== null && typeof error === 'object' && 'message' in error ? error.message : undefined;
  return String(message || error);
}
