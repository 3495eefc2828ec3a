// The CLI and video (issue 15): doctor names the bundled ffmpeg and ffprobe with their versions; index takes clips
// in the same command as photos, and a broken clip is a per-file warning with a non-zero exit, not a crash.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fotowacht } from '../helpers/cli';
import { useTempDirs } from '../helpers/tempDir';
import { makeClip } from '../helpers/videos';

const tempDir = useTempDirs();

describe('fotowacht and video', () => {
  it('doctor prints which ffmpeg and ffprobe run, and their versions', () => {
    const dataDir = tempDir();
    const text = fotowacht(['doctor', '--data-dir', dataDir]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/ffmpeg\s+ffmpeg version \S+.*\(package @ffmpeg-installer\/ffmpeg \d+\.\d+\.\d+\)/);
    expect(text.stdout).toMatch(/ffprobe\s+ffprobe version \S+.*\(package @ffprobe-installer\/ffprobe \d+\.\d+\.\d+\)/);
    const report = fotowacht(['doctor', '--json', '--data-dir', dataDir]).json<{
      video: Record<'ffmpeg' | 'ffprobe', { package: string; version: string; path: string }>;
    }>();
    expect(report.video.ffmpeg).toMatchObject({ package: '@ffmpeg-installer/ffmpeg' });
    expect(report.video.ffmpeg.version).toMatch(/^ffmpeg version /);
    expect(report.video.ffprobe.version).toMatch(/^ffprobe version /);
    expect(report.video.ffprobe.path).toContain('node_modules');
  });

  it('index takes clips beside photos and warns per broken clip, exiting non-zero', () => {
    const event = path.join(tempDir(), 'Musical');
    mkdirSync(event);
    makeClip(path.join(event, 'optreden.mp4'), { audio: true });
    writeFileSync(path.join(event, 'kapot.mp4'), Buffer.from('ftypisom but nothing after it'));
    const dataDir = tempDir();
    const text = fotowacht(['index', event, '--data-dir', dataDir, '--lang', 'nl']);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('Video’s: 1');
    expect(text.stdout).toContain('kapot.mp4 is geen video die Fotowacht kan openen');
    const json = fotowacht(['index', event, '--json', '--data-dir', dataDir]).json<{
      ok: boolean;
      videos: number;
      errors: Array<{ path: string; code: string }>;
    }>();
    expect(json).toMatchObject({ ok: false, videos: 1, errors: [{ path: 'kapot.mp4', code: 'video.unreadable' }] });
  });

  it('events lists an event of clips only with its clips counted', () => {
    const event = path.join(tempDir(), 'Schoolreis');
    mkdirSync(event);
    makeClip(path.join(event, 'bus.mp4'), { seconds: 1, metadata: { comment: 'bus' } });
    makeClip(path.join(event, 'dierentuin.mp4'), { seconds: 1, metadata: { comment: 'dierentuin' } });
    const dataDir = tempDir();
    expect(fotowacht(['index', event, '--data-dir', dataDir]).code).toBe(0);
    const text = fotowacht(['events', '--data-dir', dataDir]);
    expect(text.stdout).toMatch(/Schoolreis: 0 photos, 0 boxes, 0 names, 0 errors, 2 clips — /);
    expect(fotowacht(['events', '--data-dir', dataDir, '--lang', 'nl']).stdout).toContain('2 video’s');
    const json = fotowacht(['events', '--json', '--data-dir', dataDir]).json<
      Array<{ photos: number; clips: number }>
    >();
    expect(json).toEqual([expect.objectContaining({ photos: 0, clips: 2 })]);
  });
});
