// fotowacht people erase / retention: the privacy officer erases a person (first the takedown list, then, with
// --yes, the erasure), and lists who left and which export records are old enough to go.
import type { Command } from 'commander';
import { displayName } from '../../../shared/consent';
import { AppError } from '../../../shared/errors';
import { inBoardMode } from '../../core/board';
import { requirePersonByKey } from '../../core/consent';
import {
  DEFAULT_EXPORT_YEARS,
  DEFAULT_LEFT_AFTER_MONTHS,
  erasePerson,
  erasePersonOnBoard,
  previewErasureOnBoard,
  exportsDueForPruning,
  leaversDueForErasure,
  previewErasure,
  pruneOldExports,
} from '../../core/privacy';
import type { Publication } from '../../core/publish';
import { action } from '../command';
import type { Translate } from '../main';
import type { Output } from '../output';
import { environmentKeyStore } from './boardWorkstation';
import { registerPeopleName } from './review';

function printPublished(out: Output, rows: readonly Publication[]): void {
  out.say(out.t('cli.people.erase.published', { count: rows.length }));
  for (const row of rows)
    out.say(
      out.t('cli.audit.publication', {
        date: row.publishDate,
        channel: row.channelId,
        dir: row.outDir,
        file: row.outputName,
        record: row.consentRecordId,
      }),
    );
}

function whole(value: string, code: string): number {
  if (!/^\d{1,3}$/.test(value)) throw new AppError(code, { value });
  return Number(value);
}

export function registerPeople(program: Command, t: Translate): void {
  const people = program.command('people').description(t('cli.people.description'));
  registerPeopleName(people, t);

  const erase = people
    .command('erase')
    .description(t('cli.people.erase.description'))
    .argument('<key>', t('cli.audit.key'))
    .requiredOption('--reason <text>', t('cli.people.erase.reason'))
    .option('--yes', t('cli.people.erase.yes'));
  erase.action(
    action(erase, async ({ out, openCore }) => {
      const options = erase.opts<{ reason: string; yes?: boolean }>();
      const core = openCore();
      // In board mode the board's privacy officer erases on the board (the database refuses anyone else).
      const board = inBoardMode(core.db)
        ? {
            db: core.db,
            dataDir: core.paths.root,
            displayName: core.actor().name,
            keyStore: environmentKeyStore(),
          }
        : null;
      const person = requirePersonByKey(core.db, erase.args[0]!);
      const preview = board ? await previewErasureOnBoard(board, person.id) : previewErasure(core.db, person.id);
      out.say(out.t('cli.people.erase.who', { name: displayName(person), key: person.externalKey ?? '' }));
      printPublished(out, preview.published);
      if (!options.yes) {
        out.result({ erased: false, ...preview });
        out.warn(out.t('cli.people.erase.confirm'));
        process.exitCode = 1;
        return;
      }
      const result = board
        ? await erasePersonOnBoard(board, person.id, options.reason)
        : erasePerson(core.db, core.actor(), person.id, options.reason);
      out.result({ erased: true, ...result });
      out.say(
        out.t('cli.people.erase.done', {
          pseudonym: result.pseudonym,
          regions: result.regionsUnlinked,
          tags: result.tagsRemoved + result.keywordsRemoved,
          events: result.auditDetailsErased.length,
        }),
      );
    }),
  );

  const retention = people
    .command('retention')
    .description(t('cli.people.retention.description'))
    .option('--left-after-months <n>', t('cli.people.retention.months'), String(DEFAULT_LEFT_AFTER_MONTHS))
    .option('--exports-older-than-years <n>', t('cli.people.retention.years'), String(DEFAULT_EXPORT_YEARS))
    .option('--prune-exports', t('cli.people.retention.prune'))
    .option('--yes', t('cli.people.erase.yes'));
  retention.action(
    action(retention, async ({ out, openCore }) => {
      const options = retention.opts<{
        leftAfterMonths: string;
        exportsOlderThanYears: string;
        pruneExports?: boolean;
        yes?: boolean;
      }>();
      const months = whole(options.leftAfterMonths, 'privacy.retention.monthsInvalid');
      const years = whole(options.exportsOlderThanYears, 'privacy.retention.yearsInvalid');
      const core = openCore();
      const leavers = leaversDueForErasure(core.db, months);
      out.say(out.t('cli.people.retention.leavers', { count: leavers.length, months }));
      for (const leaver of leavers)
        out.say(
          out.t('cli.people.retention.leaver', {
            key: leaver.person.externalKey ?? '',
            name: displayName(leaver.person),
            className: leaver.person.className ?? '',
            last: leaver.lastListedAt?.slice(0, 10) ?? out.t('consent.none'),
          }),
        );
      const old = exportsDueForPruning(core.db, years);
      out.say(out.t('cli.people.retention.exports', { count: old.length, years }));
      for (const row of old)
        out.say(
          out.t('cli.people.retention.export', {
            id: row.id,
            channel: row.channelId,
            date: row.publishDate,
            files: row.files,
          }),
        );
      let pruned: number[] = [];
      if (options.pruneExports && old.length > 0) {
        if (!options.yes) {
          out.warn(out.t('cli.people.erase.confirm'));
          process.exitCode = 1;
        } else {
          pruned = pruneOldExports(core.db, core.actor(), years).map((row) => row.id);
          out.say(out.t('cli.people.retention.pruned', { count: pruned.length }));
        }
      }
      out.result({
        leavers: leavers.map((leaver) => ({
          personId: leaver.person.id,
          key: leaver.person.externalKey,
          lastListedAt: leaver.lastListedAt,
        })),
        oldExports: old,
        prunedExports: pruned,
      });
    }),
  );
}
