// A clip whose read-back check finds a leak (issue 15): the item fails — in the summary, the job, the export's rows,
// the manifest — and the file never reaches the export folder. The video domain's checkClipLeak is made to report a
// finding here (its own tests make real bad files fail it); what is tested is that the export job never calls such a
// clip a success.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CoreContext } from '../../electron/core/context';
import { startExport } from '../../electron/core/publish';
import type * as video from '../../electron/core/video';
import { clipSchool, observations, scanClip } from '../helpers/clipSchool';
import { useTempDirs } from '../helpers/tempDir';

const { leakCheck } = vi.hoisted(() => ({ leakCheck: vi.fn() }));
vi.mock('../../electron/core/video', async (importOriginal) => ({
  ...(await importOriginal<typeof video>()),
  checkClipLeak: leakCheck,
}));

const tempDir = useTempDirs();
const cores: CoreContext[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

describe('a clip that fails its leak check', () => {
  it('is a failed item with the findings, its file removed, never a success', async () => {
    leakCheck.mockResolvedValue([{ code: 'leak.regionVisible', params: { frame: 12, masked: true } }]);
    const s = await clipSchool(tempDir(), tempDir(), [{ file: 'CLIP_0001.mp4' }]);
    cores.push(s.core);
    const hash = s.clips.get('CLIP_0001.mp4')!;
    scanClip(s.core, hash, [observations(0, 45, { x: 0.6, y: 0.5, w: 0.15, h: 0.2 })]);
    const outDir = path.join(tempDir(), 'social');
    const job = startExport(s.core, { channelId: 'social', date: '2026-10-01', videoHashes: [hash], outDir });
    const end = await job.finished;

    // The check was asked about the masks of every frame the open track may be on screen, and sound off.
    expect(leakCheck).toHaveBeenCalledTimes(1);
    const [, expectations] = leakCheck.mock.calls[0] as [string, { audio: boolean; masks: unknown[]; names: string[] }];
    expect(expectations.audio).toBe(false);
    expect(expectations.masks.length).toBeGreaterThanOrEqual(46);
    expect(expectations.names).toContain("Sem van 't Hof");

    expect(end.state).toBe('done');
    expect(end.failed).toBe(1);
    expect(end.errors[0]).toMatchObject({ item: 'CLIP_0001.mp4', code: 'publish.leakCheckFailed' });
    expect(end.result!.clips[0]).toMatchObject({
      state: 'failed',
      outputName: null,
      problems: [{ code: 'leak.regionVisible', params: { frame: 12, masked: 'true' } }],
    });
    expect(end.result!.exported).toBe(0);
    expect(readdirSync(outDir).filter((name) => name.endsWith('.mp4'))).toEqual([]);
    const manifest = JSON.parse(readFileSync(path.join(outDir, 'manifest.json'), 'utf8')) as {
      files: Array<Record<string, unknown>>;
    };
    expect(manifest.files).toEqual([
      expect.objectContaining({ kind: 'clip', outputName: null, problems: ['leak.regionVisible'] }),
    ]);
    expect(s.core.db.prepare('SELECT state, error_code, output_name FROM export_clips').get()).toEqual({
      state: 'failed',
      error_code: 'leak.regionVisible',
      output_name: null,
    });
  });
});
