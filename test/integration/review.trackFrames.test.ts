// The stills a track's crops in the review are cut from: the clip's frame at each crop, grabbed by the bundled ffmpeg
// into the media cache, sealed like every preview (the children are unmasked on them), and the very frame the track
// observed — not the one before or after — checked against ffmpeg's own decoding of that frame number.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type CoreContext } from '../../electron/core/context';
import { replaceVideoScan } from '../../electron/core/library';
import { startIndexJob } from '../../electron/core/library/indexer';
import { isSealedMedia, mediaFile, trackFrameName } from '../../electron/core/media';
import { startTrackFramesJob } from '../../electron/core/review';
import { runTool, inputOptions } from '../../electron/core/video';
import { observationsOf } from '../helpers/reviewClips';
import { useTempDirs } from '../helpers/tempDir';
import { makeClip } from '../helpers/videos';

const tempDir = useTempDirs();
const cores: CoreContext[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

/** Frame n of the clip as ffmpeg decodes it counting frames (no seeking), as raw RGB. */
async function decodedFrame(file: string, frame: number): Promise<Buffer> {
  const result = await runTool(
    'ffmpeg',
    [
      '-v',
      'error',
      ...inputOptions(file),
      '-vf',
      `select=eq(n\\,${frame})`,
      '-frames:v',
      '1',
      '-f',
      'image2pipe',
      '-c:v',
      'png',
      'pipe:1',
    ],
    { timeoutMs: 30_000, maxOutputBytes: 10_000_000 },
  );
  return sharp(result.stdout).removeAlpha().raw().toBuffer();
}

function meanDifference(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

describe('track stills for the review', () => {
  it('grabs each crop’s frame once, sealed, exactly the observed frame', { timeout: 120_000 }, async () => {
    const root = tempDir();
    const folder = path.join(root, 'Sportdag 2026');
    mkdirSync(folder);
    const file = makeClip(path.join(folder, 'estafette.mp4'), { seconds: 2, fps: 25 });
    const core = openCore({ dataDir: tempDir(), osUser: 'communicatie' });
    cores.push(core);
    expect((await (await startIndexJob(core, folder)).finished).state).toBe('done');
    const { hash: videoHash, event_id: eventId } = core.db
      .prepare('SELECT video_hash AS hash, event_id FROM video_files')
      .get() as { hash: string; event_id: number };
    replaceVideoScan(
      core.db,
      {
        videoHash,
        model: 'test',
        sampleEvery: 1,
        frameCount: 50,
        framesSampled: 50,
        options: {},
        scannedAt: new Date().toISOString(),
        scannedBy: null,
      },
      [observationsOf(0.1, [0, 7, 15, 23, 31, 40]), observationsOf(0.6, [15, 30])],
    );
    const job = await startTrackFramesJob(core, eventId);
    expect(job).not.toBeNull();
    const finished = (await job!.finished) as { state: string; done: number; failed: number };
    expect(finished).toMatchObject({ state: 'done', failed: 0 });
    // Crops of the first track: 0, 7, 23, 31, 40 (five of six observations); of the second: 15 and 30.
    const expected = [0, 7, 15, 23, 30, 31, 40];
    expect(finished.done).toBe(expected.length);
    for (const frame of expected) {
      const still = mediaFile(core.paths, 'previews', trackFrameName(videoHash, frame), 'jpg');
      const sealed = readFileSync(still);
      expect(isSealedMedia(sealed)).toBe(true);
      const jpeg = core.media.open(sealed);
      expect(await sharp(jpeg).metadata()).toMatchObject({ format: 'jpeg', width: 320, height: 240 });
      if (frame === 0) continue;
      const pixels = await sharp(jpeg).removeAlpha().raw().toBuffer();
      const [before, exact, after] = await Promise.all([frame - 1, frame, frame + 1].map((n) => decodedFrame(file, n)));
      const own = meanDifference(pixels, exact!);
      expect(own).toBeLessThan(meanDifference(pixels, before!));
      expect(own).toBeLessThan(meanDifference(pixels, after!));
    }
    // Everything cached: nothing to do the second time.
    expect(await startTrackFramesJob(core, eventId)).toBeNull();
  });
});
