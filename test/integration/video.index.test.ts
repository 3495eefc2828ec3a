// Videos indexed beside photos (issue 15), with clips the bundled ffmpeg makes in the test: metadata as phones
// write it (title naming a pupil, GPS, creation time, camera, keywords, audio), a rotated clip, AVI and M4V, people
// named in XMP (embedded and sidecar); sealed posters and preview frames; broken and hostile files named .mp4.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { openCore, type CoreContext } from '../../electron/core/context';
import { startIndexJob } from '../../electron/core/library/indexer';
import { getVideo, listEventVideos } from '../../electron/core/library/videoRepository';
import { listEvents } from '../../electron/core/library';
import { mediaFile } from '../../electron/core/media/protocol';
import { runTool } from '../../electron/core/video';
import type { IndexSummary } from '../../shared/library';
import { makeJpeg, personInImageWDetails, xmpPacket, bag } from '../helpers/photos';
import { useTempDirs } from '../helpers/tempDir';
import { makeClip } from '../helpers/videos';
import { sha256 } from '../../electron/core/library/indexer';

const tempDir = useTempDirs();

async function index(core: CoreContext, folder: string): Promise<IndexSummary> {
  const job = await startIndexJob(core, folder);
  const finished = await job.finished;
  expect(finished.state, JSON.stringify(finished.error)).toBe('done');
  return finished.result!;
}

const PHONE_METADATA = {
  title: 'Sportdag met Daan de Vries',
  comment: 'groep 7, estafette',
  creation_time: '2026-06-12T10:15:00Z',
  'com.apple.quicktime.creationdate': '2026-06-12T12:15:00+0200',
  'com.apple.quicktime.location.ISO6709': '+52.3702+004.8952+000.000/',
  'com.apple.quicktime.make': 'Apple',
  'com.apple.quicktime.model': 'iPhone 12',
  keywords: 'sportdag, estafette',
};

function eventWithClips(root: string) {
  const event = path.join(root, 'Sportdag 2026');
  const broken = path.join(root, 'Kapot');
  mkdirSync(event, { recursive: true });
  mkdirSync(broken, { recursive: true });
  const phone = makeClip(path.join(event, 'IMG_0100.mp4'), {
    audio: true,
    appleKeys: true,
    metadata: PHONE_METADATA,
    xmp: xmpPacket(personInImageWDetails(['Daan de Vries'])),
  });
  makeClip(path.join(event, 'IMG_0101.MOV'), { width: 320, height: 240, fps: 30, rotate: 90 });
  // A plain MP4 muxer's location atom (©xyz), without Apple's keys.
  makeClip(path.join(event, 'clip.m4v'), { seconds: 1, metadata: { location: '+52.0907+005.1214/' } });
  makeClip(path.join(event, 'oud.avi'), { codec: 'mpeg4', audio: true, metadata: { title: 'Kamp' } });
  writeFileSync(
    path.join(event, 'clip.m4v.xmp'),
    xmpPacket(personInImageWDetails(['Femke van der Meer']) + bag('dc:subject', ['kamp'])),
  );
  // Broken and hostile files with a video name.
  writeFileSync(path.join(broken, 'afgebroken.mp4'), readFileSync(phone).subarray(0, 3000));
  writeFileSync(path.join(broken, 'tekst.mp4'), 'Dit is geen video.\n');
  // An HLS playlist named .mp4 that points at a clip outside the folder: ffmpeg must never follow it.
  const secret = makeClip(path.join(tempDir(), 'elders.mp4'), { seconds: 1 });
  writeFileSync(
    path.join(broken, 'lijst.mp4'),
    `#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:10.0,\nfile:${secret}\n#EXT-X-ENDLIST\n`,
  );
  writeFileSync(path.join(broken, 'leeg.mov'), Buffer.alloc(0));
  return { event, broken, phone };
}

describe('indexing videos beside photos', () => {
  it('reads what each clip says, names from XMP, and reports broken or hostile clips per file', async () => {
    const root = tempDir();
    const { event, phone } = eventWithClips(root);
    writeFileSync(path.join(event, 'IMG_0001.jpg'), await makeJpeg({ width: 300, height: 200 }));
    const core = openCore({ dataDir: tempDir(), osUser: 'tester' });
    try {
      const summary = await index(core, root);
      expect(summary.videos).toBe(4);
      expect(summary.photos).toBe(1);
      expect(summary.errors.map((error) => [error.path, error.code])).toEqual([
        [path.join('Kapot', 'afgebroken.mp4'), 'video.unreadable'],
        [path.join('Kapot', 'leeg.mov'), 'library.file.empty'],
        [path.join('Kapot', 'lijst.mp4'), 'video.unreadable'],
        [path.join('Kapot', 'tekst.mp4'), 'video.unreadable'],
      ]);

      const clip = getVideo(core.db, sha256(readFileSync(phone)))!;
      expect(clip).toMatchObject({
        container: expect.stringContaining('mp4') as string,
        videoCodec: 'h264',
        frameRate: 25,
        width: 320,
        height: 240,
        rotation: 0,
        displayWidth: 320,
        displayHeight: 240,
        takenAt: '2026-06-12T12:15:00+02:00',
        cameraMake: 'Apple',
        cameraModel: 'iPhone 12',
        hasGps: true,
        hasAudio: true,
        title: 'Sportdag met Daan de Vries',
        comment: 'groep 7, estafette',
        people: ['Daan de Vries'],
        previewFrames: 3,
        paths: [phone],
      });
      expect(clip.durationSeconds).toBeCloseTo(2, 1);
      expect([...clip.keywords].sort()).toEqual(['estafette', 'sportdag']);

      const sportdag = listEvents(core.db).find((e) => e.name === 'Sportdag 2026')!;
      // The event's clips are counted beside its photos (the library's event list, `fotowacht events`).
      expect(sportdag.clips).toBe(4);
      const eventId = sportdag.id;
      const clips = listEventVideos(core.db, eventId);
      expect(clips.map((c) => path.basename(c.paths[0]!)).sort()).toEqual([
        'IMG_0100.mp4',
        'IMG_0101.MOV',
        'clip.m4v',
        'oud.avi',
      ]);
      const byName = (name: string) => clips.find((c) => path.basename(c.paths[0]!) === name)!;
      const rotated = byName('IMG_0101.MOV');
      expect([90, 270]).toContain(rotated.rotation);
      expect(rotated).toMatchObject({ width: 320, height: 240, displayWidth: 240, displayHeight: 320, hasGps: false });
      expect(rotated.frameRate).toBe(30);
      expect(byName('clip.m4v')).toMatchObject({
        people: ['Femke van der Meer'],
        keywords: ['kamp'],
        hasAudio: false,
        hasGps: true,
      });
      expect(byName('oud.avi')).toMatchObject({ videoCodec: 'mpeg4', hasAudio: true, title: 'Kamp' });

      // Posters and frames are sealed like photo thumbnails; opened, the poster turns like the player shows it.
      for (const video of clips) {
        const thumb = readFileSync(mediaFile(core.paths, 'thumbs', video.hash, 'webp'));
        expect(thumb.subarray(0, 4).toString('latin1')).toBe('FWM1');
        const poster = await sharp(core.media.open(thumb)).metadata();
        expect(poster.format).toBe('webp');
        expect(poster.width! > poster.height!).toBe(video.displayWidth > video.displayHeight);
        for (let n = 1; n <= video.previewFrames; n += 1) {
          const frame = core.media.open(readFileSync(mediaFile(core.paths, 'previews', `${video.hash}-${n}`, 'jpg')));
          expect((await sharp(frame).metadata()).format).toBe('jpeg');
        }
      }
      expect(
        (await sharp(core.media.open(readFileSync(mediaFile(core.paths, 'thumbs', rotated.hash, 'webp')))).metadata())
          .height,
      ).toBe(320);

      // Unchanged on a second run; a removed clip leaves the library, a moved one keeps its identity.
      const again = await index(core, root);
      expect(again).toMatchObject({ indexed: 0, videos: 4 });
      rmSync(path.join(event, 'oud.avi'));
      copyFileSync(phone, path.join(event, 'kopie.mp4'));
      rmSync(phone);
      const third = await index(core, root);
      expect(third).toMatchObject({ removed: 2, moved: 1, videos: 3 });
      expect(getVideo(core.db, clip.hash)!.paths).toEqual([path.join(event, 'kopie.mp4')]);

      // A clip overwritten with a broken file at the same path leaves the event and is listed as unreadable.
      const m4v = path.join(event, 'clip.m4v');
      const m4vHash = byName('clip.m4v').hash;
      writeFileSync(m4v, 'kapot');
      const fourth = await index(core, root);
      expect(fourth.videos).toBe(2);
      expect(fourth.errors.map((error) => error.path)).toContain('Sportdag 2026/clip.m4v'.replace('/', path.sep));
      expect(getVideo(core.db, m4vHash)!.paths).toEqual([]);
    } finally {
      core.close();
    }
  });

  it('stops a tool that runs past its time limit, and never leaves the child running', async () => {
    const started = Date.now();
    await expect(
      runTool('ffmpeg', ['-f', 'lavfi', '-i', 'testsrc=size=640x480:rate=25', '-f', 'null', '-'], {
        timeoutMs: 500,
        maxOutputBytes: 1_000_000,
      }),
    ).rejects.toMatchObject({ code: 'video.tool.timeout' });
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('stops a tool that writes more than its output cap', async () => {
    await expect(
      runTool('ffmpeg', ['-f', 'lavfi', '-i', 'testsrc=size=640x480:rate=25', '-f', 'rawvideo', 'pipe:1'], {
        timeoutMs: 60_000,
        maxOutputBytes: 2_000_000,
      }),
    ).rejects.toMatchObject({ code: 'video.tool.tooMuchOutput' });
  });
});
