// A consent import from a read list: plan (validate, compare with the registry, preview) and commit — all rows
// in one transaction or nothing, and only what the preview showed (its fingerprint is checked at commit).
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../shared/canonicalJson';
import { displayName, type ListConsentStatus, type Person, type SchoolYearId } from '../../../shared/consent';
import {
  type ConsentChange,
  type ConsentImportCounts,
  type ConsentImportPreview,
  type ConsentListRow,
  type ConsentMapping,
  type NameChange,
  type PreviewPerson,
} from '../../../shared/consentImport';
import { AppError } from '../../../shared/errors';
import type { JsonValue } from '../../../shared/types';
import { actorLabel, type Actor, type AuditInput } from '../audit';
import { audited } from '../audit';
import type { ReadableDb, WritableDb } from '../db';
import { listChannels } from './channels';
import { writeProtection } from './protection';
import { latestRecordsOfYear, recordWriter } from './recordsRepository';
import { ensureSchoolYear } from './registry';
import { importWriter, insertConsentImport, peopleListedBy, previousImportId, selectAllPeople } from './repository';
import type { ConsentListSource } from './source';
import { validateConsentList } from './validate';

interface PlannedRow {
  readonly list: ConsentListRow;
  readonly personId: number | null;
  readonly personChanged: boolean;
  /** The list marks this person "never publish" and the registry does not yet. */
  readonly protect: boolean;
  readonly writes: ReadonlyArray<{
    readonly channelId: string;
    readonly status: ListConsentStatus;
    readonly version: number;
  }>;
}

export interface ConsentImportPlan {
  readonly preview: ConsentImportPreview;
  readonly rows: readonly PlannedRow[];
}

export interface PlanOptions {
  /** Today's local day ('YYYY-MM-DD'), for the age check and future dates; default the real today. */
  readonly today?: string | undefined;
}

function samePersonData(person: Readonly<Person>, list: Readonly<ConsentListRow>): boolean {
  return (
    person.roepnaam === list.roepnaam &&
    person.voornamen === list.voornamen &&
    person.tussenvoegsel === list.tussenvoegsel &&
    person.achternaam === list.achternaam &&
    person.className === list.className &&
    person.birthDate === list.birthDate
  );
}

/** Reads the registry and says what a commit would do. Writes nothing. */
export function planConsentImport(
  db: ReadableDb,
  source: Pick<ConsentListSource, 'fileName' | 'sha256' | 'rows'>,
  mapping: Readonly<ConsentMapping>,
  schoolYear: SchoolYearId,
  options: PlanOptions = {},
): ConsentImportPlan {
  const channels = listChannels(db);
  const validated = validateConsentList(source.rows, mapping, channels, {
    schoolYear,
    ...(options.today ? { today: options.today } : {}),
  });
  const people = new Map(selectAllPeople(db, mapping.personKind).map((person) => [person.externalKey ?? '', person]));
  const latest = latestRecordsOfYear(db, schoolYear);
  const warnings = [...validated.warnings];
  const newPeople: PreviewPerson[] = [];
  const renamed: NameChange[] = [];
  const changes: ConsentChange[] = [];
  const protect: PreviewPerson[] = [];
  let updatedPeople = 0;
  let newConsents = 0;
  let unchangedConsents = 0;
  const tally = { granted: 0, refused: 0, not_returned: 0 };
  const planned: PlannedRow[] = [];

  for (const list of validated.valid) {
    const existing = people.get(list.key);
    const name = displayName(list);
    if (!existing) newPeople.push({ row: list.row, personId: null, key: list.key, name, className: list.className });
    const personChanged = existing !== undefined && !samePersonData(existing, list);
    if (existing && displayName(existing) !== name) {
      renamed.push({ row: list.row, personId: existing.id, key: list.key, from: displayName(existing), to: name });
    }
    if (personChanged) updatedPeople += 1;
    const writes: Array<{ channelId: string; status: ListConsentStatus; version: number }> = [];
    for (const [channelId, status] of Object.entries(list.consents)) {
      tally[status] += 1;
      const previous = existing ? latest.get(`${existing.id}|${channelId}`) : undefined;
      if (previous?.status === 'withdrawn') {
        // A withdrawal is undone only by hand: an older list read again must not bring consent back.
        if (status === 'granted') {
          warnings.push({
            severity: 'warning',
            row: list.row,
            column: Object.entries(mapping.channels).find(([, id]) => id === channelId)?.[0] ?? null,
            value: status,
            code: 'consent.row.keepsWithdrawal',
            params: { channel: channelId, since: previous.effectiveFrom.slice(0, 10) },
          });
        }
        continue;
      }
      if (
        previous &&
        previous.status === status &&
        previous.signedBy === list.signedBy &&
        previous.signedOn === list.signedOn
      ) {
        unchangedConsents += 1;
        continue;
      }
      writes.push({ channelId, status, version: (previous?.version ?? 0) + 1 });
      if (!previous) newConsents += 1;
      else if (previous.status !== status) {
        changes.push({
          row: list.row,
          personId: existing?.id ?? null,
          key: list.key,
          name,
          channelId,
          from: previous.status,
          to: status,
        });
      }
    }
    const protectRow = list.protected && !existing?.protected;
    if (protectRow) {
      protect.push({ row: list.row, personId: existing?.id ?? null, key: list.key, name, className: list.className });
    }
    planned.push({ list, personId: existing?.id ?? null, personChanged, protect: protectRow, writes });
  }
  warnings.sort((a, b) => a.row - b.row);
  const withdrawals = changes.filter((change) => change.from === 'granted');

  // Who the previous import of this year (same kind of people) listed and this file does not.
  const previousImport = previousImportId(db, schoolYear, mapping.personKind);
  const missing: PreviewPerson[] =
    previousImport === null
      ? []
      : peopleListedBy(db, previousImport)
          .filter(({ person }) => !validated.keys.has(person.externalKey ?? ''))
          .map(({ person }) => ({
            row: null,
            personId: person.id,
            key: person.externalKey ?? '',
            name: displayName(person),
            className: person.className,
          }));

  const counts: ConsentImportCounts = {
    rows: validated.rowCount,
    validRows: validated.valid.length,
    errorRows: validated.errorRows.size,
    warningRows: new Set(warnings.map((warning) => warning.row)).size,
    newPeople: newPeople.length,
    updatedPeople,
    newConsents,
    changedConsents: changes.length,
    withdrawals: withdrawals.length,
    unchangedConsents,
    missing: missing.length,
    granted: tally.granted,
    refused: tally.refused,
    notReturned: tally.not_returned,
  };
  const fingerprint = createHash('sha256')
    .update(
      canonicalJson({
        file: source.sha256,
        schoolYear,
        mapping: mapping as unknown as JsonValue,
        rows: planned.map((row) => [
          row.list.row,
          row.list.key,
          row.personId,
          row.personChanged,
          row.protect,
          row.list.signedBy,
          row.list.signedOn,
          row.writes.map((write) => `${write.channelId}=${write.status}`),
        ]),
        errors: validated.errors.map((error) => `${error.row}:${error.code}:${error.column ?? ''}`),
      }),
    )
    .digest('hex');
  return {
    preview: {
      fileName: source.fileName,
      fileSha256: source.sha256,
      schoolYear,
      mapping,
      counts,
      newPeople,
      changes,
      withdrawals,
      renamed,
      missing,
      protect,
      errors: validated.errors,
      warnings,
      previousImportId: previousImport,
      fingerprint,
    },
    rows: planned,
  };
}

export interface CommitOptions extends PlanOptions {
  /** Import the valid rows and leave the rows with errors out (they are listed in the import's counts). */
  readonly onlyValid?: boolean | undefined;
  /** The fingerprint of the preview a person saw: the commit refuses when the plan differs from it. */
  readonly expectedFingerprint?: string | undefined;
  /** The person importing has seen the names this list changes (old → new) and confirms them. */
  readonly confirmRenames?: boolean | undefined;
  readonly now?: Date | undefined;
}

export interface ConsentImportResult {
  readonly importId: number;
  readonly preview: ConsentImportPreview;
  readonly recordsWritten: number;
}

/** Why a plan may not be committed as asked (the same refusals for the laptop's registry and the board's). */
export function refuseImportCommit(
  plan: Readonly<ConsentImportPlan>,
  fileName: string,
  options: Pick<CommitOptions, 'expectedFingerprint' | 'onlyValid' | 'confirmRenames'>,
): void {
  const { preview } = plan;
  if (options.expectedFingerprint !== undefined && options.expectedFingerprint !== preview.fingerprint) {
    throw new AppError('consent.import.changedSincePreview', { file: fileName });
  }
  if (preview.errors.length > 0 && !options.onlyValid) {
    throw new AppError('consent.import.hasErrors', {
      errors: preview.errors.length,
      rows: preview.counts.errorRows,
    });
  }
  if (plan.rows.length === 0) throw new AppError('consent.import.nothingValid', { file: fileName });
  if (preview.renamed.length > 0 && !options.confirmRenames) {
    throw new AppError('consent.import.renamesNotConfirmed', { count: preview.renamed.length });
  }
}

/** The import's audit event, with the registry's id of the import row. */
export function consentImportEvent(
  preview: Readonly<ConsentImportPreview>,
  importId: number,
  recordsWritten: number,
  onlyValid: boolean,
): AuditInput {
  return {
    action: 'consent.import',
    subject: `import:${importId}`,
    details: {
      importId,
      fileName: preview.fileName,
      fileSha256: preview.fileSha256,
      schoolYear: preview.schoolYear,
      personKind: preview.mapping.personKind,
      onlyValid,
      recordsWritten,
      protectedMarked: preview.protect.length,
      renamed: preview.renamed.map((change) => ({ personId: change.personId, from: change.from, to: change.to })),
      counts: preview.counts as unknown as JsonValue,
      errorRows: [...new Set(preview.errors.map((error) => error.row))],
    },
  };
}

/** Writes an import: people, consent versions, the import row and its audit event — all, or nothing. */
export function commitConsentImport(
  db: WritableDb,
  actor: Actor,
  source: Pick<ConsentListSource, 'fileName' | 'sha256' | 'rows'>,
  mapping: Readonly<ConsentMapping>,
  schoolYear: SchoolYearId,
  options: CommitOptions = {},
): ConsentImportResult {
  const now = options.now ?? new Date();
  return audited(
    db,
    actor,
    (log): ConsentImportResult => {
      const plan = planConsentImport(db, source, mapping, schoolYear, options);
      const { preview } = plan;
      refuseImportCommit(plan, source.fileName, options);
      ensureSchoolYear(db, schoolYear);
      const at = now.toISOString();
      const who = actorLabel(actor);
      const importId = insertConsentImport(db, {
        schoolYear,
        fileName: source.fileName,
        fileSha256: source.sha256,
        mapping,
        counts: preview.counts,
        actor: who,
        importedAt: at,
      });
      const people = importWriter(db);
      const write = recordWriter(db);
      let recordsWritten = 0;
      for (const row of plan.rows) {
        let personId = row.personId;
        if (personId === null) personId = people.insertPerson(row.list.kind, row.list, at);
        else if (row.personChanged) people.updatePerson(personId, row.list, at);
        people.listPerson(importId, personId, row.list.row);
        if (row.protect) {
          writeProtection(db, log, { id: personId, externalKey: row.list.key }, true, {
            at,
            source: 'import',
            reason: null,
          });
        }
        for (const change of row.writes) {
          write({
            personId,
            schoolYear,
            channelId: change.channelId,
            status: change.status,
            version: change.version,
            signedBy: row.list.signedBy,
            signedOn: row.list.signedOn,
            effectiveFrom: at,
            source: 'import',
            importId,
            reason: null,
            actor: who,
            recordedAt: at,
          });
          recordsWritten += 1;
        }
      }
      log(consentImportEvent(preview, importId, recordsWritten, Boolean(options.onlyValid)));
      return { importId, preview, recordsWritten };
    },
    { now },
  );
}
