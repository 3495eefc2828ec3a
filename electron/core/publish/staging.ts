// Where an export's files are made before they are whole and checked (in the data folder, never the export folder),
// how they move into place, and the clean-up after an export that was killed or crashed.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { copyFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { audited } from '../audit';
import type { CoreContext } from '../context';
import { isOutputOf } from './fileNames';
import { finishExport, runningExports, writtenOutputs } from './repository';

export const TEMP_PREFIX = '.fotowacht-tmp-';

export function stagingDir(core: Pick<CoreContext, 'paths'>, exportId: number): string {
  return path.join(core.paths.root, 'tmp', `export-${exportId}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function removeTempFiles(dir: string): void {
  for (const entry of listDir(dir)) if (entry.startsWith(TEMP_PREFIX)) rmSync(path.join(dir, entry), { force: true });
}

/**
 * Cleans up after exports that were killed or crashed (still "running", their process gone): the staging
 * folder, temporary files, and the files they had already put in the export folder — an export without its
 * manifest is no export. The export is marked failed and the audit trail says so.
 */
export function recoverInterruptedExports(core: Pick<CoreContext, 'db' | 'paths' | 'actor'>, now = new Date()): number {
  let recovered = 0;
  for (const row of runningExports(core.db)) {
    const pid = row.settings.pid;
    if (typeof pid === 'number' && isAlive(pid)) continue;
    rmSync(stagingDir(core, row.id), { recursive: true, force: true });
    removeTempFiles(row.outDir);
    // Files recorded as written, and any the process moved into place but was killed before recording: the
    // folder was empty when the export began, so every file with this export's names is its own.
    const stem = typeof row.settings.stem === 'string' ? row.settings.stem : null;
    const written = new Set(writtenOutputs(core.db, row.id));
    if (stem) for (const name of listDir(row.outDir)) if (isOutputOf(stem, name)) written.add(name);
    for (const name of written) rmSync(path.join(row.outDir, name), { force: true });
    audited(core.db, core.actor(), (log) => {
      finishExport(core.db, row.id, 'failed', now.toISOString());
      log({
        action: 'export.interrupted',
        subject: `export:${row.id}`,
        details: { exportId: row.id, filesRemoved: written.size },
      });
    });
    recovered += 1;
  }
  return recovered;
}

/** Moves a finished file into place; across drives (EXDEV) it is copied under a temporary name, then renamed. */
export async function moveIntoPlace(from: string, outDir: string, name: string): Promise<void> {
  const target = path.join(outDir, name);
  try {
    await rename(from, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    const temp = path.join(outDir, `${TEMP_PREFIX}${name}`);
    await copyFile(from, temp);
    await rename(temp, target);
    await rm(from, { force: true });
  }
}

/** The export folder: created when missing, refused when it already holds files. */
export function prepareOutDir(outDir: string): void {
  try {
    mkdirSync(outDir, { recursive: true });
  } catch {
    throw new AppError('publish.outDirUnwritable', { dir: outDir });
  }
  removeTempFiles(outDir);
  // Every name counts, dot-files too: a folder holding only .git or .env is someone's, not an empty folder.
  const present = readdirSync(outDir);
  if (present.length > 0) throw new AppError('publish.outDirNotEmpty', { dir: outDir, files: present.length });
}
