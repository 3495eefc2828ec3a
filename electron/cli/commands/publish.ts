// fotowacht export: a publish-ready set for one channel, with a progress bar and a summary of what went out,
// what was hidden, and what was blocked or needs review — and why.
import path from 'node:path';
import type { Command } from 'commander';
import { localDay } from '../../../shared/consent';
import { AppError } from '../../../shared/errors';
import { describeError, isMessageKey } from '../../../shared/i18n';
import type { ExportItemSummary } from '../../../shared/publish';
import { findEvent, listPicks } from '../../core/library';
import { beginExport, MANIFEST_JSON, photosWithoutCredit } from '../../core/publish';
import type { ReadableDb } from '../../core/db';
import { action, followJob } from '../command';
import { environmentKeyStore } from './boardWorkstation';
import type { Translate } from '../main';
import type { Output } from '../output';

interface ExportOptions {
  event?: string;
  photos?: string;
  channel: string;
  date?: string;
  out: string;
  override: string[];
  caption?: string;
  picks?: boolean;
  clips?: string;
  keepAudio?: boolean;
  allowSnapshot?: boolean;
}

function eventId(db: ReadableDb, key: string): number {
  const byNumber = /^\d+$/.test(key) ? findEvent(db, Number(key)) : null;
  const event = byNumber ?? findEvent(db, key);
  if (!event) throw new AppError('publish.eventUnknown', { event: key });
  return event.id;
}

/** The picks of the event `--picks` asks for; an event without picks is an error, never "the whole event". */
function picksOf(db: ReadableDb, event: number | undefined, key: string | undefined): string[] {
  if (event === undefined) throw new AppError('cli.export.picksNeedEvent', {});
  const picks = listPicks(db, event);
  if (picks.length === 0) throw new AppError('library.pick.none', { event: key ?? event });
  return picks;
}

function parseOverrides(values: readonly string[]): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const value of values) {
    const at = value.indexOf('=');
    const hash = value.slice(0, at).trim();
    const reason = value.slice(at + 1).trim();
    if (at < 0 || !/^[0-9a-f]{64}$/.test(hash) || !reason) throw new AppError('cli.export.overrideInvalid', { value });
    overrides[hash] = reason;
  }
  return overrides;
}

/** A comma-separated list of hashes (undefined when the option is absent). */
function hashList(value: string | undefined): string[] | undefined {
  return value
    ?.split(',')
    .map((hash) => hash.trim())
    .filter(Boolean);
}

function problemText(out: Output, problem: ExportItemSummary['problems'][number]): string {
  if (isMessageKey(problem.code)) return out.t(problem.code, problem.params);
  return describeError(out.language, problem);
}

export function registerPublish(program: Command, t: Translate): void {
  const command = program
    .command('export')
    .description(t('cli.export.description'))
    .option('--event <event>', t('cli.export.event'))
    .option('--photos <hashes>', t('cli.export.photos'))
    .option('--picks', t('cli.export.picks'))
    .option('--clips <hashes>', t('cli.export.clips'))
    .option('--keep-audio', t('cli.export.keepAudio'))
    .requiredOption('--channel <id>', t('cli.export.channel'))
    .option('--date <day>', t('cli.export.date'))
    .requiredOption('--out <dir>', t('cli.export.out'))
    .option('--override <hash=reason>', t('cli.export.override'), (value: string, all: string[]) => [...all, value], [])
    .option('--caption <text>', t('cli.export.caption'))
    .option('--allow-snapshot', t('cli.export.allowSnapshot'));
  command.action(
    action(command, async ({ out, openCore }) => {
      const options = command.opts<ExportOptions>();
      const core = openCore();
      const event = options.event !== undefined ? eventId(core.db, options.event) : undefined;
      const selection = {
        eventId: event,
        photoHashes: options.picks ? picksOf(core.db, event, options.event) : hashList(options.photos),
        videoHashes: hashList(options.clips),
      };
      // The school's warning about photos of unknown origin, before anything is written.
      const uncredited = photosWithoutCredit(core.db, selection).photos;
      if (uncredited.length > 0)
        out.warn(
          out.t('cli.export.withoutCredit', {
            count: uncredited.length,
            files: uncredited.map((photo) => photo.name).join(', '),
          }),
        );
      const handle = await beginExport(
        core,
        {
          channelId: options.channel,
          date: options.date ?? localDay(new Date()),
          ...selection,
          outDir: options.out,
          overrides: parseOverrides(options.override),
          caption: options.caption,
          allowSnapshot: options.allowSnapshot === true,
          keepAudio: options.keepAudio === true,
        },
        { keyStore: environmentKeyStore() },
      );
      const finished = await followJob(core, out, handle);
      const summary = finished.result;
      if (finished.state !== 'done' || !summary) {
        out.result({ ok: false, state: finished.state, error: finished.error, errors: finished.errors });
        if (finished.error) out.fail(finished.error);
        else out.warn(out.t('error.job.cancelled'));
        process.exitCode = finished.state === 'cancelled' ? 130 : 1;
        return;
      }
      out.result({ ok: summary.failed === 0, ...summary });
      for (const item of [...summary.items, ...summary.clips]) {
        if (item.state === 'done' && item.problems.length === 0) continue;
        out.say(
          out.t('cli.export.item', {
            file: item.sourceName,
            status: item.state === 'failed' ? out.t('cli.export.failed') : out.t(`policy.status.${item.decision}`),
            problems: item.problems.map((problem) => problemText(out, problem)).join('; '),
          }),
        );
      }
      out.say(
        out.t('cli.export.summary', {
          exported: summary.exported,
          hidden: summary.hiddenRegions,
          blocked: summary.blocked,
          review: summary.needsReview,
          failed: summary.failed,
        }),
      );
      if (summary.clips.length > 0)
        out.say(
          out.t('cli.export.clipsSummary', {
            exported: summary.clips.filter((clip) => clip.state === 'done').length,
            tracks: summary.hiddenTracks,
            audio: out.t(summary.keepAudio ? 'cli.export.audio.kept' : 'cli.export.audio.removed'),
          }),
        );
      if (summary.clips.some((clip) => clip.state === 'done')) out.warn(out.t('cli.export.clipsWatch'));
      out.say(
        out.t('cli.export.where', {
          dir: summary.outDir,
          manifest: path.join(summary.outDir, MANIFEST_JSON),
          hash: summary.manifestSha256,
        }),
      );
      if (typeof summary.board?.exportId === 'number')
        out.say(out.t('cli.export.boardRecorded', { exportId: summary.board.exportId }));
      if (summary.board?.mode === 'snapshot')
        out.warn(
          out.t('cli.export.snapshotUsed', {
            refreshedAt: summary.board.snapshot.refreshedAt,
            hash: summary.board.snapshot.hash.slice(0, 12),
          }),
        );
      const captionFindings = summary.caption?.findings ?? [];
      if (captionFindings.length > 0) {
        for (const finding of captionFindings)
          out.warn(
            out.t('cli.checkText.finding', {
              text: finding.text,
              start: finding.start + 1,
              end: finding.end,
              rule: out.t(finding.rule),
            }),
          );
        out.warn(out.t('cli.export.captionFindings', { count: captionFindings.length }));
      }
      if (summary.failed > 0) process.exitCode = 1;
    }),
  );
}
