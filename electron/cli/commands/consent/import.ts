// fotowacht consent import: read a signed list, show the mapping and the preview (errors, withdrawals, who is
// missing), then commit all rows at once — or, with --only-valid, the rows without errors.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import {
  headerKey,
  type ConsentImportPreview,
  type ConsentMapping,
  type ConsentRowIssue,
  type PersonField,
} from '../../../../shared/consentImport';
import { AppError } from '../../../../shared/errors';
import { isMessageKey, translate } from '../../../../shared/i18n';
import { consentMappingSchema } from '../../../../shared/ipc/consent';
import {
  commitConsentImport,
  describeConsentList,
  planConsentImport,
  readConsentList,
  type ConsentListSource,
} from '../../../core/consent';
import type { CoreContext } from '../../../core/context';
import { checkPathFor } from '../../../core/files';
import { action } from '../../command';
import { sharedRegistryFor } from '../boardWorkstation';
import type { Translate } from '../../main';
import type { Output } from '../../output';
import { statusText, year } from './text';

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
  printList(
    out,
    out.t('consent.import.renamedTitle'),
    preview.renamed,
    (x) => out.t('consent.import.renameLine', { row: x.row, key: x.key, from: x.from, to: x.to }),
    all,
  );
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
  printList(
    out,
    out.t('consent.import.protectTitle'),
    preview.protect,
    (p) => out.t('consent.import.personLine', { key: p.key, name: p.name, className: p.className ?? none }),
    all,
  );
  printList(out, out.t('consent.import.warningsTitle'), preview.warnings, (issue) => issueText(out, issue), all);
  printList(out, out.t('consent.import.errorsTitle'), preview.errors, (issue) => issueText(out, issue), all);
}

function personKind(value: string | undefined): 'pupil' | 'staff' | undefined {
  return value === 'pupil' || value === 'staff' ? value : undefined;
}

export function registerConsentImport(consent: Command, t: Translate): void {
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
    .option('--confirm-renames', t('cli.consent.import.confirmRenames'))
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
        confirmRenames?: boolean;
        all?: boolean;
      }>();
      const schoolYear = year(opts.year);
      const core: CoreContext = openCore();
      // The shell's own path, checked as the app checks one: a list's type, a regular file, not too large.
      const list = await checkPathFor('consentList', path.resolve(file));
      const source = await readConsentList(list.path, { sheet: opts.sheet });
      // Board mode: the preview is made on this computer's copy, fetched now; the commit goes to the board.
      const shared = sharedRegistryFor(core);
      await shared?.refresh();
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

      const unconfirmedRenames = preview.renamed.length > 0 && !opts.confirmRenames;
      if (unconfirmedRenames && !opts.dryRun && !(hasErrors && !opts.onlyValid)) {
        out.say(out.t('consent.import.renamesNotCommitted', { count: preview.renamed.length }));
        out.result({ ok: false, committed: false, ...base });
        process.exitCode = 1;
        return;
      }
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
      const commit = {
        onlyValid: Boolean(opts.onlyValid),
        confirmRenames: Boolean(opts.confirmRenames),
        expectedFingerprint: preview.fingerprint,
      };
      const result = shared
        ? await shared.importList(source, mapping, schoolYear, commit)
        : commitConsentImport(core.db, core.actor(), source, mapping, schoolYear, commit);
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
}
