// fotowacht audit …: verify, head, keygen and checkpoint (auditProof.ts), a report for a period (CSV or PDF),
// where a person was published, and the takedown list after a withdrawal.
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { FilePurpose } from '../../../shared/ipc/ui';
import { actorLabel } from '../../core/audit';
import { buildAuditReport } from '../../core/audit';
import { auditReportLookup, requirePersonByKey } from '../../core/consent';
import { checkPathFor, writeGrantedFile } from '../../core/files';
import { publicationsCsv, publicationsOfPerson, type Publication } from '../../core/publish';
import { action } from '../command';
import { registerAuditProof } from './auditProof';
import { environmentKeyStore } from './boardWorkstation';
import type { Translate } from '../main';
import type { Output } from '../output';

/** The shell's own path, checked as the app checks one: a .csv/.pdf name, a new file unless --force. */
export async function writeOut(
  purpose: FilePurpose,
  file: string,
  bytes: Buffer | string,
  force: boolean,
): Promise<string> {
  const target = await checkPathFor(purpose, path.resolve(file), { overwriteConfirmed: force });
  return writeGrantedFile(target, bytes);
}

function printPublications(out: Output, rows: readonly Publication[]): void {
  if (rows.length === 0) out.say(out.t('cli.audit.noPublications'));
  for (const row of rows) {
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
}

export function registerAudit(program: Command, t: Translate): void {
  const audit = program.command('audit').description(t('cli.audit.description'));

  registerAuditProof(audit, t);

  const report = audit
    .command('report')
    .description(t('cli.audit.report.description'))
    .requiredOption('--from <day>', t('cli.audit.report.from'))
    .requiredOption('--to <day>', t('cli.audit.report.to'))
    .addOption(new Option('--format <format>', t('cli.audit.report.format')).choices(['csv', 'pdf']).default('pdf'))
    .requiredOption('--out <file>', t('cli.audit.report.out'))
    .option('--force', t('cli.file.force'));
  report.action(
    action(report, async ({ out, openCore }) => {
      const options = report.opts<{ from: string; to: string; format: 'csv' | 'pdf'; out: string; force?: boolean }>();
      const core = openCore();
      const actor = core.actor();
      const built = await buildAuditReport(core.db, { from: options.from, to: options.to }, options.format, {
        language: out.language,
        generatedBy: actorLabel(actor),
        lookup: auditReportLookup(core.db),
      });
      const purpose = options.format === 'pdf' ? 'auditReportPdf' : 'auditReportCsv';
      const file = await writeOut(purpose, options.out, built.bytes, options.force === true);
      out.result({ path: file, format: built.format, events: built.events, verification: built.verification });
      out.say(out.t('cli.audit.report.written', { path: file, events: built.events }));
    }),
  );

  const where = audit
    .command('where-published')
    .description(t('cli.audit.where.description'))
    .argument('<key>', t('cli.audit.key'));
  where.action(
    action(where, async ({ out, openCore }) => {
      const core = openCore();
      const person = requirePersonByKey(core.db, where.args[0]!);
      // In board mode: every export on the board the user may see (photos and clips, from every workstation).
      const rows = await publicationsOfPerson(core, person.id, [], environmentKeyStore());
      out.result({ personId: person.id, publications: rows });
      printPublications(out, rows);
    }),
  );

  const takedown = audit
    .command('takedown')
    .description(t('cli.audit.takedown.description'))
    .argument('<key>', t('cli.audit.key'))
    .option('--channel <id>', t('cli.audit.channel'))
    .option('--csv <file>', t('cli.audit.csvOut'))
    .option('--force', t('cli.file.force'));
  takedown.action(
    action(takedown, async ({ out, openCore }) => {
      const core = openCore();
      const options = takedown.opts<{ channel?: string; csv?: string; force?: boolean }>();
      const person = requirePersonByKey(core.db, takedown.args[0]!);
      const channels = options.channel ? [options.channel] : [];
      const rows = await publicationsOfPerson(core, person.id, channels, environmentKeyStore());
      const csvPath = options.csv
        ? await writeOut('takedownCsv', options.csv, publicationsCsv(rows), options.force === true)
        : null;
      out.result({ personId: person.id, channel: options.channel ?? null, files: rows, csv: csvPath });
      printPublications(out, rows);
      if (csvPath) out.say(out.t('cli.audit.takedown.written', { path: csvPath, count: rows.length }));
    }),
  );
}
