// The SQLite driver (better-sqlite3-multiple-ciphers) is a native addon built for Node's ABI; Electron needs one built for its own.
// scripts/electron-native.mjs builds that copy before `npm start`; main loads it from here.
import { existsSync } from 'node:fs';
import path from 'node:path';

export function electronSqliteBinding(appPath: string): string | undefined {
  const file = path.join(
    appPath,
    'node_modules',
    '.fotowacht-native',
    `electron-${process.versions.electron}-${process.arch}`,
    'better_sqlite3_mc.node',
  );
  return existsSync(file) ? file : undefined;
}
