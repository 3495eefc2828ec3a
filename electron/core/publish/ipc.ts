// Binds the publish methods of the IPC contract (shared/ipc/publish.ts) to the core.
import { actorLabel } from '../audit/actor';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { ExportListItem } from '../../../shared/ipc/publish';
import type { PolicyConsent } from '../../../shared/policy';
import type { ExportSummary } from '../../../shared/publish';
import { buildAuditReport } from '../audit/report';
import type { CoreContext } from '../context';
import type { IpcRouter } from '../ipc/router';
import { linkRegion, regionMatches } from '../people/links';
import { getSettings, policySettings } from '../settings/settings';
import { decideStoredPhoto, EXPORT_JOB_KIND, photosToExport, publishChannel, startExport } from './export';
import { currentRegistry, photoRegionsMany } from './identify';
import { publicationsCsv, takedownList, wherePublished } from './queries';

async function writeReport(target: string, bytes: Buffer | string): Promise<string> {
  const file = path.resolve(target);
  try {
    await writeFile(file, bytes);
  } catch {
    throw new AppError('publish.fileUnwritable', { path: file });
  }
  return file;
}

export function registerPublishHandlers(router: IpcRouter, core: CoreContext): void {
  const db = core.db;
  const actor = () => core.actor();

  router
    .handle('getRegionMatches', ({ photoHash }) => regionMatches(db, currentRegistry(db), photoHash))
    .handle('linkRegion', ({ regionId, personId }) => {
      const region = linkRegion(db, actor(), regionId, personId);
      return regionMatches(db, currentRegistry(db), region.photo_hash);
    })
    .handle('decidePhotos', ({ channelId, date, eventId, photoHashes, overrides }) => {
      const channel = publishChannel(db, channelId);
      const registry = currentRegistry(db);
      const language = getSettings(db).language;
      const context = {
        registry,
        channelId,
        channelLabel: language === 'en' ? channel.labelEn : channel.labelNl,
        date,
        settings: policySettings(db),
      };
      const caches = { consent: new Map<number, PolicyConsent>(), classes: new Map<number, string[]>() };
      const photos = photosToExport(db, { eventId, photoHashes });
      const regions = photoRegionsMany(
        db,
        photos.map((photo) => photo.hash),
      );
      return photos.map((photo) => ({
        photoHash: photo.hash,
        decision: decideStoredPhoto(
          db,
          photo,
          { ...context, override: overrides?.[photo.hash] },
          caches,
          regions.get(photo.hash),
        ),
      }));
    })
    .handle('startExport', (request) => ({ jobId: startExport(core, request).jobId }))
    .handle('getExportResult', ({ jobId }) => {
      const job = core.jobs.get(jobId);
      if (!job || job.kind !== EXPORT_JOB_KIND) throw new AppError('job.notFound', { jobId });
      return job.state === 'done' ? (job.result as ExportSummary) : null;
    })
    .handle(
      'listExports',
      ({ limit }) =>
        db
          .prepare(
            `SELECT e.id AS exportId, e.channel_id AS channelId, e.publish_date AS publishDate, e.out_dir AS outDir, e.state,
                  e.started_at AS startedAt, e.finished_at AS finishedAt, e.manifest_sha256 AS manifestSha256,
                  (SELECT count(*) FROM export_items i WHERE i.export_id = e.id AND i.state = 'done') AS exported
           FROM exports e ORDER BY e.id DESC LIMIT ?`,
          )
          .all(limit) as ExportListItem[],
    )
    .handle('wherePublished', ({ personId }) => wherePublished(db, personId))
    .handle('takedownList', ({ personId, channelIds }) => takedownList(db, { personId, channelIds }))
    .handle('saveTakedownCsv', async ({ personId, channelIds, path: target }) => {
      const rows = takedownList(db, { personId, channelIds });
      const file = await writeReport(target, publicationsCsv(rows));
      return { path: file, rows: rows.length };
    })
    .handle('saveAuditReport', async ({ from, to, format, path: target }) => {
      const current = actor();
      const report = await buildAuditReport(db, { from, to }, format, {
        language: getSettings(db).language,
        generatedBy: actorLabel(current),
      });
      const file = await writeReport(target, report.bytes);
      return { path: file, events: report.events, verification: report.verification };
    });
}
