// A clip's frames streamed for the face detector (issue 15): one ffmpeg child, raw RGB on a pipe, every n-th frame,
// in the orientation a player shows, with the exact decoded frame count; a cancel kills the child, a broken clip is
// an error for that clip, and a slow consumer holds the child back instead of piling frames up in memory.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import sharp from 'sharp';
import { grabFrame, streamFrames, streamSize } from '../../electron/core/video';
import { useTempDirs } from '../helpers/tempDir';
import { makeClip } from '../helpers/videos';

const tempDir = useTempDirs();

async function collect(stream: ReturnType<typeof streamFrames>) {
  const frames: Array<{ frame: number; width: number; height: number; bytes: number }> = [];
  for await (const frame of stream.frames) {
    frames.push({ frame: frame.frame, width: frame.width, height: frame.height, bytes: frame.data.length });
  }
  return { frames, frameCount: await stream.frameCount };
}

/** ffmpeg processes of this user that read `file` (the child of a stream). */
function ffmpegReading(file: string): number {
  try {
    return execFileSync('pgrep', ['-f', file], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
}

describe('streaming a clip’s frames', () => {
  it('sends every n-th frame as RGB at the size asked, numbered in the clip, and counts every decoded frame', async () => {
    const clip = makeClip(path.join(tempDir(), 'clip.mp4'), { width: 320, height: 240, fps: 25, seconds: 2 });
    const every = await collect(
      streamFrames(clip, 'clip.mp4', { width: 320, height: 240 }, { frameRate: 25, sampleEvery: 1, maxSide: 1920 }),
    );
    expect(every.frameCount).toBe(50);
    expect(every.frames.map((f) => f.frame)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(every.frames[0]).toMatchObject({ width: 320, height: 240, bytes: 320 * 240 * 3 });
    const third = await collect(
      streamFrames(clip, 'clip.mp4', { width: 320, height: 240 }, { frameRate: 25, sampleEvery: 3, maxSide: 160 }),
    );
    expect(third.frameCount).toBe(50);
    expect(third.frames.map((f) => f.frame)).toEqual(Array.from({ length: 17 }, (_, i) => i * 3));
    expect(third.frames[0]).toMatchObject({ width: 160, height: 120, bytes: 160 * 120 * 3 });
    expect(streamSize(3840, 2160, 1920)).toEqual({ width: 1920, height: 1080 });
  });

  it('turns the frames of a clip with a rotation as the poster and previews are turned (frames.ts)', async () => {
    const turned = makeClip(path.join(tempDir(), 'staand.mov'), { width: 320, height: 240, seconds: 1, rotate: 90 });
    let shown: { data: Buffer; width: number; height: number } | null = null;
    for await (const frame of streamFrames(
      turned,
      'staand.mov',
      { width: 240, height: 320 },
      { frameRate: 25, sampleEvery: 1, maxSide: 1920 },
    ).frames) {
      shown = frame;
      break;
    }
    expect(shown).toMatchObject({ width: 240, height: 320 });
    const poster = await sharp((await grabFrame(turned, 0, 'staand.mov'))!)
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(poster.info).toMatchObject({ width: 240, height: 320 });
    let difference = 0;
    for (let i = 0; i < poster.data.length; i++) difference += Math.abs(poster.data[i]! - shown!.data[i]!);
    expect(difference / poster.data.length).toBeLessThan(4);
    // …and not merely the same size: the frame as stored, turned the other way, differs plainly.
    let mirrored = 0;
    for (let y = 0; y < 320; y++) {
      for (let x = 0; x < 240; x++) {
        for (let c = 0; c < 3; c++) {
          mirrored += Math.abs(
            poster.data[(y * 240 + x) * 3 + c]! - shown!.data[((319 - y) * 240 + (239 - x)) * 3 + c]!,
          );
        }
      }
    }
    expect(mirrored / poster.data.length).toBeGreaterThan(30);
  });

  it('is an error for that clip when the file is no video, and when it is cut short before any frame', async () => {
    const dir = tempDir();
    const garbage = path.join(dir, 'kapot.mp4');
    writeFileSync(garbage, Buffer.from('not a clip at all '.repeat(200)));
    await expect(
      collect(
        streamFrames(
          garbage,
          'kapot.mp4',
          { width: 320, height: 240 },
          { frameRate: 25, sampleEvery: 1, maxSide: 320 },
        ),
      ),
    ).rejects.toMatchObject({
      code: 'video.undecodable',
      params: { file: 'kapot.mp4' },
    });
    const whole = makeClip(path.join(dir, 'heel.mp4'), { seconds: 1 });
    const cut = path.join(dir, 'afgebroken.mp4');
    writeFileSync(cut, readFileSync(whole).subarray(0, 2000));
    const error = await collect(
      streamFrames(cut, 'afgebroken.mp4', { width: 320, height: 240 }, { frameRate: 25, sampleEvery: 1, maxSide: 320 }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('video.undecodable');
  });

  it('kills the ffmpeg child at once when cancelled, and holds it back while the consumer is busy', async () => {
    const clip = makeClip(path.join(tempDir(), 'lang.mp4'), { width: 320, height: 240, fps: 25, seconds: 20 });
    const controller = new AbortController();
    const stream = streamFrames(
      clip,
      'lang.mp4',
      { width: 320, height: 240 },
      {
        frameRate: 25,
        sampleEvery: 1,
        maxSide: 320,
        readAhead: 2,
        signal: controller.signal,
      },
    );
    const iterator = stream.frames[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    // A busy consumer: the child waits on the full pipe; only a few frames were read ahead meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(ffmpegReading(clip)).toBe(1);
    let taken = 1;
    controller.abort(new Error('cancelled by the user'));
    const ended = await (async () => {
      try {
        for (;;) {
          const next = await iterator.next();
          if (next.done) return 'done';
          taken++;
        }
      } catch (error) {
        return error;
      }
    })();
    expect(ended).toBeInstanceOf(Error);
    expect((ended as Error).message).toBe('cancelled by the user');
    // Read ahead is bounded: what arrived before the cancel is far from the clip's 500 frames.
    expect(taken).toBeLessThan(40);
    await expect(stream.frameCount).rejects.toThrow('cancelled by the user');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(ffmpegReading(clip)).toBe(0);
  });
});
