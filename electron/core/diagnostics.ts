// Facts about this installation for `fotowacht doctor`: library versions and whether the Electron binary is present.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import { sqliteVersion, type ReadableDb } from './db';

const require = createRequire(import.meta.url);

/** The version in a dependency's package.json, found from its entry point (some packages do not export package.json). */
export function packageVersion(name: string): string | null {
  try {
    let dir = path.dirname(require.resolve(name));
    for (let depth = 0; depth < 6; depth += 1) {
      const file = path.join(dir, 'package.json');
      if (existsSync(file)) {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === name && pkg.version) return pkg.version;
      }
      dir = path.dirname(dir);
    }
  } catch {
    // not installed
  }
  return null;
}

export interface ElectronBinaryStatus {
  readonly version: string | null;
  readonly present: boolean;
  readonly path: string | null;
}

/**
 * Looks for the Electron binary without loading the electron package (whose entry point would try to download it).
 */
export function electronBinaryStatus(): ElectronBinaryStatus {
  let packageDir: string;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { version: null, present: false, path: null };
  }
  const version = (JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string })
    .version;
  const pathFile = path.join(packageDir, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (!relative && !override) return { version, present: false, path: null };
  const binary = override ? path.join(override, relative ?? 'electron') : path.join(packageDir, 'dist', relative!);
  return { version, present: existsSync(binary), path: binary };
}

export interface LibraryVersions {
  readonly node: string;
  readonly sharp: string | null;
  readonly libvips: string;
  readonly exifr: string | null;
  readonly betterSqlite3: string | null;
  readonly sqlite: string;
}

export function libraryVersions(db: ReadableDb): LibraryVersions {
  return {
    node: process.versions.node,
    sharp: packageVersion('sharp'),
    libvips: sharp.versions.vips,
    exifr: packageVersion('exifr'),
    betterSqlite3: packageVersion('better-sqlite3-multiple-ciphers'),
    sqlite: sqliteVersion(db),
  };
}
