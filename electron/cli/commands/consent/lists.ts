// fotowacht consent turning-16 / missing: pupils who turn (or turned) 16, and per school year and class who has no
// form, who refused everything and who withdrew — on screen, as JSON, as a CSV for the mail merge and a PDF per class.
import path from 'node:path';
import type { Command } from 'commander';
import type { FilePurpose } from '../../../../shared/ipc/ui';
import type { ChannelState } from '../../../../shared/consentLists';
import { actorLabel } from '../../../core/audit';
import { listChannels, renewalCsv, renewalLists, renewalPdf, turningSixteen } from '../../../core/consent';
import type { ReadableDb } from '../../../core/db';
import { checkPathFor, writeGrantedFile } from '../../../core/files';
import { action } from '../../command';
import type { Translate } from '../../main';
import type { Output } from '../../output';
import { statusText, year } from './text';

async function writeOut(purpose: FilePurpose, file: string, bytes: Buffer | string, force: boolean): Promise<string> {
  const target = await checkPathFor(purpose, path.resolve(file), { overwriteConfirmed: force });
  return writeGrantedFile(target, bytes);
}

function channelLabels(db: ReadableDb, out: Output): Record<string, string> {
  return Object.fromEntries(
    listChannels(db).map((channel) => [channel.id, out.language === 'nl' ? channel.labelNl : channel.labelEn]),
  );
}

function answers(out: Output, labels: Readonly<Record<string, string>>, states: readonly ChannelState[]): string {
  return states
    .map((state) => `${labels[state.channelId] ?? state.channelId}: ${statusText(out, state.status)}`)
    .join('; ');
}

export function registerConsentLists(consent: Command, t: Translate): void {
  const sixteen = consent
    .command('turning-16')
    .description(t('cli.lists.turning16.description'))
    .option('--date <day>', t('cli.lists.turning16.date'))
    .option('--days <n>', t('cli.lists.turning16.days'));
  sixteen.action(
    action(sixteen, async ({ out, openCore }) => {
      const options = sixteen.opts<{ date?: string; days?: string }>();
      const db = openCore().db;
      const items = turningSixteen(db, {
        date: options.date,
        withinDays: options.days === undefined ? undefined : Number(options.days),
      });
      out.result(items);
      const labels = channelLabels(db, out);
      if (items.length === 0) out.say(out.t('lists.turning16.none'));
      for (const item of items) {
        out.say(
          out.t(item.when === 'soon' ? 'lists.turning16.soon' : 'lists.turning16.turned', {
            name: item.person.name,
            key: item.person.key ?? '',
            className: item.person.className ?? out.t('consent.none'),
            date: item.sixteenthBirthday,
            days: Math.abs(item.daysUntil),
          }),
        );
        out.say(
          out.t('lists.turning16.form', {
            form: item.lastForm
              ? out.t('lists.turning16.lastForm', {
                  date: item.lastForm.signedOn,
                  signer: item.lastForm.signedBy
                    ? out.t(`consent.signer.${item.lastForm.signedBy}`)
                    : out.t('consent.none'),
                })
              : out.t('lists.turning16.noForm'),
            consents: answers(out, labels, item.consents),
          }),
        );
      }
    }),
  );

  const missing = consent
    .command('missing')
    .description(t('cli.lists.missing.description'))
    .option('--year <year>', t('cli.lists.missing.year'))
    .option('--class <name>', t('cli.lists.missing.class'))
    .option('--csv <file>', t('cli.lists.missing.csv'))
    .option('--pdf <file>', t('cli.lists.missing.pdf'))
    .option('--force', t('cli.file.force'));
  missing.action(
    action(missing, async ({ out, openCore }) => {
      const options = missing.opts<{ year?: string; class?: string; csv?: string; pdf?: string; force?: boolean }>();
      const core = openCore();
      const lists = renewalLists(core.db, { schoolYear: year(options.year), className: options.class });
      const labels = channelLabels(core.db, out);
      const csv = options.csv
        ? await writeOut('renewalCsv', options.csv, renewalCsv(lists, out.language, labels), options.force === true)
        : null;
      const pdf = options.pdf
        ? await writeOut(
            'renewalPdf',
            options.pdf,
            await renewalPdf(lists, {
              language: out.language,
              channelLabels: labels,
              generatedBy: actorLabel(core.actor()),
            }),
            options.force === true,
          )
        : null;
      out.result({ ...lists, csv, pdf });
      for (const group of lists.classes) {
        out.say(
          out.t('lists.missing.class', {
            className: group.className || out.t('consent.none'),
            count: group.entries.length,
            pupils: group.pupils,
          }),
        );
        for (const entry of group.entries) {
          out.say(
            out.t('lists.missing.entry', {
              reason: out.t(`lists.reason.${entry.reason}`),
              name: entry.person.name,
              key: entry.person.key ?? '',
            }),
          );
        }
      }
      if (csv) out.say(out.t('lists.written', { path: csv }));
      if (pdf) out.say(out.t('lists.written', { path: pdf }));
    }),
  );
}
