// Export for one channel and date: the chosen photos or a whole event (its photos, then its clips) become
// publish-ready files, each checked after writing, then a manifest, then one audit event. A cancelled export removes
// what it wrote, and a crashed one is never recorded as done.
import { mkdirSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { Decision } from '../../../shared/policy';
import type { ExportBoardMark, ExportItemSummary, ExportRequest, ExportSummary } from '../../../shared/publish';
import { creditFieldsFor } from '../../../shared/settings';
import { actorLabel } from '../audit';
import { audited, currentAuditHead } from '../audit';
import { openExportBoard, queueExportRecord, recordExportOnBoard, type ExportBoard } from '../board';
import type { CoreContext } from '../context';
import type { KeyStore } from '../db';
import { diskError } from '../fsErrors';
import type { JobHandle } from '../jobs';
import { pseudonymOf } from '../consent';
import { findEvent } from '../library';
import { getSettings, isPrivacyOfficer } from '../settings';
import { selectClips } from './clipDecisions';
import { exportClipItems } from './clipItems';
import { decideOne, decisionContext, selectPhotos } from './decisions';
import { captionAuditParts, captionResult } from './caption';
import { exportFileStem, outputName } from './fileNames';
import { boardExportRecord, type BoardItems } from './boardRecord';
import { MANIFEST_CSV, MANIFEST_JSON, writeManifest, type ManifestEntry } from './manifest';
import { regionsOfPhoto } from '../people';
import { finishExport, insertExport, insertExportItem } from './repository';
import { prepareOutDir, recoverInterruptedExports, stagingDir } from './staging';
import { openPhotoWriter, type PhotoWriter, type WriteOutcome } from './writePhoto';

export const EXPORT_JOB_KIND = 'publish.export';
const EXPORT_CONCURRENCY = 2;

type Problems = ExportItemSummary['problems'];

/** What one photo came to: the summary line, the manifest line. */
interface ItemOutcome {
  readonly summary: ExportItemSummary;
  readonly manifest: ManifestEntry;
}

function outcome(
  photo: { readonly hash: string; readonly path: string },
  decision: Decision,
  state: ExportItemSummary['state'],
  output: { readonly name: string; readonly sha256: string } | null,
  problems: Problems,
): ItemOutcome {
  const done = state === 'done';
  return {
    summary: {
      photoHash: photo.hash,
      sourceName: path.basename(photo.path),
      outputName: output?.name ?? null,
      decision: decision.status,
      state,
      hiddenCount: decision.hidden.length,
      problems,
    },
    manifest: {
      kind: 'photo',
      outputName: output?.name ?? null,
      sourceSha256: photo.hash,
      outputSha256: output?.sha256 ?? null,
      decision: decision.status,
      overridden: decision.overridden,
      hiddenRegions: done ? decision.hidden.length : 0,
      audioKept: null,
      // Ids only: who was visible and on which consent version; no names, and nothing about hidden people.
      visiblePeople: done
        ? decision.visible.map((person) => ({ personId: person.personId, consentRecordId: person.consentRecordId }))
        : [],
      problems: problems.map((problem) => problem.code),
    },
  };
}

/** Why one photo could not be written, as a coded error without absolute paths or raw `fs` text. */
function itemFailure(error: unknown, file: string): AppError {
  if (error instanceof AppError) return error;
  return diskError(error, { file }) ?? new AppError('publish.writeFailed', { file });
}

/**
 * Starts an export in either mode: in board mode it first makes sure the decisions read current consent (or a
 * snapshot the user allowed, no older than the set age), and refuses with a coded error otherwise.
 */
export async function beginExport(
  core: CoreContext,
  request: ExportRequest,
  options: { readonly keyStore?: KeyStore | undefined } = {},
): Promise<JobHandle<ExportSummary>> {
  const board = await openExportBoard({
    db: core.db,
    dataDir: core.paths.root,
    allowSnapshot: request.allowSnapshot === true,
    keyStore: options.keyStore,
  });
  try {
    return startExport(core, request, board);
  } catch (error) {
    await board?.close();
    throw error;
  }
}

export function startExport(
  core: CoreContext,
  request: ExportRequest,
  board: ExportBoard | null = null,
): JobHandle<ExportSummary> {
  const db = core.db;
  const actor = core.actor();
  const context = decisionContext(db, request.channelId, request.date, { privacyOfficer: isPrivacyOfficer(db, actor) });
  const { channel, settings, schoolYear } = context;
  const clips = selectClips(db, request);
  // An event of clips only, or clips chosen by hash, is an export too.
  const photos = selectPhotos(db, request, { allowEmpty: clips.length > 0 });
  const keepAudio = request.keepAudio === true;
  const caption = request.caption?.trim() ? captionResult(db, request.caption) : null;
  const outDir = path.resolve(request.outDir);
  recoverInterruptedExports(core);
  prepareOutDir(outDir);

  const eventName = request.eventId !== undefined ? (findEvent(db, request.eventId)?.name ?? null) : null;
  const stem = exportFileStem(eventName, context.directory);
  const exportSettings = {
    channel: channel.id,
    date: request.date,
    schoolYear,
    longSide: channel.exportLongSide,
    hideStyle: settings.hideStyle,
    maskMargin: settings.maskMargin,
    maxHiddenAreaShare: settings.maxHiddenAreaShare,
    maxHiddenPeople: settings.maxHiddenPeople,
    credits: creditFieldsFor(getSettings(db), channel.id),
    eventId: request.eventId ?? null,
    photos: photos.length,
    clips: clips.length,
    // The sound of the clips: removed unless the person exporting chose to keep it (voices, spoken names).
    keepAudio,
    clipMainSubjectShare: settings.clipMainSubjectShare,
  };
  const startedAt = new Date().toISOString();
  const exportId = insertExport(db, {
    channelId: channel.id,
    publishDate: request.date,
    schoolYear,
    outDir,
    settings: { ...exportSettings, stem, pid: process.pid },
    actor: actorLabel(actor),
    startedAt,
  });

  return core.jobs.start<ExportSummary>({
    kind: EXPORT_JOB_KIND,
    concurrency: EXPORT_CONCURRENCY,
    run: async (ctx) => {
      ctx.setTotal(photos.length + clips.length);
      const outcomes: Array<ItemOutcome | undefined> = new Array(photos.length);
      const written: string[] = [];
      const staging = stagingDir(core, exportId);
      mkdirSync(staging, { recursive: true, mode: 0o700 });
      // The write threads get the registry's names once (inside the try below: a thread that fails to start fails
      // the export like any other failure).
      let writer: PhotoWriter | null = null;
      let manifestWritten = false;
      /** What the board records of each photo (board mode). */
      const boardItems: BoardItems = new Map();

      const exportOne = async (index: number, signal: AbortSignal): Promise<'done' | 'skipped'> => {
        const photo = photos[index]!;
        const override = request.overrides?.[photo.hash];
        const decision = decideOne(db, context, photo, regionsOfPhoto(db, photo.hash), override);
        /** Records the photo's outcome (and an override) in the export and the audit trail together. */
        const record = (
          state: ExportItemSummary['state'],
          output: { name: string; sha256: string } | null,
          problems: Problems,
        ): void => {
          audited(db, actor, (log) => {
            insertExportItem(db, {
              exportId,
              photoHash: photo.hash,
              outputName: output?.name ?? null,
              outputSha256: output?.sha256 ?? null,
              decision: decision.status,
              overrideReason: decision.overridden ? (override ?? null) : null,
              hiddenCount: decision.hidden.length,
              state,
              errorCode: problems[0]?.code ?? null,
              details: { problems: problems.map((problem) => ({ code: problem.code })) },
              visible: state === 'done' ? decision.visible : [],
            });
            if (decision.overridden) {
              // The reason is free text that may name a pupil: beside the chain, erasable with the people on the photo.
              const about = [
                ...new Set(regionsOfPhoto(db, photo.hash).flatMap((r) => (r.personId === null ? [] : [r.personId]))),
              ].map((personId) => pseudonymOf(db, personId));
              log({
                action: 'export.override',
                subject: `photo:${photo.hash}`,
                details: {
                  exportId,
                  channel: channel.id,
                  date: request.date,
                  blockers: decision.blockers.map((b) => b.code),
                  // A protected person's block was lifted: by a privacy officer (the only one who can).
                  privacyOfficer: decision.officerOverridable,
                },
                personal: { about, details: { reason: override ?? '' } },
              });
            }
          });
          outcomes[index] = outcome(photo, decision, state, output, problems);
          if (board) boardItems.set(index, { photo, decision, state, output, problems, override: override ?? null });
        };

        if (decision.status === 'blocked' || decision.status === 'needs_review') {
          // The summary says why in words (with names, for the person exporting); what is stored keeps codes only.
          record(
            'skipped',
            null,
            decision.blockers.map((blocker) => ({ code: blocker.code, params: blocker.params })),
          );
          return 'skipped';
        }

        const name = outputName(stem, index + 1);
        let result: WriteOutcome;
        try {
          result = await writer!.write(db, { photoHash: photo.hash, outputName: name, hide: decision.hidden }, signal);
        } catch (error) {
          if (signal.aborted) return 'skipped';
          // A photo that could not be written (full or read-only disk, a vanished source) is a failed item in the
          // export, its manifest, its summary and the audit event — never a silent gap.
          const failure = itemFailure(error, path.basename(photo.path));
          record('failed', null, [{ code: failure.code, params: { file: path.basename(photo.path) } }]);
          throw failure;
        }
        if (result.state === 'cancelled') return 'skipped';
        if (result.state === 'leak') {
          record(
            'failed',
            null,
            result.findings.map((finding) => ({ code: finding.code, params: finding.params })),
          );
          throw new AppError('publish.leakCheckFailed', {
            file: path.basename(photo.path),
            findings: result.findings.map((finding) => finding.code).join(', '),
          });
        }
        written.push(name);
        record('done', { name, sha256: result.outputSha256 }, []);
        return 'done';
      };

      try {
        writer = await openPhotoWriter(
          core,
          {
            longSide: channel.exportLongSide,
            hideStyle: settings.hideStyle,
            stagingDir: staging,
            outDir,
            creditFields: exportSettings.credits,
          },
          context.directory.allNames,
        );
        await ctx.forEach(
          photos.map((_, index) => index),
          (index, signal) => exportOne(index, signal),
          { label: (index) => path.basename(photos[index]!.path) },
        );
        if (ctx.signal.aborted) throw new AppError('job.cancelled', {});
        const clipOutcomes = await exportClipItems(
          {
            db,
            actor,
            exportId,
            context,
            date: request.date,
            stem,
            firstNumber: photos.length + 1,
            overrides: request.overrides ?? {},
            settings: {
              longSide: channel.exportLongSide,
              maskMargin: settings.maskMargin,
              keepAudio,
              stagingDir: staging,
              outDir,
              forbidden: context.directory.allNames,
            },
          },
          clips,
          ctx,
          written,
        );
        if (ctx.signal.aborted) throw new AppError('job.cancelled', {});

        const done = outcomes.filter((item): item is ItemOutcome => item !== undefined);
        const boardMark: Omit<ExportBoardMark, 'exportId'> | undefined = board
          ? { mode: board.mode, school: board.schoolCode, snapshot: board.snapshot }
          : undefined;
        manifestWritten = true;
        const manifestSha256 = await writeManifest(outDir, {
          exportId,
          channel: channel.id,
          date: request.date,
          schoolYear,
          createdAt: new Date().toISOString(),
          settings: {
            longSide: channel.exportLongSide,
            hideStyle: settings.hideStyle,
            maskMargin: settings.maskMargin,
            keepAudio,
          },
          files: [...done.map((item) => item.manifest), ...clipOutcomes.map((item) => item.manifest)],
          auditHead: currentAuditHead(db),
          board: boardMark,
        });
        const items = done.map((item) => item.summary);
        const clipItems = clipOutcomes.map((item) => item.summary);
        const all = [...items, ...clipItems];
        const exported = items.filter((item) => item.state === 'done');
        const exportedClips = clipItems.filter((item) => item.state === 'done');
        const summary: ExportSummary = {
          exportId,
          outDir,
          channelId: channel.id,
          date: request.date,
          schoolYear,
          exported: exported.length + exportedClips.length,
          hiddenRegions: exported.reduce((sum, item) => sum + item.hiddenCount, 0),
          blocked: all.filter((item) => item.decision === 'blocked').length,
          needsReview: all.filter((item) => item.decision === 'needs_review').length,
          failed: all.filter((item) => item.state === 'failed').length,
          manifestSha256,
          items,
          clips: clipItems,
          hiddenTracks: exportedClips.reduce((sum, item) => sum + item.hiddenTracks, 0),
          keepAudio,
          caption,
        };
        // The caption's text, its hash and what the check found (see caption.ts for where the text goes).
        const visible = new Set(
          [...done, ...clipOutcomes].flatMap((item) => item.manifest.visiblePeople.map((person) => person.personId)),
        );
        const captionParts =
          caption && request.caption ? captionAuditParts(db, request.caption, caption, visible) : null;
        const doneEvent = {
          action: 'export.done',
          subject: `export:${exportId}`,
          details: {
            exportId,
            outDir,
            settings: exportSettings,
            exported: summary.exported,
            hiddenRegions: summary.hiddenRegions,
            clipsExported: exportedClips.length,
            hiddenTracks: summary.hiddenTracks,
            audioKept: exportedClips.filter((item) => item.audioKept).length,
            blocked: summary.blocked,
            needsReview: summary.needsReview,
            failed: summary.failed,
            manifestSha256,
            ...(captionParts ? { caption: captionParts.details } : {}),
            ...(board?.mode === 'snapshot' ? { snapshot: { ...board.snapshot } } : {}),
          },
          personal: captionParts?.personal,
        };
        const record =
          board &&
          boardExportRecord(db, board.schoolCode, board, {
            exportId,
            exportSettings,
            startedAt,
            manifestSha256,
            items: boardItems,
            clips: clipOutcomes,
            overrides: request.overrides ?? {},
            offline: board.mode === 'snapshot',
          });
        // Online: the board records the export and its event before it counts as done here (a failure fails it).
        const boardExportId =
          board?.mode === 'online' && record
            ? await recordExportOnBoard(board, db, actor.name, record, doneEvent)
            : null;
        audited(
          db,
          actor,
          (log) => {
            finishExport(db, exportId, 'done', new Date().toISOString(), manifestSha256);
            const event = log({
              ...doneEvent,
              details: { ...doneEvent.details, ...(boardExportId === null ? {} : { boardExportId }) },
            });
            // On a snapshot: the export's record goes up with its event when the server is back.
            if (board?.mode === 'snapshot' && record) queueExportRecord(db, event.seq, record);
          },
          // Online, the board's trail has the event already: not queued a second time.
          { observed: board?.mode !== 'online' },
        );
        if (boardMark) return { ...summary, board: { ...boardMark, exportId: boardExportId } };
        return summary;
      } catch (error) {
        // Cancelled or failed: take back every file this export wrote (its manifest too); the export is not done.
        const made = manifestWritten ? [...written, MANIFEST_CSV, MANIFEST_JSON] : written;
        await Promise.all(made.map((name) => rm(path.join(outDir, name), { force: true })));
        const state = ctx.signal.aborted ? 'cancelled' : 'failed';
        audited(db, actor, (log) => {
          finishExport(db, exportId, state, new Date().toISOString());
          log({
            action: `export.${state}`,
            subject: `export:${exportId}`,
            details: { exportId, channel: channel.id, date: request.date },
          });
        });
        throw error;
      } finally {
        await writer?.close();
        await board?.close();
        rmSync(staging, { recursive: true, force: true });
      }
    },
  });
}
