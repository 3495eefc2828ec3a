// Where Fotowacht keeps its database and generated media: --data-dir, else FOTOWACHT_DATA_DIR,
// else the operating system's folder for application data (the same folder Electron's userData uses).
import { accessSync, constants, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { argvOption } from './argv';

export const APP_FOLDER_NAME = 'Fotowacht';

export interface DataDirSources {
  readonly argv?: readonly string[];
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly platform?: NodeJS.Platform;
  readonly home?: string;
}

export function defaultDataDir(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
  home: string,
): string {
  if (platform === 'win32')
    return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), APP_FOLDER_NAME);
}

export function resolveDataDir(sources: DataDirSources = {}): string {
  const argv = sources.argv ?? process.argv;
  const env = sources.env ?? process.env;
  const chosen = argvOption(argv, 'data-dir') ?? (env.FOTOWACHT_DATA_DIR || undefined);
  if (chosen) return path.resolve(chosen);
  return defaultDataDir(sources.platform ?? process.platform, env, sources.home ?? homedir());
}

export interface DataPaths {
  readonly root: string;
  readonly database: string;
  readonly thumbnails: string;
  readonly previews: string;
  readonly logs: string;
}

export function dataPaths(root: string): DataPaths {
  return {
    root,
    database: path.join(root, 'fotowacht.sqlite'),
    thumbnails: path.join(root, 'media', 'thumbs'),
    previews: path.join(root, 'media', 'previews'),
    logs: path.join(root, 'logs'),
  };
}

/** Creates the data directory and its folders; a folder that cannot be written is a clear error. */
export function prepareDataDir(root: string): DataPaths {
  const paths = dataPaths(root);
  try {
    for (const dir of [paths.root, paths.thumbnails, paths.previews, paths.logs]) mkdirSync(dir, { recursive: true });
    accessSync(paths.root, constants.W_OK);
  } catch {
    throw new AppError('dataDir.notWritable', { path: root });
  }
  return paths;
}
