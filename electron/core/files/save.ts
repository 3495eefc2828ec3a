// Writes a file the person chose to save: a new file is created exclusively (it must still not exist, and a
// link put in its place is not followed); a confirmed overwrite writes a temporary file beside it and renames it
// over the old one, so the old file is replaced whole, never a link's target.
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { FileGrant } from './checks';

function errnoCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? 'unknown';
}

export async function writeGrantedFile(grant: FileGrant, bytes: Uint8Array | string): Promise<string> {
  if (!grant.overwrite) {
    try {
      await writeFile(grant.path, bytes, { flag: 'wx' });
    } catch (error) {
      if (errnoCode(error) === 'EEXIST') throw new AppError('files.save.exists', { path: grant.path });
      throw new AppError('files.save.unwritable', { path: grant.path, reason: errnoCode(error) });
    }
    return grant.path;
  }
  const temp = path.join(
    path.dirname(grant.path),
    `.fotowacht-tmp-${randomBytes(6).toString('hex')}-${path.basename(grant.path)}`,
  );
  try {
    await writeFile(temp, bytes, { flag: 'wx' });
    await rename(temp, grant.path);
  } catch (error) {
    await rm(temp, { force: true });
    throw new AppError('files.save.unwritable', { path: grant.path, reason: errnoCode(error) });
  }
  return grant.path;
}
