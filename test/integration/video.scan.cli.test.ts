// Faces in clips from the command line (issue 15): `fotowacht index` searches the clips it finds in the same command,
// with progress in frames and seconds on stderr and per-clip track counts under --json; `fotowacht faces detect`
// does the same for the library and exits non-zero when a clip could not be scanned.
import { closeSync, mkdirSync, openSync, statSync, utimesSync, writeSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fotowacht } from '../helpers/cli';
import { makeMovingFacesClip, MOVING_FACES_SOURCE } from '../helpers/movingFaces';
import { describeNeeding } from '../helpers/sharedData';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();

interface ClipEntry {
  readonly name: string;
  readonly state: string;
  readonly frames: number;
  readonly tracks: number;
  readonly error: { code: string } | null;
}

describeNeeding(MOVING_FACES_SOURCE)('fotowacht and faces in clips', () => {
  it('index and faces detect search clips, report tracks per clip, and fail when a clip cannot be scanned', async () => {
    const event = path.join(tempDir(), 'Sportdag 2026');
    mkdirSync(event);
    const clip = await makeMovingFacesClip(path.join(event, 'estafette.mp4'), {
      width: 320,
      height: 240,
      fps: 20,
      seconds: 1.5,
      faces: 3,
      faceWidth: 40,
    });
    const dataDir = tempDir();
    const indexed = fotowacht(['index', event, '--json', '--data-dir', dataDir]);
    expect(indexed.code, indexed.stderr).toBe(0);
    const report = indexed.json<{ ok: boolean; videos: number; clips: { clips: ClipEntry[]; tracks: number } }>();
    expect(report.ok).toBe(true);
    expect(report.clips.clips).toEqual([
      expect.objectContaining({ name: 'estafette.mp4', state: 'scanned', frames: 30, error: null }),
    ]);
    expect(report.clips.clips[0]!.tracks).toBeGreaterThanOrEqual(3);
    // Progress in frames and seconds of the clip, on stderr.
    expect(indexed.stderr).toMatch(/estafette\.mp4: frame \d+ of \d+ \([\d.]+ of 1\.5 s\)/);

    const text = fotowacht(['faces', 'detect', '--all', '--data-dir', dataDir]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(
      /Clips: 1 searched \(\d+ face tracks\), 0 kept because their tracks were already named, 0 failed\./,
    );
    // Every third frame searched (VIDEO_SCAN_SETTINGS.sampleEvery).
    expect(text.stdout).toMatch(/estafette\.mp4: \d+ tracks in 30 frames \(10 searched\)/);

    // The clip's pictures overwritten, its size and time kept: the scan fails, the command says so and exits 1.
    const stat = statSync(clip.file);
    const fd = openSync(clip.file, 'r+');
    writeSync(fd, Buffer.alloc(stat.size - 64, 0x55), 0, stat.size - 64, 32);
    closeSync(fd);
    utimesSync(clip.file, stat.atime, stat.mtime);
    const failed = fotowacht(['faces', 'detect', '--all', '--json', '--data-dir', dataDir]);
    expect(failed.code).toBe(1);
    const clips = failed.json<{ clips: { clips: ClipEntry[] } }>().clips.clips;
    expect(clips).toEqual([expect.objectContaining({ name: 'estafette.mp4', state: 'failed' })]);
    expect(clips[0]!.error!.code).toMatch(/^video\./);
  }, 300_000);
});

describe('fotowacht faces detect', () => {
  it('--help names --force (rescanning clips whose tracks were named)', () => {
    const help = fotowacht(['faces', 'detect', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--force');
  });
});
