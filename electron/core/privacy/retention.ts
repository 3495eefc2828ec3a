// Retention: who and what is kept longer than needed. Pupils who left (on no consent import of the current or the
// previous school year) are listed for erasure once a configurable number of months has passed since an import last
// listed them; export records older than a configurable number of years are listed and can be pruned.
import { currentSchoolYear, type Person } from '../../../shared/consent';
import { AppError } from '../../../shared/errors';
import { audited, type Actor } from '../audit';
import { getPerson, pupilsNotListedIn } from '../consent';
import type { ReadableDb, WritableDb } from '../db';
import { deleteExportRecords, exportsPublishedBefore } from '../publish';
import { compactDatabase } from './erasure';

export const DEFAULT_LEFT_AFTER_MONTHS = 12;
export const DEFAULT_EXPORT_YEARS = 5;

export interface LeaverCandidate {
  readonly person: Person;
  /** When an import last listed them; null when no import ever did (added by hand). */
  readonly lastListedAt: string | null;
}

function previousYear(year: string): string {
  const start = Number(year.slice(0, 4)) - 1;
  return `${start}-${start + 1}`;
}

function checkedCount(value: number, code: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 100) throw new AppError(code, { value });
  return value;
}

/** Pupils missing from the imports of this and last school year, last listed more than `months` months ago. */
export function leaversDueForErasure(
  db: ReadableDb,
  months: number = DEFAULT_LEFT_AFTER_MONTHS,
  today: Date = new Date(),
): LeaverCandidate[] {
  checkedCount(months, 'privacy.retention.monthsInvalid');
  const year = currentSchoolYear(today);
  const cutoff = new Date(today);
  cutoff.setMonth(cutoff.getMonth() - months);
  return pupilsNotListedIn(db, [year, previousYear(year)])
    .filter((row) => (row.lastListedAt ?? row.createdAt) < cutoff.toISOString())
    .map((row) => ({ person: getPerson(db, row.id), lastListedAt: row.lastListedAt }));
}

export interface OldExport {
  readonly id: number;
  readonly channelId: string;
  readonly publishDate: string;
  readonly files: number;
}

function yearsBefore(today: Date, years: number): string {
  const cutoff = new Date(today);
  cutoff.setFullYear(cutoff.getFullYear() - years);
  return cutoff.toISOString().slice(0, 10);
}

/** Export records published more than `years` years ago. */
export function exportsDueForPruning(
  db: ReadableDb,
  years: number = DEFAULT_EXPORT_YEARS,
  today: Date = new Date(),
): OldExport[] {
  checkedCount(years, 'privacy.retention.yearsInvalid');
  return exportsPublishedBefore(db, yearsBefore(today, years));
}

/** Deletes the records of those exports (the audit trail keeps its export events) and logs `exports.pruned`. */
export function pruneOldExports(
  db: WritableDb,
  actor: Actor,
  years: number = DEFAULT_EXPORT_YEARS,
  today: Date = new Date(),
): OldExport[] {
  db.pragma('secure_delete = ON');
  const pruned = audited(db, actor, (log) => {
    const due = exportsDueForPruning(db, years, today);
    if (due.length === 0) return due;
    for (const row of due) deleteExportRecords(db, row.id);
    log({
      action: 'exports.pruned',
      subject: 'exports',
      details: { years, before: yearsBefore(today, years), exportIds: due.map((row) => row.id) },
    });
    return due;
  });
  if (pruned.length > 0) compactDatabase(db);
  return pruned;
}
