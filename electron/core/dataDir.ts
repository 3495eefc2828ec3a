// Where Fotowacht keeps its database and generated media: --data-dir, else FOTOWACHT_DATA_DIR, else the operating
// system's folder for application data — on Windows the LOCAL one, never the roaming profile that is copied to
// servers. The folder and everything in it are for the current user only, and it must be on a local disk.
import { accessSync, chmodSync, constants, existsSync, mkdirSync, renameSync, statfsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
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
    return path.win32.join(env.LOCALAPPDATA ?? path.win32.join(home, 'AppData', 'Local'), APP_FOLDER_NAME);
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), APP_FOLDER_NAME);
}

/** Where versions before 0.2 kept the data on Windows: the roaming profile. */
export function legacyWindowsDataDir(env: Readonly<Record<string, string | undefined>>, home: string): string {
  return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
}

/**
 * Moves a data folder from where an older version kept it to where it belongs, when only the old one exists.
 * Returns the folder to use: the new one, or the old one when it could not be moved (another drive, in use).
 */
export function moveLegacyDataDir(from: string, to: string): string {
  if (existsSync(to) || !existsSync(from)) return to;
  try {
    mkdirSync(path.dirname(to), { recursive: true });
    renameSync(from, to);
    return to;
  } catch {
    return from;
  }
}

export function resolveDataDir(sources: DataDirSources = {}): string {
  const argv = sources.argv ?? process.argv;
  const env = sources.env ?? process.env;
  const chosen = argvOption(argv, 'data-dir') ?? (env.FOTOWACHT_DATA_DIR || undefined);
  if (chosen) return path.resolve(chosen);
  const platform = sources.platform ?? process.platform;
  const home = sources.home ?? homedir();
  const folder = defaultDataDir(platform, env, home);
  return platform === 'win32' && process.platform === 'win32'
    ? moveLegacyDataDir(legacyWindowsDataDir(env, home), folder)
    : folder;
}

/** Windows UNC paths (\\server\share, \\?\UNC\…) are network shares. */
export function isUncPath(folder: string): boolean {
  return /^(\\\\|\/\/)(\?[\\/]UNC[\\/]|[^\\/?]+[\\/][^\\/]+)/i.test(folder);
}

/** statfs f_type of network file systems (Linux): NFS, SMB/CIFS (old and new), AFS, Coda, NCP, 9P, FUSE (sshfs and the like). */
const NETWORK_FILESYSTEMS = new Set([
  0x6969, 0x517b, 0xff534d42, 0xfe534d42, 0x5346414f, 0x73757245, 0x564c, 0x01021997, 0x65735546,
]);

/**
 * Whether a folder lies on a network file system: SQLite's locking (and WAL) is not safe there, and the children's
 * data would leave the laptop. The nearest existing parent is asked when the folder does not exist yet.
 */
export function isOnNetworkShare(folder: string, platform: NodeJS.Platform = process.platform): boolean {
  if (platform === 'win32') return isUncPath(folder);
  if (platform !== 'linux') return false;
  let probe = path.resolve(folder);
  while (!existsSync(probe) && path.dirname(probe) !== probe) probe = path.dirname(probe);
  try {
    return isNetworkFilesystemType(Number(statfsSync(probe).type));
  } catch {
    return false;
  }
}

export function isNetworkFilesystemType(type: number): boolean {
  return NETWORK_FILESYSTEMS.has(type);
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

/** Folders for the current user only (rwx------); files 0600. Windows keeps its own ACLs (see README). */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates the data directory and its folders for the current user only (and narrows them when an older version
 * made them readable by others); a folder that cannot be written, or one on a network share, is a clear error.
 */
export function prepareDataDir(root: string): DataPaths {
  if (isOnNetworkShare(root)) throw new AppError('dataDir.networkShare', { path: root });
  const paths = dataPaths(root);
  try {
    for (const dir of [paths.root, paths.thumbnails, paths.previews, paths.logs]) {
      mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
      if (process.platform !== 'win32') chmodSync(dir, PRIVATE_DIR_MODE);
    }
    accessSync(paths.root, constants.W_OK);
  } catch {
    throw new AppError('dataDir.notWritable', { path: root });
  }
  if (process.platform === 'win32') restrictWindowsAcl(paths.root);
  return paths;
}

/**
 * Windows: the folder's ACL for the current user only — inheritance from the profile removed, full control for the
 * user, SYSTEM and Administrators (as the profile has), inherited by everything inside. As icacls arguments.
 */
export function windowsPrivateAclArgs(folder: string, user: string): string[] {
  return [
    folder,
    '/inheritance:r',
    '/grant:r',
    `${user}:(OI)(CI)F`,
    '/grant:r',
    '*S-1-5-18:(OI)(CI)F',
    '/grant:r',
    '*S-1-5-32-544:(OI)(CI)F',
  ];
}

function restrictWindowsAcl(folder: string): void {
  const user = process.env.USERNAME;
  if (!user) return;
  const domain = process.env.USERDOMAIN;
  const result = spawnSync('icacls', windowsPrivateAclArgs(folder, domain ? `${domain}\\${user}` : user), {
    windowsHide: true,
    stdio: 'ignore',
  });
  if (result.status !== 0) throw new AppError('dataDir.aclFailed', { path: folder });
}

/** Narrows a file of the data folder to the current user (the database and its journal files). */
export function makePrivate(file: string): void {
  if (process.platform === 'win32' || !existsSync(file)) return;
  chmodSync(file, PRIVATE_FILE_MODE);
}
