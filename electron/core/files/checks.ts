// Checks a path for what it is wanted for, before any handle is given out or any byte is read or written:
// a file to read must be a regular file of the right type and size (fstat on an opened descriptor, so a FIFO
// or a device is refused without blocking), an export folder must be new or truly empty (dot-files count), a
// file to save must not exist yet unless overwriting it was confirmed.
import { constants } from 'node:fs';
import { lstat, open, readdir, realpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { FilePurpose } from '../../../shared/ipc/ui';
import { hasExtension, PURPOSE_RULES, type PurposeRule } from './rules';

/** A path checked for one purpose: the real path to use, and whether an existing file may be replaced. */
export interface FileGrant {
  readonly purpose: FilePurpose;
  readonly path: string;
  readonly overwrite: boolean;
}

export interface CheckOptions {
  /** The person already confirmed replacing an existing file (a native save dialog asks; the CLI has --force). */
  readonly overwriteConfirmed?: boolean | undefined;
  /** Asks the person, outside the renderer, whether an existing file may be replaced. */
  readonly confirmOverwrite?: ((file: string) => Promise<boolean>) | undefined;
}

/**
 * Folders of the operating system itself: never a photo library, an export target or a place to save to. (Not
 * /run, /media or /mnt: memory cards and USB drives are mounted there.)
 */
const SYSTEM_FOLDERS = ['/etc', '/proc', '/sys', '/dev', '/boot', '/bin', '/sbin', '/usr', '/lib', '/lib64'];

function errnoCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? 'unknown';
}

/** A typed or pasted path: '~' is the home folder; anything else must be absolute (main has no "current folder"). */
export function typedPath(input: string): string {
  const trimmed = input.trim();
  if (trimmed.includes('\0')) throw new AppError('files.path.invalid', { path: trimmed.replace(/\0/g, '') });
  const expanded =
    trimmed === '~' || trimmed.startsWith('~/') || trimmed.startsWith('~\\')
      ? path.join(homedir(), trimmed.slice(1))
      : trimmed;
  if (!path.isAbsolute(expanded)) throw new AppError('files.path.notAbsolute', { path: trimmed });
  return path.resolve(expanded);
}

function refuseSystemOrHidden(real: string, shown: string, hiddenToo: boolean): void {
  const resolved = path.resolve(real);
  if (resolved === path.parse(resolved).root) throw new AppError('files.folder.system', { path: shown });
  const posix = resolved.replace(/\\/g, '/');
  if (SYSTEM_FOLDERS.some((dir) => posix === dir || posix.startsWith(`${dir}/`))) {
    throw new AppError('files.folder.system', { path: shown });
  }
  if (/^[a-z]:\/windows(\/|$)/i.test(posix)) throw new AppError('files.folder.system', { path: shown });
  // Hidden folders (~/.ssh, ~/.config) hold settings and keys, never photos or exports.
  if (hiddenToo && posix.split('/').some((part) => part.startsWith('.') && part !== '.' && part !== '..')) {
    throw new AppError('files.folder.hidden', { path: shown });
  }
}

async function realPathOf(file: string, shown: string): Promise<string> {
  try {
    return await realpath(file);
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new AppError('files.notFound', { path: shown });
    if (code === 'ELOOP') throw new AppError('files.read.notRegular', { path: shown });
    throw new AppError('files.noAccess', { path: shown, reason: code });
  }
}

/**
 * Reads a whole regular file, at most maxBytes. Opened without blocking (a FIFO named lijst.csv does not hang the
 * process), then fstat on the descriptor: anything but a regular file is refused before a byte is read, and the
 * size is checked before reading — and again while reading, for a file that grows.
 */
export async function readRegularFile(file: string, maxBytes: number, shown = file): Promise<Buffer> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new AppError('files.notFound', { path: shown });
    throw new AppError('files.noAccess', { path: shown, reason: code });
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new AppError('files.read.notRegular', { path: shown });
    if (stat.size > maxBytes)
      throw new AppError('files.read.tooLarge', { path: shown, size: stat.size, max: maxBytes });
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(Math.max(stat.size - total, 0) + 1, 1024 * 1024));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw new AppError('files.read.tooLarge', { path: shown, size: total, max: maxBytes });
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

/** Opens without blocking and looks at what it is: a regular file within the cap, or refused. */
async function checkRegularFile(file: string, maxBytes: number, shown: string): Promise<void> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new AppError('files.noAccess', { path: shown, reason: errnoCode(error) });
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new AppError('files.read.notRegular', { path: shown });
    if (stat.size > maxBytes)
      throw new AppError('files.read.tooLarge', { path: shown, size: stat.size, max: maxBytes });
  } finally {
    await handle.close();
  }
}

async function checkReadFile(
  purpose: FilePurpose,
  rule: Extract<PurposeRule, { kind: 'readFile' }>,
  file: string,
): Promise<FileGrant> {
  const types = rule.extensions.join(', ');
  if (!hasExtension(file, rule.extensions)) throw new AppError('files.read.badType', { path: file, types });
  const real = await realPathOf(file, file);
  // A link is followed only to a file that is itself of the right type: x.txt → /etc/passwd is no list.
  if (!hasExtension(real, rule.extensions)) throw new AppError('files.read.linkElsewhere', { path: file, types });
  refuseSystemOrHidden(path.dirname(real), file, false);
  await checkRegularFile(real, rule.maxBytes, file);
  return { purpose, path: real, overwrite: false };
}

async function checkReadFolder(purpose: FilePurpose, folder: string): Promise<FileGrant> {
  const real = await realPathOf(folder, folder);
  refuseSystemOrHidden(real, folder, true);
  const stat = await lstat(real);
  if (!stat.isDirectory()) throw new AppError('files.folder.notAFolder', { path: folder });
  return { purpose, path: real, overwrite: false };
}

/** The names in a folder, dot-files included: a folder holding only .git or .env is not empty. */
export async function folderEntries(folder: string): Promise<string[]> {
  try {
    return await readdir(folder);
  } catch (error) {
    throw new AppError('files.noAccess', { path: folder, reason: errnoCode(error) });
  }
}

async function checkExportFolder(purpose: FilePurpose, folder: string): Promise<FileGrant> {
  let exists = true;
  try {
    await lstat(folder);
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') throw new AppError('files.noAccess', { path: folder, reason: errnoCode(error) });
    exists = false;
  }
  if (!exists) {
    // A new folder is made in a folder that exists: never a chain of folders wherever a caller names.
    const parent = await realPathOf(path.dirname(folder), path.dirname(folder));
    const target = path.join(parent, path.basename(folder));
    refuseSystemOrHidden(target, folder, true);
    if (!(await lstat(parent)).isDirectory())
      throw new AppError('files.folder.notAFolder', { path: path.dirname(folder) });
    return { purpose, path: target, overwrite: false };
  }
  const real = await realPathOf(folder, folder);
  refuseSystemOrHidden(real, folder, true);
  if (!(await lstat(real)).isDirectory()) throw new AppError('files.folder.notAFolder', { path: folder });
  const entries = await folderEntries(real);
  if (entries.length > 0) {
    throw new AppError('files.export.notEmpty', {
      path: folder,
      files: entries.length,
      examples: entries.slice(0, 3).join(', '),
    });
  }
  return { purpose, path: real, overwrite: false };
}

async function checkSaveFile(
  purpose: FilePurpose,
  rule: Extract<PurposeRule, { kind: 'saveFile' }>,
  file: string,
  options: CheckOptions,
): Promise<FileGrant> {
  const types = rule.extensions.join(', ');
  // The type first: a report named .bashrc is refused whatever the folder holds.
  if (!hasExtension(file, rule.extensions)) throw new AppError('files.save.badType', { path: file, types });
  const parent = await realPathOf(path.dirname(file), path.dirname(file));
  if (!(await lstat(parent)).isDirectory()) throw new AppError('files.folder.notAFolder', { path: path.dirname(file) });
  const target = path.join(parent, path.basename(file));
  refuseSystemOrHidden(parent, file, false);
  let existing;
  try {
    existing = await lstat(target);
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') throw new AppError('files.noAccess', { path: file, reason: errnoCode(error) });
    return { purpose, path: target, overwrite: false };
  }
  // A link, folder, FIFO or device is never replaced, confirmed or not.
  if (!existing.isFile()) throw new AppError('files.save.notAFile', { path: file });
  if (options.overwriteConfirmed || (options.confirmOverwrite && (await options.confirmOverwrite(target)))) {
    return { purpose, path: target, overwrite: true };
  }
  throw new AppError('files.save.exists', { path: file });
}

/** Checks a path for a purpose; the answer is what a handle stands for. */
export async function checkPathFor(purpose: FilePurpose, file: string, options: CheckOptions = {}): Promise<FileGrant> {
  const absolute = typedPath(file);
  const rule = PURPOSE_RULES[purpose];
  switch (rule.kind) {
    case 'readFile':
      return checkReadFile(purpose, rule, absolute);
    case 'readFolder':
      return checkReadFolder(purpose, absolute);
    case 'exportFolder':
      return checkExportFolder(purpose, absolute);
    case 'saveFile':
      return checkSaveFile(purpose, rule, absolute, options);
  }
}
