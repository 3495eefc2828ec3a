// Exporting a clip (issue 15, part 5): masks burned into every frame they are planned for, nothing of the source's
// metadata, chapters, subtitle, data or sound streams left, sound only when chosen, display orientation and the
// channel's size, variable frame rates numbered on a constant grid, cancel and broken input without leftovers.
// Pixels and metadata are read back by ffmpeg/ffprobe directly, not only by the leak check under test.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildTracks,
  checkClipLeak,
  DEFAULT_TRACK_OPTIONS,
  exportClip,
  toolPath,
  trackBoxes,
  type FrameMasks,
} from '../../electron/core/video';
import { AppError } from '../../shared/errors';
import type { Box } from '../../shared/geometry';
import { useTempDirs } from '../helpers/tempDir';
import {
  differenceOutside,
  fileHoldsText,
  greyFrames,
  pixelsOf,
  rectStats,
  type GreyFrames,
} from '../helpers/videoFrames';
import { makeClip } from '../helpers/videos';

const tempDir = useTempDirs();
const PUPIL = 'Daan de Vries';

interface Probed {
  streams: Array<{ codec_type: string; codec_name: string; width?: number; height?: number; tags?: object }>;
  chapters: unknown[];
  format: { tags?: Record<string, string>; duration: string };
}

function probe(file: string): Probed {
  return JSON.parse(
    execFileSync(
      toolPath('ffprobe'),
      ['-v', 'error', '-of', 'json', '-show_format', '-show_streams', '-show_chapters', file],
      {
        encoding: 'utf8',
      },
    ),
  ) as Probed;
}

/** Two people: one walking left to right (detected every other frame), one standing still from frame 20 on. */
function walkingMasks(frameCount: number): FrameMasks[] {
  const detections = [];
  for (let frame = 0; frame < frameCount; frame += 1) {
    const boxes: Box[] = [];
    if (frame >= 5 && frame <= 36 && frame % 2 === 1) boxes.push({ x: 0.05 + frame * 0.015, y: 0.2, w: 0.2, h: 0.3 });
    if (frame >= 20) boxes.push({ x: 0.62, y: 0.55, w: 0.25, h: 0.3 });
    detections.push({ frame, boxes });
  }
  const options = { ...DEFAULT_TRACK_OPTIONS, frameCount };
  const byFrame = new Map<number, Box[]>();
  for (const track of buildTracks(detections, options)) {
    for (const { frame, box } of trackBoxes(track, options)) byFrame.set(frame, [...(byFrame.get(frame) ?? []), box]);
  }
  return [...byFrame].map(([frame, boxes]) => ({ frame, boxes }));
}

/** Every masked box flat and grey on every frame it is planned for; everything else like the source. */
function expectMaskedLikeSource(output: GreyFrames, source: GreyFrames, masks: readonly FrameMasks[]): void {
  expect(output.frames.length).toBe(source.frames.length);
  const byFrame = new Map(masks.map((m) => [m.frame, m.boxes]));
  let checked = 0;
  output.frames.forEach((frame, n) => {
    const boxes = byFrame.get(n) ?? [];
    for (const box of boxes) {
      const inside = rectStats(frame, output.width, pixelsOf(box, output.width, output.height, 1));
      expect(inside.stddev, `frame ${n}`).toBeLessThan(2);
      expect(Math.abs(inside.mean - 96), `frame ${n}`).toBeLessThan(8);
      // The source had a picture there: the mask hid something.
      expect(
        rectStats(source.frames[n]!, source.width, pixelsOf(box, source.width, source.height, 1)).stddev,
      ).toBeGreaterThan(10);
      checked += 1;
    }
    const skip = boxes.map((box) => pixelsOf(box, output.width, output.height, -8));
    expect(differenceOutside(frame, source.frames[n]!, output.width, skip), `frame ${n}`).toBeLessThan(6);
  });
  expect(checked).toBe(masks.reduce((sum, m) => sum + m.boxes.length, 0));
}

describe('exporting a clip', () => {
  it('keeps only one H.264 picture stream: no title, location, chapters, subtitle, timecode, XMP or sound', async () => {
    const dir = tempDir();
    const source = makeClip(path.join(dir, 'IMG_0100.mp4'), {
      seconds: 2,
      audio: true,
      appleKeys: true,
      metadata: {
        title: `Sportdag met ${PUPIL}`,
        comment: 'groep 7',
        'com.apple.quicktime.location.ISO6709': '+52.3702+004.8952+000.000/',
        'com.apple.quicktime.make': 'Apple',
        creation_time: '2026-06-12T10:15:00Z',
      },
      chapters: [`${PUPIL} op de balk`, 'Einde'],
      subtitle: `${PUPIL} springt`,
      timecode: '01:00:00:00',
      videoStreamMetadata: { handler_name: `../../../${PUPIL}/handler`, language: 'nld' },
      xmp: `<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>${PUPIL}</dc:creator></x:xmpmeta>`,
    });
    const before = probe(source);
    expect(before.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'data', 'data', 'subtitle', 'video']);
    expect(before.chapters).toHaveLength(2);

    const output = path.join(dir, 'out', 'clip-0001.mp4');
    execFileSync('mkdir', ['-p', path.dirname(output)]);
    const progress: number[] = [];
    const result = await exportClip(
      source,
      output,
      { longSide: null, masks: [] },
      { onProgress: (done) => progress.push(done) },
    );
    expect(result).toMatchObject({
      frames: 50,
      width: 320,
      height: 240,
      audioKept: false,
      frameRate: 25,
      maskedFrames: 0,
    });
    expect(result.bytes).toBe(readFileSync(output).length);
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(progress.at(-1)).toBe(50);
    expect(readdirSync(path.dirname(output))).toEqual(['clip-0001.mp4']);

    const after = probe(output);
    expect(after.streams.map((s) => [s.codec_type, s.codec_name])).toEqual([['video', 'h264']]);
    expect(after.chapters).toEqual([]);
    expect(Object.keys(after.format.tags ?? {}).sort()).toEqual(['compatible_brands', 'major_brand', 'minor_version']);
    expect(after.streams[0]!.tags).toEqual({
      language: 'und',
      handler_name: 'VideoHandler',
      vendor_id: '[0][0][0][0]',
    });
    for (const text of [
      PUPIL,
      'Daan',
      'groep 7',
      'Apple',
      'ISO6709',
      '+52.3702',
      'x264',
      'Lavf',
      'Lavc',
      '../../',
      '©xyz',
    ]) {
      expect(fileHoldsText(output, text), text).toBe(false);
    }
    expect(await checkClipLeak(output, { names: [PUPIL], audio: false, masks: [], frames: 50 })).toEqual([]);
  });

  it('keeps the sound only when asked, as AAC without its tags', async () => {
    const dir = tempDir();
    const source = makeClip(path.join(dir, 'a.mp4'), { audio: true, metadata: { title: PUPIL } });
    const output = path.join(dir, 'with-sound.mp4');
    const result = await exportClip(source, output, { longSide: null, masks: [] }, { keepAudio: true });
    expect(result.audioKept).toBe(true);
    const after = probe(output);
    expect(after.streams.map((s) => [s.codec_type, s.codec_name])).toEqual([
      ['video', 'h264'],
      ['audio', 'aac'],
    ]);
    expect(after.streams[1]!.tags).toEqual({
      language: 'und',
      handler_name: 'SoundHandler',
      vendor_id: '[0][0][0][0]',
    });
    expect(fileHoldsText(output, 'Daan')).toBe(false);
    expect(await checkClipLeak(output, { names: [PUPIL], audio: true, masks: [], frames: result.frames })).toEqual([]);

    // Asking for sound on a clip without any gives a clip without sound, and says so.
    const silent = makeClip(path.join(dir, 'b.mp4'), {});
    const quiet = await exportClip(
      silent,
      path.join(dir, 'quiet.mp4'),
      { longSide: null, masks: [] },
      { keepAudio: true },
    );
    expect(quiet.audioKept).toBe(false);
    expect(probe(path.join(dir, 'quiet.mp4')).streams.map((s) => s.codec_type)).toEqual(['video']);
  });

  it('masks every planned frame flat and leaves the rest of the picture as it was', async () => {
    const dir = tempDir();
    const source = makeClip(path.join(dir, 'walk.mp4'), { seconds: 2, fps: 25 });
    const masks = walkingMasks(50);
    const output = path.join(dir, 'walk-out.mp4');
    const result = await exportClip(source, output, { longSide: null, masks });
    expect(result.maskedFrames).toBe(masks.length);
    expectMaskedLikeSource(greyFrames(output, 320, 240), greyFrames(source, 320, 240), masks);
    expect(await checkClipLeak(output, { names: [PUPIL], audio: false, masks, frames: 50 })).toEqual([]);
  });

  it('turns a rotated clip as the player shows it and scales it to the channel size', async () => {
    const dir = tempDir();
    const source = makeClip(path.join(dir, 'IMG_0101.MOV'), {
      width: 320,
      height: 240,
      fps: 30,
      seconds: 1,
      rotate: 90,
    });
    // A box near the top-left corner as the viewer sees the clip.
    const masks = [{ frame: 3, boxes: [{ x: 0.05, y: 0.05, w: 0.4, h: 0.2 }] }];
    const output = path.join(dir, 'rotated.mp4');
    const result = await exportClip(source, output, { longSide: 200, masks });
    expect(result).toMatchObject({ width: 150, height: 200, frames: 30 });
    const stream = probe(output).streams[0]!;
    expect([stream.width, stream.height]).toEqual([150, 200]);
    // ffmpeg's own autorotate of the source agrees with the export outside the mask.
    expectMaskedLikeSource(greyFrames(output, 150, 200), greyFrames(source, 150, 200), masks);
    expect(await checkClipLeak(output, { names: [], audio: false, masks, frames: 30 })).toEqual([]);
  });

  it('numbers the frames of a variable-rate clip on a constant grid, so masks land on the frame they were found on', async () => {
    const dir = tempDir();
    const source = makeClip(path.join(dir, 'vfr.mp4'), { fps: 25, seconds: 2, variableFrameRate: true, moving: true });
    const masks = [7, 8, 9, 30, 31].map((frame) => ({ frame, boxes: [{ x: 0.3, y: 0.3, w: 0.3, h: 0.3 }] }));
    const output = path.join(dir, 'vfr-out.mp4');
    const result = await exportClip(source, output, { longSide: null, masks });
    // Numbered at the clip's average rate (frames shown longer pull it below 25), on ffmpeg's fps grid.
    expect(result.frameRate).toBeLessThan(24);
    const grid = greyFrames(source, 320, 240, result.frameRate);
    expect(result.frames).toBe(grid.frames.length);
    expectMaskedLikeSource(greyFrames(output, 320, 240), grid, masks);
  });

  it('stops on cancel: both ffmpegs end and no partial file is left', async () => {
    const dir = tempDir();
    const source = makeClip(path.join(dir, 'long.mp4'), { width: 640, height: 480, seconds: 8, fps: 25 });
    const out = path.join(dir, 'out');
    execFileSync('mkdir', ['-p', out]);
    const controller = new AbortController();
    const reason = new AppError('job.cancelled');
    const exporting = exportClip(
      source,
      path.join(out, 'long.mp4'),
      { longSide: null, masks: [] },
      {
        signal: controller.signal,
        onProgress: (done) => {
          if (done === 20) controller.abort(reason);
        },
      },
    );
    await expect(exporting).rejects.toBe(reason);
    expect(readdirSync(out)).toEqual([]);
    const children = readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8').trim();
    const ffmpegs = children
      .split(/\s+/)
      .filter(Boolean)
      .filter((pid) => existsSync(`/proc/${pid}`) && readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'ffmpeg');
    expect(ffmpegs).toEqual([]);
  });

  it('fails cleanly on broken or hostile input, leaving nothing behind', async () => {
    const dir = tempDir();
    const good = makeClip(path.join(dir, 'good.mp4'), { seconds: 1 });
    const cases: Array<[string, Buffer | string]> = [
      ['cut.mp4', readFileSync(good).subarray(0, 3000)],
      ['text.mp4', 'Dit is geen video.\n'],
      ['list.mp4', `#EXTM3U\n#EXTINF:10.0,\nfile:${good}\n#EXT-X-ENDLIST\n`],
      ['empty.mov', Buffer.alloc(0)],
    ];
    const out = path.join(dir, 'out');
    execFileSync('mkdir', ['-p', out]);
    for (const [name, content] of cases) {
      writeFileSync(path.join(dir, name), content);
      const error = await exportClip(path.join(dir, name), path.join(out, name), { longSide: null, masks: [] }).catch(
        (caught: unknown) => caught,
      );
      expect(error, name).toBeInstanceOf(AppError);
      expect(['video.unreadable', 'video.undecodable', 'video.noPicture'], name).toContain((error as AppError).code);
    }
    expect(readdirSync(out)).toEqual([]);
  });
});
