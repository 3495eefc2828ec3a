// Opaque, single-use handles for paths main has checked: the renderer holds a handle and the path to show,
// never a path main will act on. A handle names its purpose; used for another purpose, or twice, it is refused.
import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { FileChoice, FilePurpose } from '../../../shared/ipc/ui';
import type { FileGrant } from './checks';

/** A handle not used within this time is forgotten; the person chooses again. */
const HANDLE_TTL_MS = 60 * 60 * 1000;
const MAX_HANDLES = 100;

export class FileHandles {
  private readonly grants = new Map<string, FileGrant & { readonly issuedAt: number }>();

  issue(grant: FileGrant, now = Date.now()): FileChoice {
    this.prune(now);
    while (this.grants.size >= MAX_HANDLES) this.grants.delete(this.grants.keys().next().value!);
    const handle = `fh-${randomBytes(16).toString('hex')}`;
    this.grants.set(handle, { ...grant, issuedAt: now });
    return { handle, path: grant.path, ...(grant.overwrite ? { replaces: true } : {}) };
  }

  /** The grant behind a handle, once: the handle is spent whether or not the purpose matches. */
  take(handle: string, purposes: FilePurpose | readonly FilePurpose[], now = Date.now()): FileGrant {
    this.prune(now);
    const grant = this.grants.get(handle);
    this.grants.delete(handle);
    if (!grant) throw new AppError('files.handle.unknown', {});
    const allowed: readonly FilePurpose[] = typeof purposes === 'string' ? [purposes] : purposes;
    if (!allowed.includes(grant.purpose)) {
      throw new AppError('files.handle.wrongPurpose', { purpose: grant.purpose, expected: allowed.join(', ') });
    }
    return { purpose: grant.purpose, path: grant.path, overwrite: grant.overwrite };
  }

  private prune(now: number): void {
    for (const [handle, grant] of this.grants) if (now - grant.issuedAt > HANDLE_TTL_MS) this.grants.delete(handle);
  }
}
