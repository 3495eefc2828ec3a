// One publish-ready file: the photo opened by its content hash, resized for the channel, hidden regions baked in,
// written to the staging folder, read back and checked for leaks, then moved into the export folder.
// The pixel work (read and re-hash, decode, mask, encode, write, read back, check) runs in a worker thread
// (writeWorker.ts), two at a time: its buffers, hashing and garbage collection never hold the main process's event
// loop. The main process decides, moves the checked file into place and records it.
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { HideStyle, HiddenRegion } from '../../../shared/policy';
import type { CreditField } from '../../../shared/types';
import type { CoreContext } from '../context';
import type { ReadableDb } from '../db';
import { openPhotoFiles, photoFilePaths } from '../library';
import { WorkerPool } from '../workers';
import { chosenCredits, readSourceCredits, withCredits } from './credits';
import { checkPublishedFile, type LeakFinding } from './leakCheck';
import { renderPublishImage } from './redact';
import { moveIntoPlace } from './staging';

export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface PhotoToWrite {
  readonly photoHash: string;
  readonly outputName: string;
  readonly hide: readonly HiddenRegion[];
}

export interface WriteSettings {
  readonly longSide: number | null;
  readonly hideStyle: HideStyle;
  readonly stagingDir: string;
  readonly outDir: string;
  /** Credit fields the school keeps for this channel (none: every metadata block is stripped). */
  readonly creditFields?: readonly CreditField[] | undefined;
}

export type WriteOutcome =
  | { readonly state: 'done'; readonly outputSha256: string }
  | { readonly state: 'leak'; readonly findings: readonly LeakFinding[] }
  | { readonly state: 'cancelled' };

/** What the worker made of one photo: a checked file in the staging folder, or the leaks it found (no file). */
export type StagedOutcome =
  | { readonly state: 'checked'; readonly outputSha256: string }
  | { readonly state: 'leak'; readonly findings: readonly LeakFinding[] };

/** The staging file of one output. */
export const stagedFile = (settings: Pick<WriteSettings, 'stagingDir'>, outputName: string): string =>
  path.join(settings.stagingDir, outputName);

/**
 * The worker's part (no database): the photo from the first of `files` that still has its content hash, rendered,
 * written to the staging folder, read back and checked against `names`. A file that fails the check is removed.
 */
export async function stagePublishedPhoto(
  files: readonly string[],
  photo: PhotoToWrite,
  settings: WriteSettings,
  names: readonly string[],
): Promise<StagedOutcome> {
  const temp = stagedFile(settings, photo.outputName);
  let keep = false;
  try {
    const source = await openPhotoFiles(files, photo.photoHash);
    const rendered = await renderPublishImage(source.pipeline(), {
      longSide: settings.longSide,
      hide: photo.hide,
      hideStyle: settings.hideStyle,
    });
    const fields = settings.creditFields ?? [];
    const credits = fields.length > 0 ? chosenCredits(await readSourceCredits(source.buffer), fields) : {};
    const jpeg = withCredits(rendered.jpeg, credits);
    await writeFile(temp, jpeg);
    const findings = await checkPublishedFile({
      file: await readFile(temp),
      names,
      hidden: rendered.maskRects.map((maskRect, i) => ({ maskRect, regionRect: rendered.regionRects[i]! })),
      hideStyle: settings.hideStyle,
      credits,
    });
    if (findings.length > 0) return { state: 'leak', findings };
    keep = true;
    return { state: 'checked', outputSha256: sha256(jpeg) };
  } finally {
    if (!keep) await rm(temp, { force: true });
  }
}

export type WriteRequest =
  /** Every name in the registry, for the requests of one export (`key`) that follow. */
  | { readonly kind: 'names'; readonly key: string; readonly names: readonly string[] }
  | { readonly kind: 'forget'; readonly key: string }
  | {
      readonly kind: 'stage';
      readonly key: string;
      readonly files: readonly string[];
      readonly photo: PhotoToWrite;
      readonly settings: WriteSettings;
    };

export type WriteReply = StagedOutcome | null;

/** Photos made at once: two use both cores of a school laptop. */
export const WRITE_WORKERS = 2;

const pools = new WeakMap<CoreContext, WorkerPool<WriteRequest, WriteReply>>();

function writePool(core: CoreContext): WorkerPool<WriteRequest, WriteReply> {
  let pool = pools.get(core);
  if (!pool) {
    const created = new WorkerPool<WriteRequest, WriteReply>(
      { importer: import.meta.url, file: './writeWorker.ts', bundled: () => import('./writeWorker?nodeWorker') },
      WRITE_WORKERS,
    );
    core.onClose(() => created.release());
    pools.set(core, created);
    pool = created;
  }
  return pool;
}

let nextKey = 0;

/** One export's writer: the registry's names handed to the worker threads once, then photo after photo. */
export interface PhotoWriter {
  write(db: ReadableDb, photo: PhotoToWrite, signal: AbortSignal): Promise<WriteOutcome>;
  close(): Promise<void>;
}

export async function openPhotoWriter(
  core: CoreContext,
  settings: WriteSettings,
  names: readonly string[],
): Promise<PhotoWriter> {
  const pool = writePool(core);
  const key = `${process.pid}-${nextKey++}`;
  await pool.broadcast({ kind: 'names', key, names });
  return {
    async write(db, photo, signal) {
      const temp = stagedFile(settings, photo.outputName);
      try {
        const staged = await pool.run({
          kind: 'stage',
          key,
          files: photoFilePaths(db, photo.photoHash),
          photo,
          settings,
        });
        if (!staged) throw new Error('the write worker gave no answer');
        if (signal.aborted) return { state: 'cancelled' };
        if (staged.state === 'leak') return staged;
        await moveIntoPlace(temp, settings.outDir, photo.outputName);
        return { state: 'done', outputSha256: staged.outputSha256 };
      } finally {
        await rm(temp, { force: true });
      }
    },
    async close() {
      await pool.broadcast({ kind: 'forget', key }).catch(() => undefined);
    },
  };
}
