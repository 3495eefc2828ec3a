// Export for one channel and date: the chosen photos or a whole event become publish-ready files, each checked
// after writing, then a manifest, then one audit event. Files are written under temporary names and renamed when
// complete; a cancelled export removes what it wrote, and a crashed one is never recorded as done.
import { actorLabel } from '../audit/actor';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { copyFile, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { normaliseName } from '../../../shared/names';
import { decidePhoto, type Decision, type PolicyConsent, type PolicySettings } from '../../../shared/policy';
import type { ExportItemSummary, ExportRequest, ExportSummary } from '../../../shared/publish';
import { isValidIsoDay, schoolYearOf, type Channel } from '../../../shared/consent';
import { appendAuditEvent } from '../audit/trail';
import { getChannel } from '../consent/channels';
import { consentOn } from '../consent/registry';
import type { CoreContext } from '../context';
import type { Db } from '../db/connection';
import type { JobHandle } from '../jobs/runner';
import { openLibraryPhoto } from '../library/open';
import { policySettings } from '../settings/settings';
import { checkPublishedFile } from './leakCheck';
import { writeManifest, type ManifestEntry } from './manifest';
import {
  currentRegistry,
  decisionRegions,
  eventClasses,
  photoRegions,
  type RegionRow,
  type Registry,
} from './identify';
import { renderPublishImage } from './redact';

export const EXPORT_JOB_KIND = 'publish.export';
const TEMP_PREFIX = '.fotowacht-tmp-';
const EXPORT_CONCURRENCY = 2;

interface PhotoToExport {
  readonly hash: string;
  readonly path: string;
  readonly eventId: number;
  readonly facesChecked: boolean;
}

export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The channel to publish on: it must exist and not be retired. */
export function publishChannel(db: Db, id: string): Channel {
  const channel = getChannel(db, id);
  if (channel.retiredAt) throw new AppError('publish.channelRetired', { channel: id });
  return channel;
}

export function photosToExport(db: Db, request: Pick<ExportRequest, 'eventId' | 'photoHashes'>): PhotoToExport[] {
  const select = `SELECT pf.photo_hash AS hash, min(pf.path) AS path, min(pf.event_id) AS eventId,
                         p.faces_detected_with IS NOT NULL AS facesChecked
                  FROM photo_files pf JOIN photos p ON p.hash = pf.photo_hash`;
  let rows: PhotoToExport[];
  if (request.photoHashes && request.photoHashes.length > 0) {
    const wanted = [...new Set(request.photoHashes)];
    rows = db
      .prepare(
        `${select} WHERE pf.photo_hash IN (${wanted.map(() => '?').join(',')}) GROUP BY pf.photo_hash ORDER BY path`,
      )
      .all(...wanted) as PhotoToExport[];
    const found = new Set(rows.map((row) => row.hash));
    const missing = wanted.find((hash) => !found.has(hash));
    if (missing) throw new AppError('publish.photoUnknown', { photo: missing });
  } else if (request.eventId !== undefined) {
    if (!db.prepare('SELECT 1 FROM events WHERE id = ?').get(request.eventId)) {
      throw new AppError('publish.eventUnknown', { event: request.eventId });
    }
    rows = db
      .prepare(`${select} WHERE pf.event_id = ? GROUP BY pf.photo_hash ORDER BY path`)
      .all(request.eventId) as PhotoToExport[];
  } else {
    throw new AppError('publish.nothingChosen', {});
  }
  if (rows.length === 0) throw new AppError('publish.nothingToExport', {});
  return rows.map((row) => ({ ...row, facesChecked: Boolean(row.facesChecked) }));
}

/**
 * The base of output file names: the event's name when it names no one ("sportdag-2026"), else "export".
 * File names must never carry a person's name.
 */
export function exportFileStem(eventName: string | null, registry: Registry): string {
  const slug = normaliseName(eventName ?? '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  if (!slug) return 'export';
  const tokens = new Set(slug.split('-'));
  for (const person of registry.people.values()) {
    const parts = [person.roepnaam, ...(person.voornamen ?? '').split(' '), ...person.achternaam.split(/[\s-]+/)];
    if (parts.some((part) => part && part.length >= 3 && tokens.has(normaliseName(part)))) return 'export';
  }
  return slug;
}

/** Where an export writes its files before they are whole and checked: in the data folder, never the export folder. */
function stagingDir(core: CoreContext, exportId: number): string {
  return path.join(core.paths.root, 'tmp', `export-${exportId}`);
}

/**
 * Cleans up after exports that were killed or crashed (still "running", their process gone): the staging
 * folder, temporary files, and the files they had already put in the export folder — an export without its
 * manifest is no export. The export is marked failed and the audit trail says so.
 */
export function recoverInterruptedExports(core: CoreContext, now = new Date()): number {
  const db = core.db;
  const running = db.prepare(`SELECT id, out_dir, settings FROM exports WHERE state = 'running'`).all() as Array<{
    id: number;
    out_dir: string;
    settings: string;
  }>;
  let recovered = 0;
  for (const row of running) {
    const pid = (JSON.parse(row.settings) as { pid?: number }).pid;
    if (pid !== undefined && isAlive(pid)) continue;
    rmSync(stagingDir(core, row.id), { recursive: true, force: true });
    removeTempFiles(row.out_dir);
    const written = db
      .prepare(`SELECT output_name FROM export_items WHERE export_id = ? AND state = 'done'`)
      .pluck()
      .all(row.id) as string[];
    for (const name of written) rmSync(path.join(row.out_dir, name), { force: true });
    db.transaction(() => {
      db.prepare(`UPDATE exports SET state = 'failed', finished_at = ? WHERE id = ?`).run(now.toISOString(), row.id);
      appendAuditEvent(db, core.actor(), {
        action: 'export.interrupted',
        subject: `export:${row.id}`,
        details: { exportId: row.id, filesRemoved: written.length },
      });
    })();
    recovered += 1;
  }
  return recovered;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeTempFiles(dir: string): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) if (entry.startsWith(TEMP_PREFIX)) rmSync(path.join(dir, entry), { force: true });
}

/** Moves a finished file into place; across drives (EXDEV) it is copied under a temporary name, then renamed. */
async function moveIntoPlace(from: string, outDir: string, name: string): Promise<void> {
  const target = path.join(outDir, name);
  try {
    await rename(from, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    const temp = path.join(outDir, `${TEMP_PREFIX}${name}`);
    await copyFile(from, temp);
    await rename(temp, target);
    await rm(from, { force: true });
  }
}

function prepareOutDir(outDir: string): void {
  try {
    mkdirSync(outDir, { recursive: true });
  } catch {
    throw new AppError('publish.outDirUnwritable', { dir: outDir });
  }
  removeTempFiles(outDir);
  const present = readdirSync(outDir).filter((entry) => !entry.startsWith('.'));
  if (present.length > 0) throw new AppError('publish.outDirNotEmpty', { dir: outDir, files: present.length });
}

export interface PhotoDecisionContext {
  readonly registry: Registry;
  readonly channelId: string;
  readonly channelLabel: string;
  readonly date: string;
  readonly settings: PolicySettings;
  readonly override?: string | undefined;
}

/** The decision for one photo, with consent answers cached per person for the run. */
export function decideStoredPhoto(
  db: Db,
  photo: Pick<PhotoToExport, 'hash' | 'eventId' | 'facesChecked'>,
  context: PhotoDecisionContext,
  caches: { consent: Map<number, PolicyConsent>; classes: Map<number, string[]> },
  regions: readonly RegionRow[] = photoRegions(db, photo.hash),
): Decision {
  let classes = caches.classes.get(photo.eventId);
  if (!classes) {
    classes = eventClasses(db, context.registry, photo.eventId);
    caches.classes.set(photo.eventId, classes);
  }
  const lookup = (personId: number): PolicyConsent => {
    let answer = caches.consent.get(personId);
    if (!answer) {
      const found = consentOn(db, personId, context.channelId, context.date);
      answer = { status: found.status, recordId: found.recordId };
      caches.consent.set(personId, answer);
    }
    return answer;
  };
  return decidePhoto(
    {
      regions: decisionRegions(context.registry, regions, classes, lookup),
      facesChecked: photo.facesChecked,
      channelLabel: context.channelLabel,
      schoolYear: schoolYearOf(context.date),
      override: context.override ? { reason: context.override } : null,
    },
    context.settings,
  );
}

export function startExport(core: CoreContext, request: ExportRequest): JobHandle<ExportSummary> {
  const db = core.db;
  if (!isValidIsoDay(request.date)) throw new AppError('publish.dateInvalid', { value: request.date });
  const channel = publishChannel(db, request.channelId);
  const photos = photosToExport(db, request);
  const outDir = path.resolve(request.outDir);
  recoverInterruptedExports(core);
  prepareOutDir(outDir);

  const actor = core.actor();
  const settings = policySettings(db);
  const schoolYear = schoolYearOf(request.date);
  const registry = currentRegistry(db);
  const eventName =
    request.eventId !== undefined
      ? ((db.prepare('SELECT name FROM events WHERE id = ?').get(request.eventId) as { name: string }).name ?? null)
      : null;
  const stem = exportFileStem(eventName, registry);
  const exportSettings = {
    channel: channel.id,
    date: request.date,
    schoolYear,
    longSide: channel.exportLongSide,
    hideStyle: settings.hideStyle,
    maskMargin: settings.maskMargin,
    maxHiddenAreaShare: settings.maxHiddenAreaShare,
    maxHiddenPeople: settings.maxHiddenPeople,
    eventId: request.eventId ?? null,
    photos: photos.length,
    pid: process.pid,
  };
  const exportId = Number(
    db
      .prepare(
        `INSERT INTO exports (channel_id, publish_date, school_year, out_dir, settings, state, actor, started_at)
         VALUES (?, ?, ?, ?, ?, 'running', ?, ?)`,
      )
      .run(
        channel.id,
        request.date,
        schoolYear,
        outDir,
        JSON.stringify(exportSettings),
        actorLabel(actor),
        new Date().toISOString(),
      ).lastInsertRowid,
  );

  const insertItem = db.prepare(
    `INSERT INTO export_items (export_id, photo_hash, output_name, output_sha256, decision, override_reason, hidden_count, state, error_code, details)
     VALUES (@exportId, @photoHash, @outputName, @outputSha256, @decision, @overrideReason, @hiddenCount, @state, @errorCode, @details)`,
  );
  const insertPerson = db.prepare(
    'INSERT INTO export_item_people (export_item_id, person_id, consent_record_id) VALUES (?, ?, ?)',
  );

  return core.jobs.start<ExportSummary>({
    kind: EXPORT_JOB_KIND,
    concurrency: EXPORT_CONCURRENCY,
    run: async (ctx) => {
      ctx.setTotal(photos.length);
      const items: Array<ExportItemSummary | undefined> = new Array(photos.length);
      const manifest: Array<ManifestEntry | undefined> = new Array(photos.length);
      const written: string[] = [];
      const staging = stagingDir(core, exportId);
      mkdirSync(staging, { recursive: true });
      const caches = { consent: new Map<number, PolicyConsent>(), classes: new Map<number, string[]>() };
      const names = registry.allNames;

      const exportOne = async (index: number, signal: AbortSignal): Promise<'done' | 'skipped'> => {
        const photo = photos[index]!;
        const sourceName = path.basename(photo.path);
        const override = request.overrides?.[photo.hash];
        const decision = decideStoredPhoto(
          db,
          photo,
          { registry, channelId: channel.id, channelLabel: channel.labelNl, date: request.date, settings, override },
          caches,
        );
        const record = (
          state: 'done' | 'failed' | 'skipped',
          outputName: string | null,
          outputSha256: string | null,
          problems: ExportItemSummary['problems'],
        ) => {
          db.transaction(() => {
            const itemId = Number(
              insertItem.run({
                exportId,
                photoHash: photo.hash,
                outputName,
                outputSha256,
                decision: decision.status,
                overrideReason: decision.overridden ? (override ?? null) : null,
                hiddenCount: decision.hidden.length,
                state,
                errorCode: problems[0]?.code ?? null,
                details: JSON.stringify({ problems: problems.map((problem) => ({ code: problem.code })) }),
              }).lastInsertRowid,
            );
            if (state === 'done')
              for (const person of decision.visible) insertPerson.run(itemId, person.personId, person.consentRecordId);
            if (decision.overridden) {
              appendAuditEvent(db, actor, {
                action: 'export.override',
                subject: `photo:${photo.hash}`,
                details: {
                  exportId,
                  channel: channel.id,
                  date: request.date,
                  reason: override ?? '',
                  blockers: decision.blockers.map((b) => b.code),
                },
              });
            }
          })();
          items[index] = {
            photoHash: photo.hash,
            sourceName,
            outputName,
            decision: decision.status,
            state,
            hiddenCount: decision.hidden.length,
            problems,
          };
          manifest[index] = {
            outputName,
            sourceSha256: photo.hash,
            outputSha256,
            decision: decision.status,
            overridden: decision.overridden,
            hiddenRegions: state === 'done' ? decision.hidden.length : 0,
            // Ids only: who was visible and on which consent version; no names, and nothing about hidden people.
            visiblePeople:
              state === 'done'
                ? decision.visible.map((person) => ({
                    personId: person.personId,
                    consentRecordId: person.consentRecordId,
                  }))
                : [],
            problems: problems.map((problem) => problem.code),
          };
        };

        if (decision.status === 'blocked' || decision.status === 'needs_review') {
          // The summary says why in words (with names, for the person exporting); what is stored keeps codes only.
          record(
            'skipped',
            null,
            null,
            decision.blockers.map((blocker) => ({ code: blocker.code, params: blocker.params })),
          );
          return 'skipped';
        }

        const outputName = `${stem}_${String(index + 1).padStart(4, '0')}.jpg`;
        const temp = path.join(staging, outputName);
        try {
          const source = await openLibraryPhoto(db, photo.hash);
          const rendered = await renderPublishImage(source.pipeline(), {
            longSide: channel.exportLongSide,
            hide: decision.hidden,
            hideStyle: settings.hideStyle,
          });
          if (signal.aborted) return 'skipped';
          await writeFile(temp, rendered.jpeg);
          const findings = await checkPublishedFile({
            file: await readFile(temp),
            names,
            hidden: rendered.maskRects.map((maskRect, i) => ({ maskRect, regionRect: rendered.regionRects[i]! })),
            hideStyle: settings.hideStyle,
          });
          if (findings.length > 0) {
            await rm(temp, { force: true });
            record(
              'failed',
              null,
              null,
              findings.map((finding) => ({ code: finding.code, params: finding.params })),
            );
            throw new AppError('publish.leakCheckFailed', {
              file: sourceName,
              findings: findings.map((finding) => finding.code).join(', '),
            });
          }
          if (signal.aborted) return 'skipped';
          await moveIntoPlace(temp, outDir, outputName);
          written.push(outputName);
          record('done', outputName, sha256(rendered.jpeg), []);
          return 'done';
        } finally {
          await rm(temp, { force: true });
        }
      };

      try {
        await ctx.forEach(
          photos.map((_, index) => index),
          (index, signal) => exportOne(index, signal),
          { label: (index) => path.basename(photos[index]!.path) },
        );
        if (ctx.signal.aborted) throw new AppError('job.cancelled', {});

        const summaryItems = items.filter((item): item is ExportItemSummary => item !== undefined);
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
          },
          files: manifest.filter((entry): entry is ManifestEntry => entry !== undefined),
        });
        const summary: ExportSummary = {
          exportId,
          outDir,
          channelId: channel.id,
          date: request.date,
          schoolYear,
          exported: summaryItems.filter((item) => item.state === 'done').length,
          hiddenRegions: summaryItems
            .filter((item) => item.state === 'done')
            .reduce((sum, item) => sum + item.hiddenCount, 0),
          blocked: summaryItems.filter((item) => item.decision === 'blocked').length,
          needsReview: summaryItems.filter((item) => item.decision === 'needs_review').length,
          failed: summaryItems.filter((item) => item.state === 'failed').length,
          manifestSha256,
          items: summaryItems,
        };
        db.transaction(() => {
          db.prepare(`UPDATE exports SET state = 'done', finished_at = ?, manifest_sha256 = ? WHERE id = ?`).run(
            new Date().toISOString(),
            manifestSha256,
            exportId,
          );
          const { pid: _pid, ...auditSettings } = exportSettings;
          appendAuditEvent(db, actor, {
            action: 'export.done',
            subject: `export:${exportId}`,
            details: {
              exportId,
              outDir,
              settings: auditSettings,
              exported: summary.exported,
              hiddenRegions: summary.hiddenRegions,
              blocked: summary.blocked,
              needsReview: summary.needsReview,
              failed: summary.failed,
              manifestSha256,
            },
          });
        })();
        return summary;
      } catch (error) {
        // Cancelled or failed: take back every file this export wrote; the export is not done.
        await Promise.all(written.map((name) => rm(path.join(outDir, name), { force: true })));
        const state = ctx.signal.aborted ? 'cancelled' : 'failed';
        db.transaction(() => {
          db.prepare('UPDATE exports SET state = ?, finished_at = ? WHERE id = ?').run(
            state,
            new Date().toISOString(),
            exportId,
          );
          appendAuditEvent(db, actor, {
            action: `export.${state}`,
            subject: `export:${exportId}`,
            details: { exportId, channel: channel.id, date: request.date },
          });
        })();
        throw error;
      } finally {
        rmSync(staging, { recursive: true, force: true });
      }
    },
  });
}
