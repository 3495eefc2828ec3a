// Clips through the export job (issue 15): a generated clip with tracks put in directly and consent for one linked
// pupil — her region untouched, every other track masked in every frame it may be on screen (decoded frame by frame
// and compared with trackBoxes), no sound unless chosen (and then logged), a blocked clip and an unscanned one not
// exported, manifest, export rows, audit events and "where published" for clips.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeAuditEvent } from '../../electron/core/audit';
import { listAuditEvents, verifyAuditTrail } from '../../electron/core/audit/trail';
import { consentOn } from '../../electron/core/consent/registry';
import type { CoreContext } from '../../electron/core/context';
import { listVideoTracks, getVideoScan } from '../../electron/core/library/videoTrackRepository';
import { erasePerson } from '../../electron/core/privacy';
import { startExport, wherePublished } from '../../electron/core/publish';
import { sha256 } from '../../electron/core/publish/writePhoto';
import { DEFAULT_TRACK_OPTIONS, trackBoxes } from '../../electron/core/video';
import type { Box } from '../../shared/geometry';
import type { ExportRequest, ExportSummary } from '../../shared/publish';
import {
  CLIP_FRAMES,
  CLIP_SIZE,
  clipSchool,
  linkTrack,
  lumaFrames,
  markTrack,
  observations,
  scanClip,
  streamsOf,
  type ClipSchool,
} from '../helpers/clipSchool';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const cores: CoreContext[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

const MASK_Y = 98;
const ZOE_START: Box = { x: 0.02, y: 0.05, w: 0.2, h: 0.3 };

/**
 * CLIP_0001: Zoë (consent for social media) moving right, Sem (refused) bottom right, an open track top middle, a
 * dismissed track bottom middle. CLIP_0002: an unknown face as large as a quarter of the picture in every frame.
 * CLIP_0003: never scanned.
 */
async function school(): Promise<ClipSchool & { tracks: Record<'zoe' | 'sem' | 'open' | 'dismissed', number> }> {
  const s = await clipSchool(tempDir(), tempDir(), [
    // Sem is named in the file too: his linked track covers that.
    { file: 'CLIP_0001.mp4', names: ["Sem van 't Hof"] },
    { file: 'CLIP_0002.mp4' },
    { file: 'CLIP_0003.mp4' },
  ]);
  cores.push(s.core);
  const [zoe, sem, open, dismissed] = scanClip(s.core, s.clips.get('CLIP_0001.mp4')!, [
    observations(0, 45, ZOE_START, { dx: 0.002 }),
    observations(10, 40, { x: 0.65, y: 0.55, w: 0.15, h: 0.2 }),
    observations(0, 20, { x: 0.45, y: 0.05, w: 0.1, h: 0.15 }),
    observations(0, 45, { x: 0.38, y: 0.6, w: 0.1, h: 0.15 }),
  ]) as [number, number, number, number];
  linkTrack(s.core, zoe, s.person('1001'));
  linkTrack(s.core, sem, s.person('1002'));
  markTrack(s.core, dismissed, 'dismissed');
  scanClip(s.core, s.clips.get('CLIP_0002.mp4')!, [observations(0, 45, { x: 0.25, y: 0.25, w: 0.5, h: 0.5 })]);
  return { ...s, tracks: { zoe, sem, open, dismissed } };
}

async function exportClips(core: CoreContext, request: Omit<ExportRequest, 'channelId' | 'date'>) {
  const job = startExport(core, { channelId: 'social', date: '2026-10-01', ...request });
  const end = await job.finished;
  if (end.state !== 'done') throw new Error(`export ${end.state}: ${JSON.stringify(end.error ?? end.errors)}`);
  return end.result!;
}

/** The pixels of a box on a luma plane, `inset` pixels in from each edge. */
function pixelsIn(plane: Buffer, box: Box, inset: number): number[] {
  const { width, height } = CLIP_SIZE;
  const x0 = Math.max(0, Math.ceil(box.x * width) + inset);
  const y0 = Math.max(0, Math.ceil(box.y * height) + inset);
  const x1 = Math.min(width, Math.floor((box.x + box.w) * width) - inset);
  const y1 = Math.min(height, Math.floor((box.y + box.h) * height) - inset);
  const values: number[] = [];
  for (let y = y0; y < y1; y += 1) for (let x = x0; x < x1; x += 1) values.push(plane[y * width + x]!);
  return values;
}

function clipItem(summary: ExportSummary, file: string) {
  return summary.clips.find((clip) => clip.sourceName === file)!;
}

describe('clips in the export job', () => {
  it('masks every hidden track in every frame it may be on screen, leaves the consented pupil as she is, drops the sound', async () => {
    const s = await school();
    const { core } = s;
    const outDir = path.join(tempDir(), 'social');
    const summary = await exportClips(core, { eventId: s.eventId, outDir });

    const clip = clipItem(summary, 'CLIP_0001.mp4');
    expect(clip).toMatchObject({ decision: 'hide', state: 'done', hiddenTracks: 2, audioKept: false });
    expect(clip.frames).toBe(CLIP_FRAMES);
    expect(clip.outputName).toMatch(/^sportdag-2026_\d{4}\.mp4$/);
    expect(clipItem(summary, 'CLIP_0002.mp4')).toMatchObject({
      decision: 'blocked',
      state: 'skipped',
      outputName: null,
    });
    expect(clipItem(summary, 'CLIP_0002.mp4').problems[0]!.code).toBe('policy.clip.mainSubjectUnknown');
    expect(clipItem(summary, 'CLIP_0003.mp4')).toMatchObject({ decision: 'needs_review', state: 'skipped' });
    expect(summary).toMatchObject({ failed: 0, hiddenTracks: 2, keepAudio: false });
    // Only the one clip that may go out is in the folder (beside the photos and the manifest).
    expect(readdirSync(outDir).filter((name) => name.endsWith('.mp4'))).toEqual([clip.outputName]);

    const output = path.join(outDir, clip.outputName!);
    expect(streamsOf(output).map((stream) => `${stream.codec_type}:${stream.codec_name}`)).toEqual(['video:h264']);
    const bytes = readFileSync(output);
    for (const name of ['Sem', 'Hof', 'Zoë', 'Bakker', 'Sportdag met']) expect(bytes.includes(name)).toBe(false);

    // Every frame decoded: each hidden track's box flat mask grey in every frame trackBoxes gives it (found,
    // interpolated, margin), the dismissed track and Zoë as in the source.
    const out = lumaFrames(output, CLIP_SIZE);
    const source = lumaFrames(path.join(s.eventDir, 'CLIP_0001.mp4'), CLIP_SIZE);
    expect(out).toHaveLength(CLIP_FRAMES);
    const scan = getVideoScan(core.db, s.clips.get('CLIP_0001.mp4')!)!;
    const options = { ...DEFAULT_TRACK_OPTIONS, ...scan.options, frameCount: scan.frameCount };
    const tracks = new Map(listVideoTracks(core.db, scan.videoHash).map((track) => [track.id, track]));
    let maskedBoxes = 0;
    for (const id of [s.tracks.sem, s.tracks.open]) {
      const boxes = trackBoxes(tracks.get(id)!, options);
      expect(boxes.some((box) => box.kind === 'margin')).toBe(true);
      expect(boxes.some((box) => box.kind === 'interpolated')).toBe(true);
      for (const { frame, box } of boxes) {
        const values = pixelsIn(out[frame]!, box, 1);
        expect(values.length).toBeGreaterThan(0);
        const off = values.filter((value) => Math.abs(value - MASK_Y) > 3).length;
        expect(off, `track ${id} frame ${frame}`).toBe(0);
        maskedBoxes += 1;
      }
    }
    expect(maskedBoxes).toBeGreaterThan(2 * 30);
    const untouched = (id: number) => {
      for (const { frame, box } of trackBoxes(tracks.get(id)!, options).filter((b) => b.kind === 'detected')) {
        const got = pixelsIn(out[frame]!, box, 2);
        const want = pixelsIn(source[frame]!, box, 2);
        const meanDiff = got.reduce((sum, value, i) => sum + Math.abs(value - want[i]!), 0) / got.length;
        expect(meanDiff, `track ${id} frame ${frame}`).toBeLessThan(8);
        expect(got.filter((value) => Math.abs(value - MASK_Y) <= 3).length / got.length).toBeLessThan(0.5);
      }
    };
    untouched(s.tracks.zoe);
    untouched(s.tracks.dismissed);

    // The manifest: the clip's hashes, decision, hidden tracks and sound; Zoë by id and consent version only.
    const manifest = JSON.parse(readFileSync(path.join(outDir, 'manifest.json'), 'utf8')) as {
      settings: Record<string, unknown>;
      files: Array<Record<string, unknown>>;
    };
    expect(manifest.settings.keepAudio).toBe(false);
    const zoeConsent = consentOn(core.db, s.person('1001'), 'social', '2026-10-01');
    expect(manifest.files.find((file) => file.outputName === clip.outputName)).toEqual({
      kind: 'clip',
      outputName: clip.outputName,
      sourceSha256: s.clips.get('CLIP_0001.mp4'),
      outputSha256: sha256(bytes),
      decision: 'hide',
      overridden: false,
      hiddenRegions: 2,
      audioKept: false,
      visiblePeople: [{ personId: s.person('1001'), consentRecordId: zoeConsent.recordId }],
      problems: [],
    });
    expect(
      manifest.files
        .filter((file) => file.kind === 'clip')
        .map((file) => file.decision)
        .sort(),
    ).toEqual(['blocked', 'hide', 'needs_review']);
    const csv = readFileSync(path.join(outDir, 'manifest.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/,kind,audio$/);
    expect(csv).toContain(`${clip.outputName},${s.clips.get('CLIP_0001.mp4')}`);
    expect(csv).toMatch(/,clip,removed\r\n/);

    // The export's rows and the audit event; Zoë's clip is a publication of hers.
    const rows = core.db
      .prepare('SELECT video_hash, state, decision, hidden_tracks, audio_kept, frames FROM export_clips ORDER BY id')
      .all();
    expect(rows).toHaveLength(3);
    expect(rows).toEqual(
      expect.arrayContaining([
        {
          video_hash: s.clips.get('CLIP_0001.mp4'),
          state: 'done',
          decision: 'hide',
          hidden_tracks: 2,
          audio_kept: 0,
          frames: 50,
        },
        {
          video_hash: s.clips.get('CLIP_0002.mp4'),
          state: 'skipped',
          decision: 'blocked',
          hidden_tracks: 1,
          audio_kept: 0,
          frames: null,
        },
        {
          video_hash: s.clips.get('CLIP_0003.mp4'),
          state: 'skipped',
          decision: 'needs_review',
          hidden_tracks: 0,
          audio_kept: 0,
          frames: null,
        },
      ]),
    );
    const done = listAuditEvents(core.db, { limit: 5, action: 'export.done' })[0]!;
    expect(done.details).toMatchObject({
      settings: { keepAudio: false, clips: 3 },
      clipsExported: 1,
      hiddenTracks: 2,
      audioKept: 0,
      failed: 0,
    });
    expect(describeAuditEvent(done, 'en')).toContain(
      'Clips: 1 ready, 2 tracks hidden in every frame they may be on screen; sound removed.',
    );
    expect(verifyAuditTrail(core.db).ok).toBe(true);
    expect(wherePublished(core.db, s.person('1001')).map((row) => [row.outputName, row.photoHash])).toContainEqual([
      clip.outputName,
      s.clips.get('CLIP_0001.mp4'),
    ]);
    // Sem was hidden in it: not a publication of his.
    expect(wherePublished(core.db, s.person('1002')).map((row) => row.photoHash)).not.toContain(
      s.clips.get('CLIP_0001.mp4'),
    );
  });

  it('keeps the sound only when chosen, says so in the manifest and the audit trail, and lifts a block with a reason', async () => {
    const s = await school();
    const { core } = s;
    const outDir = path.join(tempDir(), 'social');
    const reason = 'alleen de rug is te zien';
    const summary = await exportClips(core, {
      videoHashes: [s.clips.get('CLIP_0001.mp4')!, s.clips.get('CLIP_0002.mp4')!],
      outDir,
      keepAudio: true,
      overrides: { [s.clips.get('CLIP_0002.mp4')!]: reason },
    });
    expect(summary.items).toEqual([]);
    expect(summary.clips.map((clip) => [clip.sourceName, clip.decision, clip.state, clip.audioKept])).toEqual([
      ['CLIP_0001.mp4', 'hide', 'done', true],
      ['CLIP_0002.mp4', 'hide', 'done', true],
    ]);
    for (const clip of summary.clips) {
      expect(streamsOf(path.join(outDir, clip.outputName!)).map((stream) => stream.codec_type)).toEqual([
        'video',
        'audio',
      ]);
    }
    const manifest = JSON.parse(readFileSync(path.join(outDir, 'manifest.json'), 'utf8')) as {
      settings: Record<string, unknown>;
      files: Array<Record<string, unknown>>;
    };
    expect(manifest.settings.keepAudio).toBe(true);
    expect(manifest.files.map((file) => [file.audioKept, file.overridden])).toEqual([
      [true, false],
      [true, true],
    ]);
    const done = listAuditEvents(core.db, { limit: 5, action: 'export.done' })[0]!;
    expect(done.details).toMatchObject({ settings: { keepAudio: true }, clipsExported: 2, audioKept: 2 });
    expect(describeAuditEvent(done, 'nl')).toContain('geluid behouden (gekozen bij de export)');
    const override = listAuditEvents(core.db, { limit: 5, action: 'export.override' })[0]!;
    expect(override.subject).toBe(`clip:${s.clips.get('CLIP_0002.mp4')}`);
    expect(describeAuditEvent(override, 'en')).toMatch(/^A block on a clip was overridden for /);
    expect(override.details).toMatchObject({ blockers: ['policy.clip.mainSubjectUnknown', 'policy.overridden'] });
    // The reason is kept beside the chain, never in it.
    expect(JSON.stringify(override.details)).not.toContain(reason);
    expect(
      core.db
        .prepare('SELECT override_reason FROM export_clips WHERE video_hash = ?')
        .pluck()
        .get(s.clips.get('CLIP_0002.mp4')),
    ).toBe(reason);
  });

  it('fails a clip whose file changed since indexing: a failed item, never a success, and nothing of it left', async () => {
    const s = await school();
    const { core } = s;
    // The clip's file is replaced by other bytes: its tracks were found on a clip that is not there any more.
    const file = path.join(s.eventDir, 'CLIP_0001.mp4');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, Buffer.concat([readFileSync(file), Buffer.from('x')]));
    const outDir = path.join(tempDir(), 'social');
    const job = startExport(core, {
      channelId: 'social',
      date: '2026-10-01',
      videoHashes: [s.clips.get('CLIP_0001.mp4')!],
      outDir,
    });
    const end = await job.finished;
    expect(end.state).toBe('done');
    expect(end.failed).toBe(1);
    expect(end.errors[0]).toMatchObject({ item: 'CLIP_0001.mp4', code: 'publish.clipFileMissing' });
    expect(end.result!.clips[0]).toMatchObject({ state: 'failed', outputName: null });
    expect(end.result!.failed).toBe(1);
    expect(existsSync(outDir) && readdirSync(outDir).some((name) => name.endsWith('.mp4'))).toBe(false);
    expect(core.db.prepare('SELECT state, error_code FROM export_clips').get()).toEqual({
      state: 'failed',
      error_code: 'publish.clipFileMissing',
    });
  });

  it('clears the override reason of a clip when a person linked in it is erased', async () => {
    const s = await school();
    const { core } = s;
    const hash = s.clips.get('CLIP_0002.mp4')!;
    // Sem is the large face of CLIP_0002: blocked as its main subject, overridden with a reason naming him.
    linkTrack(core, listVideoTracks(core.db, hash)[0]!.id, s.person('1002'));
    const reason = 'Sem van ’t Hof staat er met zijn rug op';
    const summary = await exportClips(core, {
      videoHashes: [hash],
      outDir: path.join(tempDir(), 'social'),
      overrides: { [hash]: reason },
    });
    expect(summary.clips[0]).toMatchObject({ decision: 'hide', state: 'done' });
    const stored = core.db.prepare('SELECT override_reason FROM export_clips WHERE video_hash = ?').pluck();
    expect(stored.get(hash)).toBe(reason);
    erasePerson(core.db, core.actor(), s.person('1002'), 'Verzoek ouders');
    const erased = listAuditEvents(core.db, { limit: 1, action: 'person.erased' })[0]!;
    expect(erased.details).toMatchObject({ overrideReasonsRemoved: 1 });
    expect(stored.get(hash)).toBeNull();
  });

  it('cancelled while a clip is written: the export is cancelled and nothing of it is left', async () => {
    const s = await clipSchool(tempDir(), tempDir(), [{ file: 'LONG.mp4', seconds: 20 }]);
    cores.push(s.core);
    const hash = s.clips.get('LONG.mp4')!;
    scanClip(s.core, hash, [observations(0, 45, { x: 0.6, y: 0.5, w: 0.15, h: 0.2 })]);
    const outDir = path.join(tempDir(), 'social');
    const job = startExport(s.core, { channelId: 'social', date: '2026-10-01', videoHashes: [hash], outDir });
    // Cancelled as soon as the job reports frames of the clip (the clip has 500).
    const seen: number[] = [];
    const unsubscribe = s.core.jobs.onProgress((progress) => {
      if (progress.jobId !== job.jobId || !progress.frames) return;
      seen.push(progress.frames.done);
      void s.core.jobs.cancel(job.jobId);
    });
    const end = await job.finished;
    unsubscribe();
    expect(seen.length).toBeGreaterThan(0);
    expect(Math.min(...seen)).toBeLessThan(500);
    expect(end.state).toBe('cancelled');
    expect(readdirSync(outDir)).toEqual([]);
    expect(readdirSync(path.join(s.core.paths.root, 'tmp')).filter((name) => name.startsWith('export-'))).toEqual([]);
    expect(listAuditEvents(s.core.db, { limit: 1 })[0]).toMatchObject({ action: 'export.cancelled' });
  });
});
