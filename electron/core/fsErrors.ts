// Disk and permission failures as errors a user can act on: a full disk, a read-only disk, no permission. Raw
// `fs` and SQLite messages (with absolute paths) never reach the renderer or the job list.
import path from 'node:path';
import { AppError, type ErrorParams } from '../../shared/errors';

/** errno (and SQLite) codes → the error a user sees. */
const FS_CODES: Readonly<Record<string, string>> = {
  ENOSPC: 'fs.noSpace',
  EDQUOT: 'fs.noSpace',
  SQLITE_FULL: 'fs.noSpace',
  EROFS: 'fs.readOnly',
  SQLITE_READONLY: 'fs.readOnly',
  EACCES: 'fs.noAccess',
  EPERM: 'fs.noAccess',
  SQLITE_CANTOPEN: 'fs.noAccess',
  SQLITE_IOERR: 'fs.ioError',
  EIO: 'fs.ioError',
};

/** Whether an error code is a disk or permission problem (then it says nothing about the file being processed). */
export function isDiskErrorCode(code: string): boolean {
  return code.startsWith('fs.');
}

/** The errno or SQLite code of an error, when it has one. */
function systemCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  // SQLite extended codes (SQLITE_IOERR_WRITE, SQLITE_FULL) share their primary prefix.
  const primary = code.startsWith('SQLITE_') ? code.split('_').slice(0, 2).join('_') : code;
  return primary;
}

/**
 * A disk or permission failure as a coded error naming `params` (a file or folder as the user knows it: relative,
 * or chosen by them); null for any other error.
 */
export function diskError(error: unknown, params: ErrorParams = {}): AppError | null {
  const code = systemCode(error);
  const mapped = code ? FS_CODES[code] : undefined;
  return mapped ? new AppError(mapped, params) : null;
}

/** A message without the absolute paths in it (only the last part of each path is kept). */
export function withoutPaths(message: string): string {
  return message.replace(/(?:[A-Za-z]:)?[\\/](?:[^\s'"`,:;\\/]+[\\/])+([^\s'"`,:;\\/]*)/g, (_whole, last: string) =>
    last ? path.basename(last) : '…',
  );
}
