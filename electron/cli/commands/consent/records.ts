// fotowacht consent show / withdraw / set / people: one person's consent and history, a withdrawal, a change by
// hand, and finding people.
import { Option, type Command } from 'commander';
import { displayName, type ConsentRecord, type Person } from '../../../../shared/consent';
import {
  listPeople,
  personConsent,
  recordManualConsent,
  requirePersonByKey,
  withdrawConsent,
} from '../../../core/consent';
import { action } from '../../command';
import { sharedRegistryFor } from '../boardWorkstation';
import type { Translate } from '../../main';
import type { Output } from '../../output';
import { statusText, year } from './text';

function personLine(out: Output, person: Person): string {
  return out.t('consent.show.person', {
    name: displayName(person),
    kind: out.t(`consent.kind.${person.kind}`),
    key: person.externalKey ?? '',
  });
}

function recordLine(out: Output, record: ConsentRecord): string {
  let detail = '';
  if (record.source === 'import' && record.importId !== null) {
    detail += out.t('consent.show.fromImport', {
      importId: record.importId,
      file: record.importFileName ?? '',
      sha256: (record.importSha256 ?? '').slice(0, 12),
    });
  }
  if (record.signedBy) {
    detail += out.t('consent.show.signed', {
      signer: out.t(`consent.signer.${record.signedBy}`),
      date: record.signedOn ?? out.t('consent.none'),
    });
  }
  if (record.reason) detail += out.t('consent.show.reason', { reason: record.reason });
  return out.t('consent.show.historyLine', {
    recordedAt: record.recordedAt,
    year: record.schoolYear,
    channel: record.channelId,
    version: record.version,
    status: statusText(out, record.status),
    effectiveFrom: record.effectiveFrom,
    source: out.t(`consent.source.${record.source}`),
    detail,
    actor: record.actor,
  });
}

export function registerConsentRecords(consent: Command, t: Translate): void {
  const show = consent
    .command('show')
    .description(t('cli.consent.show.description'))
    .argument('<key>', t('cli.consent.show.key'))
    .option('--date <date>', t('cli.consent.show.date'));
  show.action(
    action(show, async ({ out, openCore }) => {
      const [key] = show.args as [string];
      const { date } = show.opts<{ date?: string }>();
      const db = openCore().db;
      const person = requirePersonByKey(db, key);
      const view = personConsent(db, person.id, date ?? new Date());
      out.result(view);
      const none = out.t('consent.none');
      out.say(personLine(out, person));
      out.say(
        out.t('consent.show.names', {
          roepnaam: person.roepnaam ?? none,
          voornamen: person.voornamen ?? none,
          tussenvoegsel: person.tussenvoegsel ?? none,
          achternaam: person.achternaam,
        }),
      );
      out.say(
        out.t('consent.show.details', { className: person.className ?? none, birthDate: person.birthDate ?? none }),
      );
      out.say(out.t('consent.show.onDate', { at: view.at, year: view.schoolYear }));
      for (const channel of view.channels) {
        out.say(
          out.t('consent.show.channelLine', {
            channel: out.language === 'nl' ? channel.channelLabelNl : channel.channelLabelEn,
            status: statusText(out, channel.status),
            record:
              channel.recordId === null
                ? ''
                : out.t('consent.show.recordRef', { version: channel.version ?? 0, id: channel.recordId }),
          }),
        );
      }
      out.say(out.t('consent.show.historyTitle'));
      if (view.history.length === 0) out.say(out.t('consent.show.noHistory'));
      for (const record of view.history) out.say(recordLine(out, record));
    }),
  );

  const withdraw = consent
    .command('withdraw')
    .description(t('cli.consent.withdraw.description'))
    .argument('<key>', t('cli.consent.show.key'))
    .requiredOption('--channel <id>', t('cli.consent.withdraw.channel'))
    .option('--date <date>', t('cli.consent.withdraw.date'))
    .requiredOption('--reason <text>', t('cli.consent.reason'));
  withdraw.action(
    action(withdraw, async ({ out, openCore }) => {
      const [key] = withdraw.args as [string];
      const opts = withdraw.opts<{ channel: string; date?: string; reason: string }>();
      const core = openCore();
      const shared = sharedRegistryFor(core);
      await shared?.refresh();
      const person = requirePersonByKey(core.db, key);
      const input = { personId: person.id, channelId: opts.channel, date: opts.date, reason: opts.reason };
      const records = shared ? await shared.withdrawConsent(input) : withdrawConsent(core.db, core.actor(), input);
      out.result({ ok: true, person, records });
      for (const record of records) {
        out.say(
          out.t('consent.withdraw.done', {
            key: person.externalKey ?? '',
            name: displayName(person),
            channel: record.channelId,
            effectiveFrom: record.effectiveFrom,
            id: record.id,
          }),
        );
      }
    }),
  );

  const set = consent
    .command('set')
    .description(t('cli.consent.set.description'))
    .argument('<key>', t('cli.consent.show.key'))
    .requiredOption('--channel <id>', t('cli.consent.withdraw.channel'))
    .addOption(
      new Option('--status <status>', t('cli.consent.set.status'))
        .choices(['granted', 'refused', 'not_returned'])
        .makeOptionMandatory(),
    )
    .option('--year <year>', t('cli.consent.import.year'))
    .addOption(new Option('--signed-by <who>', t('cli.consent.set.signedBy')).choices(['parent', 'guardian', 'self']))
    .option('--signed-on <date>', t('cli.consent.set.signedOn'))
    .option('--date <date>', t('cli.consent.withdraw.date'))
    .requiredOption('--reason <text>', t('cli.consent.reason'));
  set.action(
    action(set, async ({ out, openCore }) => {
      const [key] = set.args as [string];
      const opts = set.opts<{
        channel: string;
        status: 'granted' | 'refused' | 'not_returned';
        year?: string;
        signedBy?: 'parent' | 'guardian' | 'self';
        signedOn?: string;
        date?: string;
        reason: string;
      }>();
      const core = openCore();
      const shared = sharedRegistryFor(core);
      await shared?.refresh();
      const person = requirePersonByKey(core.db, key);
      const input = {
        personId: person.id,
        channelId: opts.channel,
        status: opts.status,
        schoolYear: opts.year === undefined ? undefined : year(opts.year),
        signedBy: opts.signedBy ?? null,
        signedOn: opts.signedOn ?? null,
        date: opts.date,
        reason: opts.reason,
      };
      const record = shared
        ? await shared.recordManualConsent(input)
        : recordManualConsent(core.db, core.actor(), input);
      out.result({ ok: true, person, record });
      out.say(
        out.t('consent.set.done', {
          key: person.externalKey ?? '',
          name: displayName(person),
          channel: record.channelId,
          status: statusText(out, record.status),
          year: record.schoolYear,
          id: record.id,
        }),
      );
    }),
  );

  const people = consent
    .command('people')
    .description(t('cli.consent.people.description'))
    .argument('[search...]', t('cli.consent.people.search'))
    .option('--class <name>', t('cli.consent.people.class'));
  people.action(
    action(people, async ({ out, openCore }) => {
      const words = people.args;
      const opts = people.opts<{ class?: string }>();
      const found = listPeople(openCore().db, {
        search: words.join(' ') || undefined,
        className: opts.class,
        limit: 5000,
      });
      out.result(found);
      if (found.length === 0) out.say(out.t('consent.people.none'));
      const none = out.t('consent.none');
      for (const person of found) {
        out.say(
          out.t('consent.people.line', {
            key: person.externalKey ?? '',
            name: displayName(person),
            className: person.className ?? none,
            granted: person.grantedChannels.join(', ') || none,
          }),
        );
      }
    }),
  );
}
