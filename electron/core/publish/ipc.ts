// Binds the publish methods of the IPC contract (shared/ipc/publish.ts) to the core.
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { ExportSummary } from '../../../shared/publish';
import { actorLabel } from '../audit';
import { buildAuditReport } from '../audit';
import { auditReportLookup } from '../consent';
import type { CoreContext } from '../context';
import type { KeyStore } from '../db';
import { writeGrantedFile, type FileHandles } from '../files';
import type { IpcRouter } from '../ipc';
import { getSettings, isPrivacyOfficer } from '../settings';
import { checkCaptionText } from './caption';
import { photosWithoutCredit } from './creditCheck';
import { decideClipOne, selectClips } from './clipDecisions';
import { decideMany, decisionContext, selectPhotos } from './decisions';
import { decisionService } from './decisionService';
import { beginExport, EXPORT_JOB_KIND } from './exportJob';
import { publicationsOfPerson } from './boardPublications';
import { publicationsCsv } from './publications';
import { listExports } from './repository';

export function registerPublishHandlers(
  router: IpcRouter,
  core: CoreContext,
  files: FileHandles,
  options: { readonly keyStore?: KeyStore | undefined } = {},
): void {
  const db = core.db;
  const decisions = decisionService(core);
  decisions.warmUp();

  router
    .handle('decidePhotos', ({ channelId, date, eventId, photoHashes, overrides }) => {
      const context = decisionContext(db, channelId, date, { privacyOfficer: isPrivacyOfficer(db, core.actor()) });
      // An event of clips only has no photos to decide, which is no error: its clips go out (as the export job).
      const hasClips = !photoHashes?.length && eventId !== undefined && selectClips(db, { eventId }).length > 0;
      const photos = selectPhotos(db, { eventId, photoHashes }, { allowEmpty: hasClips });
      return decideMany(db, context, photos, overrides).map(({ photo, decision }) => ({
        photoHash: photo.hash,
        decision,
      }));
    })
    .handle('decideClips', ({ channelId, date, overrides, ...selection }) => {
      const context = decisionContext(db, channelId, date, { privacyOfficer: isPrivacyOfficer(db, core.actor()) });
      return selectClips(db, selection).map((clip) => ({
        videoHash: clip.video.hash,
        sourceName: path.basename(clip.video.paths[0] ?? ''),
        durationSeconds: clip.video.durationSeconds,
        hasAudio: clip.video.hasAudio,
        decision: decideClipOne(db, context, clip, overrides?.[clip.video.hash]).decision,
      }));
    })
    .handle('countDecisions', (query) => decisions.counts(query))
    .handle('decidePhotoPage', (query) => decisions.page(query))
    .handle('filteredPhotoHashes', (query) => decisions.filteredHashes(query))
    .handle('startExport', async ({ outDir, ...request }) => {
      const folder = files.take(outDir, 'exportFolder');
      return { jobId: (await beginExport(core, { ...request, outDir: folder.path })).jobId };
    })
    .handle('checkCaption', ({ text }) => checkCaptionText(db, text))
    .handle('photosWithoutCredit', (selection) => {
      const check = photosWithoutCredit(db, selection);
      return { enabled: check.enabled, photos: [...check.photos] };
    })
    .handle('getExportResult', ({ jobId }) => {
      const job = core.jobs.get(jobId);
      if (!job || job.kind !== EXPORT_JOB_KIND) throw new AppError('job.notFound', { jobId });
      return job.state === 'done' ? (job.result as ExportSummary) : null;
    })
    .handle('listExports', ({ limit }) => listExports(db, limit))
    // In board mode across the board (every workstation's exports the user may see), else this computer's own.
    .handle('wherePublished', ({ personId }) => publicationsOfPerson(core, personId, [], options.keyStore))
    .handle('takedownList', ({ personId, channelIds }) =>
      publicationsOfPerson(core, personId, channelIds, options.keyStore),
    )
    .handle('saveTakedownCsv', async ({ personId, channelIds, file: handle }) => {
      const target = files.take(handle, 'takedownCsv');
      const rows = await publicationsOfPerson(core, personId, channelIds, options.keyStore);
      const file = await writeGrantedFile(target, publicationsCsv(rows));
      return { path: file, rows: rows.length };
    })
    .handle('saveAuditReport', async ({ from, to, format, file: handle }) => {
      const target = files.take(handle, format === 'pdf' ? 'auditReportPdf' : 'auditReportCsv');
      const report = await buildAuditReport(db, { from, to }, format, {
        language: getSettings(db).language,
        generatedBy: actorLabel(core.actor()),
        lookup: auditReportLookup(db),
      });
      const file = await writeGrantedFile(target, report.bytes);
      return { path: file, events: report.events, verification: report.verification };
    });
}
