// The index job on real files in temporary folders: formats, events, errors per file, identity by content,
// incremental re-index (move, rename, change, delete), cached thumbnails, cancel.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { openCore, type CoreContext } from '../../electron/core/context';
import { decodePhoto } from '../../electron/core/library/decode';
import { sha256, startIndexJob } from '../../electron/core/library/indexer';
import { openLibraryPhoto, readLibraryPhotoPixels } from '../../electron/core/library/open';
import { getPhoto, listEventPhotos, listEvents, listRoots } from '../../electron/core/library';
import { mediaFile } from '../../electron/core/media/protocol';
import type { IndexSummary } from '../../shared/library';
import { hugePngHeader, makeJpeg, mwgRegions, xmpPacket } from '../helpers/photos';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const HEIC = path.resolve('test/fixtures/hevc-red-left-blue-right.heic');

async function index(core: CoreContext, folder: string): Promise<IndexSummary> {
  const job = await startIndexJob(core, folder);
  const finished = await job.finished;
  expect(finished.state, JSON.stringify(finished.error)).toBe('done');
  return finished.result!;
}

async function eventFolder(root: string) {
  const sportdag = path.join(root, 'Sportdag 2026');
  const schoolreis = path.join(root, 'Schoolreis', 'Dag 1');
  mkdirSync(sportdag, { recursive: true });
  mkdirSync(schoolreis, { recursive: true });
  const tagged = await makeJpeg({
    width: 600,
    height: 400,
    orientation: 6,
    xmp: xmpPacket(mwgRegions([{ box: { x: 0.1, y: 0.2, w: 0.2, h: 0.3 }, name: 'Femke van der Meer' }])),
  });
  writeFileSync(path.join(sportdag, 'IMG_0001.jpg'), tagged);
  writeFileSync(
    path.join(sportdag, 'IMG_0002.png'),
    await sharp({ create: { width: 300, height: 200, channels: 4, background: '#33aa3380' } })
      .png()
      .toBuffer(),
  );
  writeFileSync(
    path.join(sportdag, 'IMG_0003.tif'),
    await sharp({ create: { width: 300, height: 200, channels: 3, background: '#aa3333' } })
      .tiff()
      .toBuffer(),
  );
  writeFileSync(
    path.join(sportdag, 'IMG_0004.webp'),
    await sharp({ create: { width: 300, height: 200, channels: 3, background: '#3333aa' } })
      .webp()
      .toBuffer(),
  );
  copyFileSync(HEIC, path.join(sportdag, 'IMG_0005.HEIC'));
  // The same photo in a second folder: one photo, two paths.
  writeFileSync(path.join(schoolreis, 'kopie.jpg'), tagged);
  writeFileSync(path.join(schoolreis, 'bus.jpg'), await makeJpeg({ width: 400, height: 300, seed: 1 }));
  // Hidden and system files, a symlink loop: skipped.
  writeFileSync(path.join(sportdag, '.verborgen.jpg'), await makeJpeg({ width: 50, height: 50, seed: 2 }));
  mkdirSync(path.join(root, '.thumbnails'));
  writeFileSync(path.join(root, '.thumbnails', 'x.jpg'), await makeJpeg({ width: 50, height: 50, seed: 3 }));
  writeFileSync(path.join(sportdag, 'Thumbs.db'), 'windows');
  writeFileSync(path.join(sportdag, 'IMG_0001.xmp'), '<x:xmpmeta/>');
  symlinkSync(root, path.join(schoolreis, 'lus'));
  // Broken files: each gets its own error, the rest indexes.
  const broken = path.join(root, 'Kapot');
  mkdirSync(broken);
  writeFileSync(path.join(broken, 'leeg.jpg'), Buffer.alloc(0));
  const noisy = await sharp({
    create: {
      width: 800,
      height: 600,
      channels: 3,
      background: '#888',
      noise: { type: 'gaussian', mean: 128, sigma: 50 },
    },
  })
    .jpeg()
    .toBuffer();
  writeFileSync(path.join(broken, 'afgebroken.jpg'), noisy.subarray(0, Math.floor(noisy.length * 0.6)));
  writeFileSync(
    path.join(broken, 'onzin.jpg'),
    Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]),
  );
  writeFileSync(path.join(broken, 'bom.png'), await hugePngHeader(30_000, 30_000));
  writeFileSync(path.join(broken, 'filmpje.mov'), Buffer.alloc(100, 1));
  return { sportdag, schoolreis, broken, tagged };
}

describe('indexing a folder of events', () => {
  it('indexes every format, skips hidden files and loops, records each broken file', async () => {
    const root = tempDir();
    const { sportdag, schoolreis, tagged } = await eventFolder(root);
    const core = openCore({ dataDir: tempDir(), osUser: 'tester' });
    try {
      const summary = await index(core, root);
      expect(summary.files).toBe(12); // filmpje.mov is now read as a video (issue 15)
      expect(summary.photos).toBe(6); // 5 in Sportdag (one is also in Schoolreis) + bus
      expect(summary.events).toBe(2);
      expect(summary.regions).toBe(1);
      expect(summary.names).toBe(1);
      expect(summary.errors.map((e) => [e.path, e.code])).toEqual([
        [path.join('Kapot', 'afgebroken.jpg'), 'library.file.truncated'],
        [path.join('Kapot', 'bom.png'), 'library.file.tooLarge'],
        [path.join('Kapot', 'filmpje.mov'), 'video.unreadable'],
        [path.join('Kapot', 'leeg.jpg'), 'library.file.empty'],
        [path.join('Kapot', 'onzin.jpg'), 'library.file.unreadable'],
      ]);

      const events = listEvents(core.db);
      expect(events.map((e) => [e.name, e.photos, e.regions, e.names, e.errors])).toEqual([
        ['Kapot', 0, 0, 0, 5],
        ['Dag 1', 2, 1, 1, 0],
        ['Sportdag 2026', 5, 1, 1, 0],
      ]);
      expect(listRoots(core.db)).toMatchObject([{ path: root, events: 3, photos: 6, errors: 5 }]);

      const hash = sha256(tagged);
      const photo = getPhoto(core.db, hash)!;
      expect(photo.paths).toEqual([path.join(schoolreis, 'kopie.jpg'), path.join(sportdag, 'IMG_0001.jpg')]);
      expect(photo).toMatchObject({ width: 600, height: 400, orientation: 6, displayWidth: 400, displayHeight: 600 });
      expect(photo.regions).toHaveLength(1);
      expect(photo.regions[0]).toMatchObject({
        source: 'file',
        namespace: 'mwg-rs',
        kind: 'face',
        name: 'Femke van der Meer',
      });
      // Stored (0.1, 0.2, 0.2, 0.3) turned 90° clockwise for the viewer.
      const box = photo.regions[0]!.box!;
      expect([box.x, box.y, box.w, box.h].map((v) => Number(v.toFixed(6)))).toEqual([0.5, 0.1, 0.3, 0.2]);

      // Thumbnails and previews for every photo, rotated as a viewer sees it — sealed at rest, opened to be shown.
      const opened = (file: string) => sharp(core.media.open(readFileSync(file)));
      const page = listEventPhotos(core.db, events.find((e) => e.name === 'Sportdag 2026')!.id, 0, 100);
      expect(page.total).toBe(5);
      expect(page.photos.map((p) => p.format).sort()).toEqual(['heif', 'jpeg', 'png', 'tiff', 'webp']);
      for (const p of page.photos) {
        const thumbFile = mediaFile(core.paths, 'thumbs', p.hash, 'webp');
        // No picture in plain form at rest: the file on disk is no WebP or JPEG.
        await expect(sharp(readFileSync(thumbFile)).metadata()).rejects.toThrow();
        const thumb = await opened(thumbFile).metadata();
        const preview = await opened(mediaFile(core.paths, 'previews', p.hash, 'jpg')).metadata();
        expect(thumb.format).toBe('webp');
        expect(preview.format).toBe('jpeg');
        expect(Math.sign(thumb.width! - thumb.height!)).toBe(Math.sign(p.displayWidth - p.displayHeight));
      }
      const tagThumb = await opened(mediaFile(core.paths, 'thumbs', hash, 'webp')).metadata();
      expect([tagThumb.width, tagThumb.height]).toEqual([267, 400]);
    } finally {
      await core.close();
    }
  });

  it('decodes HEVC HEIC (which sharp alone cannot) into thumbnails with the right pixels', async () => {
    const heic = readFileSync(HEIC);
    await expect(sharp(heic).toBuffer()).rejects.toThrow();
    const decoded = await decodePhoto(heic, 'IMG.HEIC');
    expect([decoded.format, decoded.width, decoded.height]).toEqual(['heif', 96, 64]);
    const { data, info } = await decoded.pipeline().removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)];
    expect(pixel(10, 32)[0]).toBeGreaterThan(200); // red on the left
    expect(pixel(10, 32)[2]).toBeLessThan(60);
    expect(pixel(85, 32)[2]).toBeGreaterThan(200); // blue on the right
    expect(pixel(85, 32)[0]).toBeLessThan(60);
  });

  it('re-indexes incrementally: unchanged skipped; moved, renamed, changed, new and deleted files handled', async () => {
    const root = tempDir();
    const { sportdag, schoolreis, broken, tagged } = await eventFolder(root);
    const core = openCore({ dataDir: tempDir(), osUser: 'tester' });
    try {
      await index(core, root);
      const hash = sha256(tagged);
      const again = await index(core, root);
      expect([again.indexed, again.unchanged, again.moved, again.removed]).toEqual([0, 7, 0, 0]);
      expect(again.errors).toHaveLength(5);

      // A user's region on the photo: history that must survive moves.
      core.db
        .prepare(
          "INSERT INTO regions (photo_hash, source, namespace, kind, x, y, w, h, name, created_at) VALUES (?, 'user', 'user', 'face', 0.1, 0.1, 0.1, 0.1, 'Getekend', '2026-01-01')",
        )
        .run(hash);
      const thumbnail = mediaFile(core.paths, 'thumbs', hash, 'webp');
      const thumbnailTime = (await import('node:fs')).statSync(thumbnail).mtimeMs;

      const movedTo = path.join(root, 'Verplaatst');
      mkdirSync(movedTo);
      renameSync(path.join(sportdag, 'IMG_0001.jpg'), path.join(movedTo, 'hernoemd.jpg')); // moved and renamed
      rmSync(path.join(schoolreis, 'kopie.jpg')); // deleted
      rmSync(path.join(sportdag, 'IMG_0002.png')); // deleted
      const bus = path.join(schoolreis, 'bus.jpg');
      writeFileSync(bus, await makeJpeg({ width: 400, height: 300, seed: 5 })); // changed
      utimesSync(bus, new Date(), new Date(Date.now() + 5000));
      writeFileSync(path.join(schoolreis, 'nieuw.jpg'), await makeJpeg({ width: 100, height: 100, seed: 9 })); // new
      rmSync(broken, { recursive: true }); // the broken files are gone

      const summary = await index(core, root);
      expect([summary.indexed, summary.moved, summary.removed]).toEqual([3, 1, 3]);
      expect(summary.unchanged).toBe(3);
      expect(summary.errors).toEqual([]);
      const photo = getPhoto(core.db, hash)!;
      expect(photo.paths).toEqual([path.join(movedTo, 'hernoemd.jpg')]);
      expect(photo.regions.map((r) => [r.source, r.name])).toEqual([
        ['file', 'Femke van der Meer'],
        ['user', 'Getekend'],
      ]);
      // The cached thumbnail was reused, not made again.
      expect((await import('node:fs')).statSync(thumbnail).mtimeMs).toBe(thumbnailTime);
      expect(listEvents(core.db).map((e) => [e.name, e.photos])).toEqual([
        ['Dag 1', 2],
        ['Sportdag 2026', 3],
        ['Verplaatst', 1],
      ]);
      // Later steps open a photo by its hash, from whichever file still holds it.
      const opened = await openLibraryPhoto(core.db, hash);
      expect(opened.path).toBe(path.join(movedTo, 'hernoemd.jpg'));
      const viewed = await opened.pipeline().toBuffer({ resolveWithObject: true });
      expect([viewed.info.width, viewed.info.height]).toEqual([400, 600]);
      const pixels = await readLibraryPhotoPixels(core.db, hash, 300);
      expect([pixels.width, pixels.height, pixels.data.length]).toEqual([200, 300, 200 * 300 * 3]);
      // Once no file holds the photo any more, opening it says so.
      rmSync(path.join(movedTo, 'hernoemd.jpg'));
      await index(core, root);
      await expect(openLibraryPhoto(core.db, hash)).rejects.toMatchObject({ code: 'library.photo.fileMissing' });
    } finally {
      await core.close();
    }
  });

  it('fails clearly for a folder that does not exist', async () => {
    const core = openCore({ dataDir: tempDir(), osUser: 'tester' });
    try {
      await expect(startIndexJob(core, path.join(tempDir(), 'bestaat-niet'))).rejects.toMatchObject({
        code: 'library.folder.notFound',
      });
      expect(listRoots(core.db)).toEqual([]);
    } finally {
      await core.close();
    }
  });

  it('cancel leaves a consistent library, and the next run finishes the rest', async () => {
    const root = tempDir();
    const folder = path.join(root, 'Kerstviering');
    mkdirSync(folder);
    for (let i = 0; i < 24; i += 1) {
      writeFileSync(
        path.join(folder, `foto-${String(i).padStart(2, '0')}.jpg`),
        await makeJpeg({
          width: 1200,
          height: 800,
          seed: i,
          xmp: xmpPacket(mwgRegions([{ box: { x: 0.1, y: 0.1, w: 0.2, h: 0.2 }, name: `Kind ${i}` }])),
        }),
      );
    }
    const core = openCore({ dataDir: tempDir(), osUser: 'tester' });
    try {
      const job = await startIndexJob(core, root);
      const stop = core.jobs.onProgress((progress) => {
        if (progress.jobId === job.jobId && progress.done >= 3 && progress.state === 'running') {
          stop();
          core.jobs.cancel(job.jobId);
        }
      });
      const finished = await job.finished;
      expect(finished.state).toBe('cancelled');
      const files = core.db.prepare('SELECT count(*) AS n FROM photo_files').get() as { n: number };
      expect(files.n).toBeGreaterThanOrEqual(3);
      expect(files.n).toBeLessThan(24);
      // Every file row has its photo and its region, and every photo its thumbnail: nothing half-written.
      const orphans = core.db
        .prepare(
          `SELECT count(*) AS n FROM photo_files f LEFT JOIN photos p ON p.hash = f.photo_hash
           WHERE p.hash IS NULL OR NOT EXISTS (SELECT 1 FROM regions r WHERE r.photo_hash = f.photo_hash)`,
        )
        .get() as { n: number };
      expect(orphans.n).toBe(0);
      for (const { hash } of core.db.prepare('SELECT hash FROM photos').all() as Array<{ hash: string }>) {
        expect(existsSync(mediaFile(core.paths, 'thumbs', hash, 'webp'))).toBe(true);
      }
      const rest = await index(core, root);
      expect(rest.photos).toBe(24);
      expect(rest.unchanged).toBe(files.n);
      expect(rest.regions).toBe(24);
    } finally {
      await core.close();
    }
  });
});
