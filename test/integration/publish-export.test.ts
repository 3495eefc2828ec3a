// The whole publish step on a sample school: decide, export for social media, check every file, manifest,
// audit event, where published, and the takedown list after a withdrawal.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { anchorFromFileText } from '../../electron/core/audit';
import { listAuditEvents, verifyAuditTrail } from '../../electron/core/audit/trail';
import { consentOn, findPersonByKey, withdrawConsent } from '../../electron/core/consent';
import type { CoreContext } from '../../electron/core/context';
import { startExport } from '../../electron/core/publish';
import { sha256 } from '../../electron/core/publish/writePhoto';
import { checkPublishedFile } from '../../electron/core/publish/leakCheck';
import { readJpegStructure } from '../../electron/core/publish/jpegSegments';
import { publicationsCsv, takedownList, wherePublished } from '../../electron/core/publish';
import { createIpcRouter } from '../../electron/core/ipc/handlers';
import type { ExportSummary } from '../../shared/publish';
import { indexedSchool, markFacesChecked } from '../helpers/school';
import { fileHandle } from '../helpers/handles';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const cores: CoreContext[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

async function school() {
  const s = await indexedSchool(tempDir(), tempDir());
  cores.push(s.core);
  return s;
}

const NAMES = [
  'Zoë',
  'Zoe',
  'Bakker',
  'Sem',
  'Hof',
  'Noah',
  'Jansen',
  'Daniëlle',
  'Groot',
  'Fleur',
  'Dijk',
  'Bram',
  'Horst',
];

async function exportEvent(
  core: CoreContext,
  eventId: number,
  outDir: string,
  date = '2026-10-01',
  overrides?: Record<string, string>,
): Promise<ExportSummary> {
  const job = startExport(core, { channelId: 'social', date, eventId, outDir, overrides });
  const end = await job.finished;
  if (end.state !== 'done') throw new Error(`export ${end.state}: ${JSON.stringify(end.error ?? end.errors)}`);
  return end.result!;
}

describe('export for social media', () => {
  it('decides per photo, hides who has no consent, blocks the main subject, and checks every written file', async () => {
    const { core, eventId, hashes } = await school();
    markFacesChecked(core);
    const outDir = path.join(tempDir(), 'social');
    const summary = await exportEvent(core, eventId, outDir);

    const byFile = new Map(summary.items.map((item) => [item.sourceName, item]));
    expect(byFile.get('IMG_0001.jpg')).toMatchObject({ decision: 'publish', state: 'done', hiddenCount: 0 }); // Zoë + Bram: both consented
    expect(byFile.get('IMG_0002.jpg')).toMatchObject({ decision: 'hide', state: 'done', hiddenCount: 1 }); // Sem refused
    expect(byFile.get('IMG_0003.jpg')).toMatchObject({ decision: 'hide', state: 'done', hiddenCount: 1 }); // two pupils named Noah Jansen
    expect(byFile.get('IMG_0004.jpg')).toMatchObject({ decision: 'hide', state: 'done', hiddenCount: 1 }); // Fleur's form not returned
    expect(byFile.get('IMG_0005.jpg')).toMatchObject({ decision: 'hide', state: 'done', hiddenCount: 1 }); // a face without a name
    expect(byFile.get('IMG_0006.jpg')).toMatchObject({ decision: 'blocked', state: 'skipped', outputName: null }); // Sem is the main subject
    expect(summary).toMatchObject({
      exported: 5,
      hiddenRegions: 4,
      blocked: 1,
      needsReview: 0,
      failed: 0,
      schoolYear: '2026-2027',
    });

    // The folder: numbered files without names, the manifest, nothing else.
    const files = readdirSync(outDir).sort();
    expect(files).toEqual([
      'manifest.csv',
      'manifest.json',
      'sportdag-2026_0001.jpg',
      'sportdag-2026_0002.jpg',
      'sportdag-2026_0003.jpg',
      'sportdag-2026_0004.jpg',
      'sportdag-2026_0005.jpg',
    ]);

    for (const item of summary.items.filter((i) => i.state === 'done')) {
      const bytes = readFileSync(path.join(outDir, item.outputName!));
      const markers = readJpegStructure(bytes).segments.map((segment) => segment.marker);
      expect(markers.filter((marker) => (marker >= 0xe0 && marker <= 0xef) || marker === 0xfe)).toEqual([]);
      expect(await checkPublishedFile({ file: bytes, names: NAMES, hidden: [], hideStyle: 'mask' })).toEqual([]);
      const meta = await sharp(bytes).metadata();
      expect(Math.max(meta.width!, meta.height!)).toBe(2048);
    }

    // Sem's face on IMG_0002 (right figure) is flat; Zoë's (left) is not.
    const second = await sharp(path.join(outDir, 'sportdag-2026_0002.jpg')).raw().toBuffer({ resolveWithObject: true });
    const spread = (x0: number, y0: number, w: number, h: number) => {
      const values: number[] = [];
      for (let y = Math.round(y0 * second.info.height); y < Math.round((y0 + h) * second.info.height); y += 1) {
        for (let x = Math.round(x0 * second.info.width); x < Math.round((x0 + w) * second.info.width); x += 1)
          values.push(second.data[(y * second.info.width + x) * 3]!);
      }
      return Math.max(...values) - Math.min(...values);
    };
    expect(spread(0.632, 0.228, 0.07, 0.105)).toBeLessThanOrEqual(6);
    expect(spread(0.298, 0.228, 0.07, 0.105)).toBeGreaterThan(60);

    // The manifest: hashes and consent ids, no names.
    const manifestText = readFileSync(path.join(outDir, 'manifest.json'), 'utf8');
    for (const name of NAMES) expect(manifestText).not.toContain(name);
    expect(readFileSync(path.join(outDir, 'manifest.csv'), 'utf8')).not.toMatch(/Bakker|Hof|Jansen/);
    const manifest = JSON.parse(manifestText) as {
      files: Array<{
        outputName: string | null;
        sourceSha256: string;
        outputSha256: string | null;
        visiblePeople: Array<{ personId: number; consentRecordId: number }>;
      }>;
    };
    const zoe = findPersonByKey(core.db, '1001')!;
    const first = manifest.files.find((file) => file.outputName === 'sportdag-2026_0001.jpg')!;
    expect(first.sourceSha256).toBe(hashes.get('IMG_0001.jpg'));
    expect(first.outputSha256).toBe(sha256(readFileSync(path.join(outDir, 'sportdag-2026_0001.jpg'))));
    expect(first.visiblePeople).toContainEqual({
      personId: zoe.id,
      consentRecordId: consentOn(core.db, zoe.id, 'social', '2026-10-01').recordId,
    });

    // One audit event with the settings and the manifest's hash; the trail verifies.
    const event = listAuditEvents(core.db, { limit: 5 }).find((entry) => entry.action === 'export.done')!;
    expect(event.details).toMatchObject({
      manifestSha256: sha256(manifestText),
      exported: 5,
      settings: { channel: 'social', hideStyle: 'mask', longSide: 2048 },
    });
    expect(summary.manifestSha256).toBe(sha256(manifestText));
    expect(verifyAuditTrail(core.db).ok).toBe(true);

    // Both manifests carry the trail's head as it was when they were written (the event just before export.done):
    // anchors outside the database that the trail still holds.
    const head = { seq: event.seq - 1, hash: event.prevHash };
    expect((JSON.parse(manifestText) as { auditHead: unknown }).auditHead).toEqual(head);
    const csvAnchor = anchorFromFileText(readFileSync(path.join(outDir, 'manifest.csv'), 'utf8'), 'manifest.csv');
    expect(csvAnchor).toEqual(head);
    expect(verifyAuditTrail(core.db, { anchors: [csvAnchor] })).toMatchObject({ ok: true, anchors: 1 });
  });

  it('answers where a person was published, and after a withdrawal which files must come down', async () => {
    const { core, eventId } = await school();
    markFacesChecked(core);
    await exportEvent(core, eventId, path.join(tempDir(), 'social'));
    const zoe = findPersonByKey(core.db, '1001')!;
    const sem = findPersonByKey(core.db, '1002')!;
    expect(
      wherePublished(core.db, zoe.id)
        .map((p) => p.outputName)
        .sort(),
    ).toEqual(['sportdag-2026_0001.jpg', 'sportdag-2026_0002.jpg', 'sportdag-2026_0003.jpg', 'sportdag-2026_0005.jpg']);
    // Sem was only ever hidden: not published.
    expect(wherePublished(core.db, sem.id)).toEqual([]);

    withdrawConsent(
      core.db,
      core.actor(),
      { personId: zoe.id, channelId: 'social', date: '2026-10-05', reason: 'Ouders trekken toestemming in' },
      new Date('2026-10-05T09:00:00Z'),
    );
    const takedown = takedownList(core.db, { personId: zoe.id, channelIds: ['social'] });
    expect(takedown).toHaveLength(4);
    expect(takedownList(core.db, { personId: zoe.id, channelIds: ['website'] })).toEqual([]);
    // Several withdrawn channels: the publications on any of them.
    expect(takedownList(core.db, { personId: zoe.id, channelIds: ['website', 'social'] })).toHaveLength(4);
    const csv = publicationsCsv(takedown);
    expect(csv.trim().split('\r\n')).toHaveLength(5);
    expect(csv).toContain('sportdag-2026_0001.jpg');

    // A new export after the withdrawal hides her.
    const after = await exportEvent(core, eventId, path.join(tempDir(), 'social-later'), '2026-10-06');
    expect(after.items.find((item) => item.sourceName === 'IMG_0001.jpg')).toMatchObject({
      decision: 'hide',
      hiddenCount: 1,
    });
  });

  it('exports nothing unchecked: photos the face detector has not seen need review', async () => {
    const { core, eventId, hashes } = await school();
    markFacesChecked(core, [hashes.get('IMG_0001.jpg')!]);
    const summary = await exportEvent(core, eventId, path.join(tempDir(), 'out'));
    expect(summary).toMatchObject({ exported: 1, needsReview: 5, blocked: 0 });
  });

  it('exports a blocked photo only when a user overrides it with a reason, and logs the reason', async () => {
    const { core, eventId, hashes } = await school();
    markFacesChecked(core);
    const sem = hashes.get('IMG_0006.jpg')!;
    const summary = await exportEvent(core, eventId, path.join(tempDir(), 'out'), '2026-10-01', {
      [sem]: 'Gezicht valt na maskeren weg; ouders akkoord met de sfeerfoto',
    });
    expect(summary.items.find((item) => item.photoHash === sem)).toMatchObject({
      decision: 'hide',
      state: 'done',
      hiddenCount: 1,
    });
    const override = listAuditEvents(core.db, { limit: 20 }).find((entry) => entry.action === 'export.override')!;
    // The free-text reason is kept beside the chain (erasable with the people on the photo), not sealed into it.
    expect(override).toMatchObject({
      subject: `photo:${sem}`,
      personal: { reason: 'Gezicht valt na maskeren weg; ouders akkoord met de sfeerfoto' },
    });
    expect(JSON.stringify(override.details)).not.toContain('ouders akkoord');
  });

  it('leaves no files and no done record when cancelled', async () => {
    const { core, eventId } = await school();
    markFacesChecked(core);
    const outDir = path.join(tempDir(), 'cancelled');
    const job = startExport(core, { channelId: 'social', date: '2026-10-01', eventId, outDir });
    core.jobs.cancel(job.jobId);
    const end = await job.finished;
    expect(end.state).toBe('cancelled');
    expect(readdirSync(outDir)).toEqual([]);
    expect(core.db.prepare('SELECT state FROM exports').pluck().all()).toEqual(['cancelled']);
    expect(listAuditEvents(core.db, { limit: 3 })[0]).toMatchObject({ action: 'export.cancelled' });
  });

  it('refuses a folder that already holds files, a retired or unknown channel, and a bad date, with codes', async () => {
    const { core, eventId, consentCsv } = await school();
    const router = createIpcRouter(core, { mediaBaseUrl: 'x' });
    const outDir = path.dirname(consentCsv);
    expect(await router.invoke('checkPath', { purpose: 'exportFolder', path: outDir })).toMatchObject({
      ok: false,
      error: { code: 'files.export.notEmpty' },
    });
    // The CLI's path: the same refusal in core.
    expect(() => startExport(core, { channelId: 'social', date: '2026-10-01', eventId, outDir })).toThrow(
      /publish\.outDirNotEmpty/,
    );
    const tv = {
      channelId: 'tv',
      date: '2026-10-01',
      eventId,
      outDir: await fileHandle(router, 'exportFolder', tempDir()),
    };
    expect(await router.invoke('startExport', tv)).toMatchObject({
      ok: false,
      error: { code: 'consent.channel.notFound' },
    });
    const badDay = {
      channelId: 'social',
      date: '2026-02-30',
      eventId,
      outDir: await fileHandle(router, 'exportFolder', tempDir()),
    };
    expect(await router.invoke('startExport', badDay)).toMatchObject({
      ok: false,
      error: { code: 'publish.dateInvalid' },
    });
    expect(existsSync(path.join(outDir, 'manifest.json'))).toBe(false);
  });
});
