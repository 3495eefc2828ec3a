// What the consent import tests share: the school year and moment they import at, the administrator who does it,
// a fresh data folder per test (closed after it), a table count and reading a list.
import { afterEach } from 'vitest';
import { readConsentList } from '../../electron/core/consent';
import { openCore, type CoreContext } from '../../electron/core/context';
import { useTempDirs } from './tempDir';

export const YEAR = '2026-2027';
export const TODAY = '2026-09-15';
export const NOW = new Date('2026-09-15T10:00:00Z');
export const actor = { os: 'administratie', name: 'Els de Wit' };

/** Call once per test file: gives `core()` (a fresh data folder, closed after the test) and `tempDir()`. */
export function useConsentImportCase() {
  const tempDir = useTempDirs();
  const cores: CoreContext[] = [];
  afterEach(async () => {
    for (const opened of cores.splice(0)) await opened.close();
  });
  const core = (): CoreContext => {
    const opened = openCore({ dataDir: tempDir(), osUser: 'administratie' });
    cores.push(opened);
    return opened;
  };
  return { tempDir, core };
}

export const count = (c: CoreContext, table: string) =>
  c.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

export function load(file: string, sheet?: string) {
  return readConsentList(file, { sheet });
}
