// fotowacht export with clips (issue 15): the event's clips in the same command, progress in frames and seconds on
// stderr, --json with the clip items, --keep-audio, and a non-zero exit when a clip failed.
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreContext } from '../../electron/core/context';
import type { ExportSummary } from '../../shared/publish';
import { fotowacht } from '../helpers/cli';
import { clipSchool, linkTrack, observations, scanClip, streamsOf } from '../helpers/clipSchool';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const cores: CoreContext[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

/** A data folder with two clips: CLIP_0001 with Zoë (consent) and an open track, CLIP_0002 never scanned. */
async function preparedSchool() {
  const dataDir = tempDir();
  const s = await clipSchool(dataDir, tempDir(), [{ file: 'CLIP_0001.mp4' }, { file: 'CLIP_0002.mp4' }]);
  const [zoe] = scanClip(s.core, s.clips.get('CLIP_0001.mp4')!, [
    observations(0, 45, { x: 0.05, y: 0.1, w: 0.2, h: 0.3 }),
    observations(0, 45, { x: 0.6, y: 0.5, w: 0.15, h: 0.2 }),
  ]);
  linkTrack(s.core, zoe!, s.person('1001'));
  await s.core.close();
  return { ...s, dataDir };
}

const exportArgs = (out: string) => ['export', '--channel', 'social', '--date', '2026-10-01', '--out', out];

describe('fotowacht export with clips', () => {
  it('exports the event’s clips with its photos, frames on stderr, clip items in --json, sound off', async () => {
    const s = await preparedSchool();
    const out = path.join(tempDir(), 'social');
    const run = fotowacht([...exportArgs(out), '--event', 'Sportdag 2026', '--json'], { dataDir: s.dataDir });
    expect(run.code, run.stderr).toBe(0);
    const summary = run.json<ExportSummary & { ok: boolean }>();
    expect(summary.ok).toBe(true);
    expect(summary.keepAudio).toBe(false);
    const byName = new Map(summary.clips.map((clip) => [clip.sourceName, clip]));
    expect(byName.get('CLIP_0001.mp4')).toMatchObject({ decision: 'hide', state: 'done', hiddenTracks: 1, frames: 50 });
    expect(byName.get('CLIP_0002.mp4')).toMatchObject({ decision: 'needs_review', state: 'skipped' });
    expect(run.stderr).toMatch(/CLIP_0001\.mp4 frame \d+ of 50 \(\d+\.\d of 2\.0 s\)/);
    expect(run.stderr).toContain('CLIP_0002.mp4: Needs review — the face detector has not looked at this clip yet');
    expect(run.stderr).toContain('Clips exported: 1 · hidden tracks: 1 · sound: removed');
    expect(run.stderr).toContain('watch every clip before you post it');
    const file = path.join(out, byName.get('CLIP_0001.mp4')!.outputName!);
    expect(streamsOf(file).map((stream) => stream.codec_type)).toEqual(['video']);
  });

  it('keeps the sound only with --keep-audio, for the clips chosen with --clips', async () => {
    const s = await preparedSchool();
    const out = path.join(tempDir(), 'social');
    const hash = s.clips.get('CLIP_0001.mp4')!;
    const run = fotowacht([...exportArgs(out), '--clips', hash, '--keep-audio'], { dataDir: s.dataDir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Clips exported: 1 · hidden tracks: 1 · sound: kept (chosen)');
    const file = path.join(out, 'export_0001.mp4');
    expect(streamsOf(file).map((stream) => stream.codec_type)).toEqual(['video', 'audio']);
  });

  it('exits non-zero when a clip failed, and says which', async () => {
    const s = await preparedSchool();
    // The file changed after indexing: its tracks belong to other bytes.
    appendFileSync(path.join(s.eventDir, 'CLIP_0001.mp4'), 'x');
    const out = path.join(tempDir(), 'social');
    const run = fotowacht([...exportArgs(out), '--clips', s.clips.get('CLIP_0001.mp4')!, '--json'], {
      dataDir: s.dataDir,
    });
    expect(run.code).toBe(1);
    const summary = run.json<ExportSummary & { ok: boolean }>();
    expect(summary.ok).toBe(false);
    expect(summary.failed).toBe(1);
    expect(summary.clips[0]).toMatchObject({ state: 'failed', outputName: null });
    expect(run.stderr).toContain('CLIP_0001.mp4: not exported');
  });
});
