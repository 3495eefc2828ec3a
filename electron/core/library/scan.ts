// Walks an event folder (or a parent of many) for photo files: recursive, hidden and system files skipped,
// symlinked folders followed once (a loop is visited only once), sizes and mtimes taken on the way. A link whose
// real path leaves the chosen folder (`parent -> ..`, a link to /etc) is not followed: it is listed instead.
import { opendir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export const PHOTO_EXTENSIONS = new Set([
  '.jpg',
  '.jpeg',
  '.jpe',
  '.png',
  '.tif',
  '.tiff',
  '.webp',
  '.heic',
  '.heif',
  '.hif',
]);

/** Video clips (issue 15): indexed beside the photos, through the bundled ffprobe and ffmpeg. */
export const VIDEO_EXTENSIONS = new Set(['.mp4', '.mov', '.m4v', '.avi']);

/** Files that belong next to photos and are not photos themselves: not reported. */
const COMPANION_EXTENSIONS = new Set([
  '.xmp',
  '.aae',
  '.thm',
  '.pp3',
  '.dop',
  '.on1',
  '.json',
  '.txt',
  '.ini',
  '.db',
  '.lnk',
]);

/** Folders and files that operating systems and NAS boxes create. */
const SYSTEM_NAMES = new Set([
  'thumbs.db',
  'desktop.ini',
  'ehthumbs.db',
  'icon\r',
  '$recycle.bin',
  'system volume information',
  '__macosx',
  '@eadir',
  '#recycle',
  'lost+found',
]);

export interface ScannedFile {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

export interface ScanResult {
  readonly photos: ScannedFile[];
  readonly videos: ScannedFile[];
  /** Files that are neither photos, videos nor known companions (RAW files…): reported, not indexed. */
  readonly unsupported: ScannedFile[];
  /** Folders that could not be read. */
  readonly unreadableFolders: string[];
  /** Links (to folders or files) whose real path is outside the scanned folder: skipped, listed. */
  readonly outsideLinks: string[];
}

/** Whether `real` is `root` or inside it (both real paths). */
function isInside(root: string, real: string): boolean {
  return real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

function skipped(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~$') || SYSTEM_NAMES.has(name.toLowerCase());
}

export async function scanFolder(root: string, signal?: AbortSignal): Promise<ScanResult> {
  const photos: ScannedFile[] = [];
  const videos: ScannedFile[] = [];
  const unsupported: ScannedFile[] = [];
  const unreadableFolders: string[] = [];
  const outsideLinks: string[] = [];
  const visited = new Set<string>();
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch {
    return { photos, videos, unsupported, unreadableFolders: [root], outsideLinks };
  }

  const walk = async (folder: string): Promise<void> => {
    if (signal?.aborted) return;
    let real: string;
    try {
      real = await realpath(folder);
    } catch {
      unreadableFolders.push(folder);
      return;
    }
    if (!isInside(realRoot, real)) {
      outsideLinks.push(folder);
      return;
    }
    if (visited.has(real)) return;
    visited.add(real);
    let entries: string[];
    const subfolders: string[] = [];
    const links = new Set<string>();
    try {
      const dir = await opendir(folder);
      entries = [];
      for await (const entry of dir) {
        if (skipped(entry.name)) continue;
        if (entry.isDirectory()) subfolders.push(path.join(folder, entry.name));
        else if (entry.isFile()) entries.push(entry.name);
        else if (entry.isSymbolicLink()) links.add(entry.name);
      }
    } catch {
      unreadableFolders.push(folder);
      return;
    }
    entries.push(...links);
    entries.sort();
    await Promise.all(
      entries.map(async (name) => {
        const file = path.join(folder, name);
        let info;
        try {
          info = await stat(file);
        } catch {
          return; // a dangling symlink
        }
        if (info.isDirectory()) {
          subfolders.push(file); // walk() checks where it really is
          return;
        }
        if (!info.isFile()) return;
        if (links.has(name)) {
          let realFile: string;
          try {
            realFile = await realpath(file);
          } catch {
            return;
          }
          if (!isInside(realRoot, realFile)) {
            outsideLinks.push(file);
            return;
          }
        }
        const scanned = { path: file, size: info.size, mtimeMs: Math.floor(info.mtimeMs) };
        const extension = path.extname(name).toLowerCase();
        if (PHOTO_EXTENSIONS.has(extension)) photos.push(scanned);
        else if (VIDEO_EXTENSIONS.has(extension)) videos.push(scanned);
        else if (!COMPANION_EXTENSIONS.has(extension)) unsupported.push(scanned);
      }),
    );
    subfolders.sort();
    for (const subfolder of subfolders) await walk(subfolder);
  };

  await walk(root);
  const byPath = (a: ScannedFile, b: ScannedFile) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return {
    photos: photos.sort(byPath),
    videos: videos.sort(byPath),
    unsupported: unsupported.sort(byPath),
    unreadableFolders,
    outsideLinks: outsideLinks.sort(),
  };
}
