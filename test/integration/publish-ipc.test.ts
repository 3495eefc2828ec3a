// The publish step through the IPC contract, as the renderer calls it: matches on a photo, linking a tag to a
// person (logged, offered on other photos of the event), decisions, and the privacy officer's files.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../electron/core/audit/trail';
import { findPersonByKey } from '../../electron/core/consent/registry';
import { pseudonymOf } from '../../electron/core/consent';
import type { CoreContext } from '../../electron/core/context';
import { createIpcRouter } from '../../electron/core/ipc/handlers';
import type { PhotoPeople } from '../../shared/people';
import type { Decision } from '../../shared/policy';
import { SAMPLE_PHOTOS, type SamplePhoto } from '../../scripts/sample-school';
import { ok } from '../helpers/ipc';
import { indexedSchool, markFacesChecked } from '../helpers/school';
import { fileHandle } from '../helpers/handles';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const cores: CoreContext[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

// Two photos of the same event with a misspelt tag ("Zoe Bakkr") that no exact match can resolve.
const photos: SamplePhoto[] = [
  ...SAMPLE_PHOTOS.slice(0, 2),
  { file: 'IMG_0101.jpg', figures: [{ face: { x: 0.4, y: 0.2, w: 0.07, h: 0.105 }, name: 'Zoe Bakkr' }] },
  { file: 'IMG_0102.jpg', figures: [{ face: { x: 0.3, y: 0.2, w: 0.07, h: 0.105 }, name: 'Zoe Bakkr' }] },
];

describe('publish through IPC', () => {
  it('shows matches, links an unmatched tag to a person (logged), and offers that link on the next photo', async () => {
    const school = await indexedSchool(tempDir(), tempDir(), photos);
    cores.push(school.core);
    markFacesChecked(school.core);
    const router = createIpcRouter(school.core, { mediaBaseUrl: 'x' });
    const zoe = findPersonByKey(school.core.db, '1001')!;
    const first = school.hashes.get('IMG_0101.jpg')!;
    const second = school.hashes.get('IMG_0102.jpg')!;

    const before = (await ok<PhotoPeople>(router, 'getPhotoPeople', { photoHash: first })).regions;
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ status: 'unmatched', name: 'Zoe Bakkr', person: null });
    expect(before[0]!.suggestions[0]).toMatchObject({ personId: zoe.id, name: 'Zoë Bakker' });

    // Unmatched means hidden, until a person confirms who it is.
    const decided = await ok<Array<{ photoHash: string; decision: Decision }>>(router, 'decidePhotos', {
      channelId: 'social',
      date: '2026-10-01',
      photoHashes: [first],
    });
    expect(decided[0]!.decision).toMatchObject({ status: 'hide' });
    expect(decided[0]!.decision.reasons[0]).toMatchObject({ code: 'policy.unmatched' });

    const linked = (
      await ok<PhotoPeople>(router, 'linkRegion', {
        regionId: before[0]!.regionId,
        personId: zoe.id,
      })
    ).regions;
    expect(linked[0]).toMatchObject({ status: 'linked', person: { personId: zoe.id } });
    expect(listAuditEvents(school.core.db, { limit: 1 })[0]).toMatchObject({
      action: 'people.link',
      subject: `photo:${first}`,
      // The trail names Zoë by her pseudonym, never by her row id or number.
      details: { person: pseudonymOf(school.core.db, zoe.id) },
    });
    expect(JSON.stringify(listAuditEvents(school.core.db, { limit: 1 })[0]!.details)).not.toContain('"personId"');
    const after = await ok<Array<{ decision: Decision }>>(router, 'decidePhotos', {
      channelId: 'social',
      date: '2026-10-01',
      photoHashes: [first],
    });
    expect(after[0]!.decision).toMatchObject({ status: 'publish', visible: [{ personId: zoe.id }] });

    // The same name elsewhere in the event: offered, not applied.
    const offered = (await ok<PhotoPeople>(router, 'getPhotoPeople', { photoHash: second })).regions;
    expect(offered[0]).toMatchObject({ status: 'unmatched', offered: { personId: zoe.id } });
    const stillHidden = await ok<Array<{ decision: Decision }>>(router, 'decidePhotos', {
      channelId: 'social',
      date: '2026-10-01',
      photoHashes: [second],
    });
    expect(stillHidden[0]!.decision.status).toBe('hide');

    expect(await router.invoke('linkRegion', { regionId: 99999, personId: zoe.id })).toMatchObject({
      ok: false,
      error: { code: 'people.regionUnknown' },
    });
  });

  it('exports through a job, then answers where published, the takedown list and the audit report as files', async () => {
    const school = await indexedSchool(tempDir(), tempDir());
    cores.push(school.core);
    markFacesChecked(school.core);
    const router = createIpcRouter(school.core, { mediaBaseUrl: 'x' });
    const { jobId } = await ok<{ jobId: string }>(router, 'startExport', {
      channelId: 'social',
      date: '2026-10-01',
      eventId: school.eventId,
      outDir: await fileHandle(router, 'exportFolder', path.join(tempDir(), 'out')),
    });
    await school.core.jobs.waitForIdle();
    expect(await ok(router, 'getExportResult', { jobId })).toMatchObject({ exported: 5, blocked: 1 });
    expect(await ok(router, 'listExports', {})).toMatchObject([{ state: 'done', exported: 5, channelId: 'social' }]);

    const zoe = findPersonByKey(school.core.db, '1001')!;
    expect(await ok<unknown[]>(router, 'wherePublished', { personId: zoe.id })).toHaveLength(4);
    expect(await ok<unknown[]>(router, 'takedownList', { personId: zoe.id, channelIds: ['website'] })).toEqual([]);
    const csvPath = path.join(tempDir(), 'takedown.csv');
    const takedownFile = await fileHandle(router, 'takedownCsv', csvPath);
    expect(
      await ok(router, 'saveTakedownCsv', { personId: zoe.id, channelIds: ['social'], file: takedownFile }),
    ).toEqual({ path: csvPath, rows: 4 });
    expect(readFileSync(csvPath, 'utf8')).toContain('sportdag-2026_0002.jpg');

    const today = new Date().toISOString().slice(0, 10);
    const pdf = path.join(tempDir(), 'logboek.pdf');
    const report = await ok<{ events: number; verification: { ok: boolean } }>(router, 'saveAuditReport', {
      from: '2026-01-01',
      to: today,
      format: 'pdf',
      file: await fileHandle(router, 'auditReportPdf', pdf),
    });
    expect(report.events).toBeGreaterThanOrEqual(3);
    expect(report.verification.ok).toBe(true);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(
      await router.invoke('saveAuditReport', {
        from: '2026-13-01',
        to: today,
        format: 'pdf',
        file: await fileHandle(router, 'auditReportPdf', path.join(tempDir(), 'a.pdf')),
      }),
    ).toMatchObject({ ok: false, error: { code: 'audit.report.dateInvalid' } });
    expect(
      await router.invoke('saveAuditReport', {
        from: today,
        to: '2026-01-01',
        format: 'csv',
        file: await fileHandle(router, 'auditReportCsv', path.join(tempDir(), 'b.csv')),
      }),
    ).toMatchObject({ ok: false, error: { code: 'audit.report.periodInvalid' } });
  });
});
