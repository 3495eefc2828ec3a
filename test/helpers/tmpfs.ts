// A real size-limited (or read-only) filesystem for full-disk tests: a tmpfs mounted in a temp folder. Needs root
// (or CAP_SYS_ADMIN); where mounting is not permitted, `tmpfsProblem` says why and the tests report themselves
// skipped with that reason.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

function mount(dir: string, options: string): void {
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'pipe' });
}

/** Why a tmpfs cannot be mounted here; undefined when it can. */
export const tmpfsProblem: string | undefined = (() => {
  if (process.platform !== 'linux') return 'mounting a tmpfs needs Linux';
  const dir = mkdtempSync(path.join(tmpdir(), 'fotowacht-tmpfs-probe-'));
  try {
    mount(dir, 'size=64k');
    execFileSync('umount', [dir], { stdio: 'pipe' });
    return undefined;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return `mounting a tmpfs is not permitted here (${stderr || (error as Error).message})`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();

/** A fresh tmpfs of `size` (mount syntax: 700k, 2m) per call, or read-only; unmounted and removed after the test. */
export function useTmpfs(): (size: string, options?: { readonly readOnly?: boolean }) => string {
  const mounted: string[] = [];
  afterEach(() => {
    for (const dir of mounted.splice(0)) {
      execFileSync('umount', [dir], { stdio: 'pipe' });
      rmSync(dir, { recursive: true, force: true });
    }
  });
  return (size, options = {}) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fotowacht-tmpfs-'));
    mount(dir, `size=${size}${options.readOnly ? ',ro' : ''}`);
    mounted.push(dir);
    return dir;
  };
}
