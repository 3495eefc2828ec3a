// The data folder is for the current user only, on a local disk: modes of the folder, the database and the
// generated media; an older (roaming) data folder moved once; network shares refused.
import { mkdirSync, statSync, writeFileSync, chmodSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type CoreContext } from '../../electron/core/context';
import {
  isNetworkFilesystemType,
  isOnNetworkShare,
  isUncPath,
  moveLegacyDataDir,
  prepareDataDir,
  windowsPrivateAclArgs,
} from '../../electron/core/dataDir';
import { startIndexJob } from '../../electron/core/library';
import { makeJpeg } from '../helpers/photos';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const cores: CoreContext[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

const mode = (file: string) => statSync(file).mode & 0o777;

describe.skipIf(process.platform === 'win32')('the data folder on disk', () => {
  it('is for the current user only: folders 0700, database and media 0600, even with a permissive umask', async () => {
    const previous = process.umask(0o022);
    try {
      const dataDir = path.join(tempDir(), 'data');
      const core = openCore({ dataDir });
      cores.push(core);
      const photos = path.join(tempDir(), 'Sportdag');
      mkdirSync(photos);
      writeFileSync(path.join(photos, 'a.jpg'), await makeJpeg({ width: 300, height: 200, seed: 1 }));
      await (
        await startIndexJob(core, photos)
      ).finished;

      expect(mode(dataDir)).toBe(0o700);
      for (const dir of [core.paths.thumbnails, core.paths.previews, core.paths.logs]) expect(mode(dir)).toBe(0o700);
      expect(mode(core.paths.database)).toBe(0o600);
      expect(existsSync(`${core.paths.database}-wal`)).toBe(true);
      expect(mode(`${core.paths.database}-wal`)).toBe(0o600);
      const media = [core.paths.thumbnails, core.paths.previews].flatMap((dir) =>
        readdirSync(dir, { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => path.join(entry.parentPath, entry.name)),
      );
      expect(media.length).toBeGreaterThanOrEqual(2);
      for (const file of media) expect(mode(file), file).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });

  it('narrows a data folder an older version left readable by others', () => {
    const dataDir = path.join(tempDir(), 'oud');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    prepareDataDir(dataDir);
    expect(mode(dataDir)).toBe(0o700);
  });
});

describe('where the data folder may be', () => {
  it('on Windows is narrowed by its ACL: no inherited access, the user, SYSTEM and Administrators only', () => {
    // icacls itself runs only on Windows; here the arguments it gets are checked.
    expect(windowsPrivateAclArgs('C:\\Users\\juf\\AppData\\Local\\Fotowacht', 'SCHOOL\\juf')).toEqual([
      'C:\\Users\\juf\\AppData\\Local\\Fotowacht',
      '/inheritance:r',
      '/grant:r',
      'SCHOOL\\juf:(OI)(CI)F',
      '/grant:r',
      '*S-1-5-18:(OI)(CI)F',
      '/grant:r',
      '*S-1-5-32-544:(OI)(CI)F',
    ]);
  });

  it('moves a data folder from the old place once, and keeps using the new one after', () => {
    const base = tempDir();
    const from = path.join(base, 'Roaming', 'Fotowacht');
    const to = path.join(base, 'Local', 'Fotowacht');
    mkdirSync(from, { recursive: true });
    writeFileSync(path.join(from, 'fotowacht.sqlite'), 'x');
    expect(moveLegacyDataDir(from, to)).toBe(to);
    expect(existsSync(path.join(to, 'fotowacht.sqlite'))).toBe(true);
    expect(existsSync(from)).toBe(false);
    mkdirSync(from, { recursive: true });
    expect(moveLegacyDataDir(from, to)).toBe(to); // the new one exists: the old one is left alone
    expect(existsSync(from)).toBe(true);
  });

  it('refuses a network share (UNC paths; NFS, SMB/CIFS and FUSE mounts by file-system type)', () => {
    expect(isUncPath('\\\\server\\share\\Fotowacht')).toBe(true);
    expect(isUncPath('//server/share/Fotowacht')).toBe(true);
    expect(isUncPath('\\\\?\\UNC\\server\\share')).toBe(true);
    expect(isUncPath('C:\\Users\\juf\\AppData\\Local\\Fotowacht')).toBe(false);
    expect(isUncPath('\\\\?\\C:\\Users\\juf')).toBe(false);
    expect(isOnNetworkShare('\\\\server\\share\\Fotowacht', 'win32')).toBe(true);
    for (const type of [0x6969, 0x517b, 0xff534d42, 0xfe534d42, 0x65735546])
      expect(isNetworkFilesystemType(type)).toBe(true);
    for (const type of [0xef53, 0x01021994, 0x58465342, 0x9123683e]) expect(isNetworkFilesystemType(type)).toBe(false); // ext4, tmpfs, xfs, btrfs
    expect(isOnNetworkShare(tempDir())).toBe(false); // this machine's temp folder is local
  });
});
