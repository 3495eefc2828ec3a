// Reports a privacy officer can hand on: the audit trail for a date range as CSV and as PDF, each entry said in
// words (Dutch or English), with the result of verifying the whole chain and the trail's head (an anchor).
import type { AuditAnchor, AuditEvent, AuditVerification, Language } from '../../../shared/types';
import { canonicalJson } from '../../../shared/canonicalJson';
import { AppError } from '../../../shared/errors';
import type { ReadableDb } from '../db';
import { toCsv } from '../csv';
import { ANCHOR_CSV_LABEL, currentAuditHead, formatAnchor } from './anchor';
import { describeAuditEvent, personalText, type ReportLookup } from './describe';
import { auditReportPdf } from './reportPdf';
import { auditRowsBetween, toAuditEvent } from './repository';
import { verifyAuditTrail } from './trail';

export interface AuditPeriod {
  /** First day, YYYY-MM-DD (local calendar day, inclusive). */
  readonly from: string;
  /** Last day, YYYY-MM-DD (inclusive). */
  readonly to: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function dayStart(day: string): Date {
  if (!DAY.test(day) || Number.isNaN(new Date(`${day}T00:00:00`).getTime()))
    throw new AppError('audit.report.dateInvalid', { value: day });
  return new Date(`${day}T00:00:00`);
}

/** The period as ISO timestamps: from the start of `from` to the start of the day after `to`, in local time. */
export function auditPeriodBounds(period: Readonly<AuditPeriod>): { readonly start: string; readonly end: string } {
  const start = dayStart(period.from);
  const end = dayStart(period.to);
  end.setDate(end.getDate() + 1);
  if (end <= start) throw new AppError('audit.report.periodInvalid', { from: period.from, to: period.to });
  return { start: start.toISOString(), end: end.toISOString() };
}

/** Events from the start of `from` to the end of `to`, in local time, oldest first. */
export function auditEventsInPeriod(db: ReadableDb, period: AuditPeriod): AuditEvent[] {
  const { start, end } = auditPeriodBounds(period);
  return auditRowsBetween(db, start, end).map(toAuditEvent);
}

export interface CsvReportOptions {
  readonly language: Language;
  readonly lookup?: ReportLookup | undefined;
}

/**
 * The report's events, each with its sentence in `description` beside the technical columns, and last the
 * `audit_head` row: the trail's head when the report was made (an anchor). Column names stay fixed for scripts.
 */
export function auditReportCsv(
  events: readonly AuditEvent[],
  head: Readonly<AuditAnchor>,
  options: CsvReportOptions = { language: 'en' },
): string {
  return toCsv(
    [
      'seq',
      'time_utc',
      'os_user',
      'name',
      'description',
      'action',
      'subject',
      'details',
      'personal',
      'prev_hash',
      'hash',
    ],
    events.map((event) => [
      event.seq,
      event.at,
      event.actorOs,
      event.actorName,
      describeAuditEvent(event, options.language, options.lookup),
      event.action,
      event.subject,
      canonicalJson(event.details),
      personalText(event),
      event.prevHash,
      event.hash,
    ]),
    [[ANCHOR_CSV_LABEL, formatAnchor(head)]],
  );
}

export interface WrittenReport {
  readonly format: 'csv' | 'pdf';
  readonly events: number;
  readonly verification: AuditVerification;
  readonly head: AuditAnchor;
  readonly bytes: Buffer;
}

export interface ReportOptions {
  readonly language: Language;
  readonly generatedBy: string;
  /** Names people and channels in the sentences (from the consent registry); pseudonyms without it. */
  readonly lookup?: ReportLookup | undefined;
  readonly generatedAt?: Date | undefined;
}

export async function buildAuditReport(
  db: ReadableDb,
  period: AuditPeriod,
  format: 'csv' | 'pdf',
  options: ReportOptions,
): Promise<WrittenReport> {
  const events = auditEventsInPeriod(db, period);
  return renderAuditReport(events, verifyAuditTrail(db), currentAuditHead(db), period, format, options);
}

/** The report of events already read (this laptop's trail, or a board's), with the chain's verification and head. */
export async function renderAuditReport(
  events: readonly AuditEvent[],
  verification: Readonly<AuditVerification>,
  head: Readonly<AuditAnchor>,
  period: Readonly<AuditPeriod>,
  format: 'csv' | 'pdf',
  options: Readonly<ReportOptions>,
): Promise<WrittenReport> {
  const bytes =
    format === 'csv'
      ? Buffer.from(auditReportCsv(events, head, { language: options.language, lookup: options.lookup }), 'utf8')
      : await auditReportPdf(events, {
          language: options.language,
          period,
          verification,
          head,
          generatedBy: options.generatedBy,
          generatedAt: options.generatedAt,
          lookup: options.lookup,
        });
  return { format, events: events.length, verification, head, bytes };
}
