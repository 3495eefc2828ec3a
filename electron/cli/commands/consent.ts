// fotowacht consent …: import a signed list (preview, errors, all-or-nothing commit), show a person's history,
// withdraw, record by hand, find people; fotowacht channels …: the channels consent is asked for.
import { readFileSync, writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import {
  currentSchoolYear,
  displayName,
  headerKey,
  isSchoolYearId,
  type ConsentImportPreview,
  type ConsentMapping,
  type ConsentRecord,
  type ConsentRowIssue,
  type Person,
  type PersonField,
} from '../../../shared/consent';
import { AppError } from '../../../shared/errors';
import { isMessageKey, translate, type MessageKey } from '../../../shared/i18n';
import { consentMappingSchema } from '../../../shared/ipc/consent';
import { addChannel, deleteChannel, listChannels, renameChannel, retireChannel } from '../../core/consent/channels';
import { describeConsentList } from '../../core/consent/fileInfo';
import { commitConsentImport, planConsentImport } from '../../core/consent/importer';
import {
  listPeople,
  personConsent,
  recordManualConsent,
  requirePersonByKey,
  withdrawConsent,
} from '../../core/consent/registry';
import { readConsentList, type ConsentListSource } from '../../core/consent/source';
import type { CoreContext } from '../../core/context';
import { action } from '../command';
import type { Translate } from '../main';
import type { Output } from '../output';

const LIST_LIMIT = 20;

function loadMapping(file: string): ConsentMapping {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AppError('consent.mapping.invalid', {
      file,
      issues: error instanceof Error ? error.message.slice(0, 200) : String(error),
    });
  }
  const parsed = consentMappingSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new AppError('consent.mapping.invalid', { file, issues });
  }
  return parsed.data as ConsentMapping;
}

function year(value: string | undefined): string {
  const id = value ?? currentSchoolYear();
  if (!isSchoolYearId(id)) throw new AppError('consent.year.invalid', { year: id });
  return id;
}

function statusText(out: Output, status: string): string {
  const key = `consent.status.${status}`;
  return isMessageKey(key) ? out.t(key) : status;
}

function issueText(out: Output, issue: ConsentRowIssue): string {
  const key = `error.${issue.code}`;
  const reason = isMessageKey(key) ? translate(out.language, key, issue.params) : issue.code;
  return issue.column === null
    ? out.t('consent.import.issueRowLine', { row: issue.row, reason })
    : out.t('consent.import.issueLine', { row: issue.row, column: issue.column, value: issue.value, reason });
}

function printList<T>(out: Output, title: string, items: readonly T[], line: (item: T) => string, all: boolean): void {
  if (items.length === 0) return;
  out.say(title);
  const shown = all ? items : items.slice(0, LIST_LIMIT);
  for (const item of shown) out.say(line(item));
  if (shown.length < items.length) out.say(out.t('consent.import.more', { count: items.length - shown.length }));
}

function printMapping(out: Output, source: ConsentListSource, mapping: ConsentMapping): void {
  const headers = source.rows[mapping.headerRow - 1] ?? [];
  const byHeader = new Map<string, string>();
  for (const [field, header] of Object.entries(mapping.fields) as [PersonField, string][]) {
    byHeader.set(
      headerKey(header),
      out.t('consent.import.mapField', { column: header, field: out.t(`consent.field.${field}`) }),
    );
  }
  for (const [header, channel] of Object.entries(mapping.channels)) {
    byHeader.set(headerKey(header), out.t('consent.import.mapChannel', { column: header, channel }));
  }
  out.say(out.t('consent.import.mappingTitle'));
  for (const header of headers) {
    if (header.trim() === '') continue;
    out.say(byHeader.get(headerKey(header)) ?? out.t('consent.import.unmapped', { column: header }));
  }
}

function printPreview(out: Output, preview: ConsentImportPreview, all: boolean): void {
  const c = preview.counts;
  out.say(
    out.t('consent.import.summary', {
      rows: c.rows,
      valid: c.validRows,
      errorRows: c.errorRows,
      warningRows: c.warningRows,
    }),
  );
  out.say(
    out.t('consent.import.summaryPeople', {
      newPeople: c.newPeople,
      updatedPeople: c.updatedPeople,
      missing: c.missing,
    }),
  );
  out.say(
    out.t('consent.import.summaryConsents', {
      newConsents: c.newConsents,
      changedConsents: c.changedConsents,
      withdrawals: c.withdrawals,
      unchangedConsents: c.unchangedConsents,
    }),
  );
  out.say(
    out.t('consent.import.summaryValues', { granted: c.granted, refused: c.refused, notReturned: c.notReturned }),
  );
  const none = out.t('consent.none');
  printList(
    out,
    out.t('consent.import.newPeopleTitle'),
    preview.newPeople,
    (p) => out.t('consent.import.personLine', { key: p.key, name: p.name, className: p.className ?? none }),
    all,
  );
  const change = (x: ConsentImportPreview['changes'][number]) =>
    out.t('consent.import.changeLine', {
      row: x.row,
      key: x.key,
      name: x.name,
      channel: x.channelId,
      from: x.from ? statusText(out, x.from) : none,
      to: statusText(out, x.to),
    });
  printList(out, out.t('consent.import.withdrawalsTitle'), preview.withdrawals, change, all);
  printList(
    out,
    out.t('consent.import.changesTitle'),
    preview.changes.filter((x) => x.from !== 'granted'),
    change,
    all,
  );
  printList(
    out,
    out.t('consent.import.missingTitle', { importId: preview.previousImportId ?? '' }),
    preview.missing,
    (p) => out.t('consent.import.personLine', { key: p.key, name: p.name, className: p.className ?? none }),
    all,
  );
  printList(out, out.t('consent.import.warningsTitle'), preview.warnings, (issue) => issueText(out, issue), all);
  printList(out, out.t('consent.import.errorsTitle'), preview.errors, (issue) => issueText(out, issue), all);
}

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

function personKind(value: string | undefined): 'pupil' | 'staff' | undefined {
  return value === 'pupil' || value === 'staff' ? value : undefined;
}

export function registerConsent(program: Command, t: Translate): void {
  const consent = program.command('consent').description(t('cli.consent.description'));

  const importCommand = consent
    .command('import')
    .description(t('cli.consent.import.description'))
    .argument('<file>', 'CSV / XLSX')
    .option('--year <year>', t('cli.consent.import.year'))
    .option('--mapping <file>', t('cli.consent.import.mapping'))
    .option('--save-mapping <file>', t('cli.consent.import.saveMapping'))
    .option('--sheet <name>', t('cli.consent.import.sheet'))
    .addOption(new Option('--kind <kind>', t('cli.consent.import.kind')).choices(['pupil', 'staff']))
    .option('--dry-run', t('cli.consent.import.dryRun'))
    .option('--only-valid', t('cli.consent.import.onlyValid'))
    .option('--all', t('cli.consent.import.all'));
  importCommand.action(
    action(importCommand, async ({ out, openCore }) => {
      const [file] = importCommand.args as [string];
      const opts = importCommand.opts<{
        year?: string;
        mapping?: string;
        saveMapping?: string;
        sheet?: string;
        kind?: string;
        dryRun?: boolean;
        onlyValid?: boolean;
        all?: boolean;
      }>();
      const schoolYear = year(opts.year);
      const core: CoreContext = openCore();
      const source = await readConsentList(file, { sheet: opts.sheet });
      const info = describeConsentList(core.db, source);
      let mapping = opts.mapping ? loadMapping(opts.mapping) : info.proposedMapping;
      const kind = personKind(opts.kind);
      if (kind) mapping = { ...mapping, personKind: kind };
      if (opts.saveMapping) writeFileSync(opts.saveMapping, `${JSON.stringify(mapping, null, 2)}\n`);

      out.say(
        out.t('consent.import.file', {
          file: source.fileName,
          format: source.format.toUpperCase(),
          sha256: source.sha256,
        }),
      );
      if (source.format === 'csv') {
        out.say(
          out.t('consent.import.csvDetails', {
            encoding: source.encoding ?? '',
            delimiter: source.delimiter === '\t' ? 'tab' : `“${source.delimiter ?? ''}”`,
          }),
        );
      } else {
        out.say(out.t('consent.import.sheet', { sheet: source.sheet ?? '', sheets: source.sheetNames.join(', ') }));
      }
      out.say(out.t('consent.import.year', { year: schoolYear }));
      out.say(
        out.t('consent.import.headerRow', {
          row: mapping.headerRow,
          kind: out.t(`consent.kind.${mapping.personKind}`),
        }),
      );
      printMapping(out, source, mapping);

      const { preview } = planConsentImport(core.db, source, mapping, schoolYear);
      printPreview(out, preview, Boolean(opts.all));
      const hasErrors = preview.errors.length > 0;
      const base = {
        file: source.fileName,
        sha256: source.sha256,
        format: source.format,
        encoding: source.encoding,
        delimiter: source.delimiter,
        sheet: source.sheet,
        mapping,
        preview,
      };

      if (opts.dryRun || (hasErrors && !opts.onlyValid)) {
        out.say(
          opts.dryRun
            ? out.t('consent.import.dryRun')
            : out.t('consent.import.notCommitted', { errors: preview.errors.length, rows: preview.counts.errorRows }),
        );
        out.result({ ok: !hasErrors || Boolean(opts.onlyValid), committed: false, ...base });
        if (hasErrors && !opts.onlyValid) process.exitCode = 1;
        return;
      }
      const result = commitConsentImport(core.db, core.actor(), source, mapping, schoolYear, {
        onlyValid: Boolean(opts.onlyValid),
        expectedFingerprint: preview.fingerprint,
      });
      if (hasErrors) {
        out.say(
          out.t('consent.import.skippedRows', { rows: [...new Set(preview.errors.map((e) => e.row))].join(', ') }),
        );
      }
      out.say(out.t('consent.import.done', { importId: result.importId, records: result.recordsWritten }));
      out.result({
        ok: true,
        committed: true,
        importId: result.importId,
        recordsWritten: result.recordsWritten,
        ...base,
      });
    }),
  );

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
      const person = requirePersonByKey(core.db, key);
      const records = withdrawConsent(core.db, core.actor(), {
        personId: person.id,
        channelId: opts.channel,
        date: opts.date,
        reason: opts.reason,
      });
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
      const person = requirePersonByKey(core.db, key);
      const record = recordManualConsent(core.db, core.actor(), {
        personId: person.id,
        channelId: opts.channel,
        status: opts.status,
        schoolYear: opts.year === undefined ? undefined : year(opts.year),
        signedBy: opts.signedBy ?? null,
        signedOn: opts.signedOn ?? null,
        date: opts.date,
        reason: opts.reason,
      });
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

export function registerChannels(program: Command, t: Translate): void {
  const channels = program.command('channels').description(t('cli.channels.description'));

  const list = channels.command('list').description(t('cli.channels.list.description'));
  list.action(
    action(list, async ({ out, openCore }) => {
      const all = listChannels(openCore().db);
      out.result(all);
      for (const channel of all) {
        const state =
          (channel.retiredAt ? out.t('consent.channels.retired') : '') +
          (channel.used ? out.t('consent.channels.used') : '');
        out.say(
          out.t('consent.channels.line', { id: channel.id, labelNl: channel.labelNl, labelEn: channel.labelEn, state }),
        );
      }
    }),
  );

  const add = channels
    .command('add')
    .description(t('cli.channels.add.description'))
    .argument('<labelNl>', t('cli.channels.labelNl'))
    .option('--en <label>', t('cli.channels.labelEn'))
    .option('--id <id>', t('cli.channels.add.id'));
  add.action(
    action(add, async ({ out, openCore }) => {
      const [labelNl] = add.args as [string];
      const opts = add.opts<{ en?: string; id?: string }>();
      const core = openCore();
      const channel = addChannel(core.db, core.actor(), {
        id: opts.id,
        labelNl,
        labelEn: opts.en,
      });
      out.result(channel);
      out.say(out.t('consent.channels.added', { id: channel.id, labelNl: channel.labelNl, labelEn: channel.labelEn }));
    }),
  );

  const rename = channels
    .command('rename')
    .description(t('cli.channels.rename.description'))
    .argument('<id>', 'id')
    .option('--nl <label>', t('cli.channels.labelNl'))
    .option('--en <label>', t('cli.channels.labelEn'));
  rename.action(
    action(rename, async ({ out, openCore }) => {
      const [id] = rename.args as [string];
      const opts = rename.opts<{ nl?: string; en?: string }>();
      const core = openCore();
      const channel = renameChannel(core.db, core.actor(), {
        id,
        labelNl: opts.nl,
        labelEn: opts.en,
      });
      out.result(channel);
      out.say(
        out.t('consent.channels.renamed', { id: channel.id, labelNl: channel.labelNl, labelEn: channel.labelEn }),
      );
    }),
  );

  const remove = channels.command('delete').description(t('cli.channels.delete.description')).argument('<id>', 'id');
  remove.action(
    action(remove, async ({ out, openCore }) => {
      const [id] = remove.args as [string];
      const core = openCore();
      deleteChannel(core.db, core.actor(), { id });
      out.result({ ok: true, deleted: id });
      out.say(out.t('consent.channels.deleted', { id }));
    }),
  );

  for (const [name, retired, done] of [
    ['retire', true, 'consent.channels.retiredDone'],
    ['reinstate', false, 'consent.channels.reinstated'],
  ] as const) {
    const command = channels
      .command(name)
      .description(t(`cli.channels.${name}.description` as MessageKey))
      .argument('<id>', 'id');
    command.action(
      action(command, async ({ out, openCore }) => {
        const [id] = command.args as [string];
        const core = openCore();
        const channel = retireChannel(core.db, core.actor(), { id, retired });
        out.result(channel);
        out.say(out.t(done, { id: channel.id }));
      }),
    );
  }
}
