// Reports a privacy officer can hand on: the audit trail for a date range as CSV and as PDF, with the result of
// verifying the whole chain printed on it.
import PDFDocument from 'pdfkit';
import qrcode from 'qrcode-generator';
import { translate } from '../../../shared/i18n';
import type { AuditAnchor, AuditEvent, AuditVerification, Language } from '../../../shared/types';
import { canonicalJson } from '../../../shared/canonicalJson';
import { AppError } from '../../../shared/errors';
import type { ReadableDb } from '../db';
import { toCsv } from '../csv';
import { ANCHOR_CSV_LABEL, currentAuditHead, formatAnchor } from './anchor';
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

/** Events from the start of `from` to the end of `to`, in local time, oldest first. */
export function auditEventsInPeriod(db: ReadableDb, period: AuditPeriod): AuditEvent[] {
  const start = dayStart(period.from);
  const end = dayStart(period.to);
  end.setDate(end.getDate() + 1);
  if (end <= start) throw new AppError('audit.report.periodInvalid', { from: period.from, to: period.to });
  return auditRowsBetween(db, start.toISOString(), end.toISOString()).map(toAuditEvent);
}

/** Personal details kept beside the chain: as JSON, 'erased' once erased, empty when the event has none. */
function personalText(event: AuditEvent): string {
  if (event.personal === undefined) return '';
  return event.personal === null ? 'erased' : canonicalJson(event.personal);
}

/** The report's events, and last the `audit_head` row: the trail's head when the report was made (an anchor). */
export function auditReportCsv(events: readonly AuditEvent[], head: Readonly<AuditAnchor>): string {
  return toCsv(
    ['seq', 'time_utc', 'os_user', 'name', 'action', 'subject', 'details', 'personal', 'prev_hash', 'hash'],
    events.map((event) => [
      event.seq,
      event.at,
      event.actorOs,
      event.actorName,
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

/** Draws `text` as a QR code (error correction M) with its top-left corner at x, y, `size` points wide. */
function drawQrCode(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const code = qrcode(0, 'M');
  code.addData(text, 'Byte');
  code.make();
  const count = code.getModuleCount();
  const cell = size / count;
  for (let row = 0; row < count; row += 1)
    for (let col = 0; col < count; col += 1)
      if (code.isDark(row, col)) doc.rect(x + col * cell, y + row * cell, cell, cell);
  doc.fillColor('#000000').fill();
}

export interface PdfReportOptions {
  readonly language: Language;
  readonly period: AuditPeriod;
  readonly verification: AuditVerification;
  /** The trail's head when the report was made, printed as text and as a QR code (an anchor to verify against). */
  readonly head: AuditAnchor;
  readonly generatedBy: string;
  readonly generatedAt?: Date;
  /** Uncompressed content streams (for tests that read the text back). */
  readonly uncompressed?: boolean;
}

export function auditReportPdf(events: readonly AuditEvent[], options: PdfReportOptions): Promise<Buffer> {
  const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
    translate(options.language, key, params);
  const locale = options.language === 'nl' ? 'nl-NL' : 'en-GB';
  const when = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
  });
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    compress: !options.uncompressed,
    info: { Title: t('report.title'), Creator: 'Fotowacht', CreationDate: options.generatedAt ?? new Date() },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(18).text(t('report.title'));
  doc.moveDown(0.3).font('Helvetica').fontSize(10);
  doc.text(t('report.period', { from: options.period.from, to: options.period.to }));
  doc.text(t('report.generated', { at: when.format(options.generatedAt ?? new Date()), by: options.generatedBy }));
  doc.text(t('report.count', { count: events.length }));
  doc.moveDown(0.5);
  const verification = options.verification;
  doc
    .font('Helvetica-Bold')
    .fillColor(verification.ok ? '#1d7a3a' : '#b3261e')
    .text(
      verification.ok
        ? t('audit.verify.ok', { count: verification.count, head: verification.headHash })
        : t('audit.verify.bad', { seq: verification.firstBadSeq, reason: t(`audit.reason.${verification.reason}`) }),
    )
    .fillColor('#000000')
    .font('Helvetica');
  doc.moveDown(0.5);
  const anchor = formatAnchor(options.head);
  const qrTop = doc.y;
  const qrSize = 96;
  drawQrCode(doc, anchor, doc.page.margins.left, qrTop, qrSize);
  const textLeft = doc.page.margins.left + qrSize + 12;
  const textWidth = doc.page.width - doc.page.margins.right - textLeft;
  doc.font('Helvetica-Bold').fontSize(10).text(t('report.anchor'), textLeft, qrTop, { width: textWidth });
  doc.font('Courier').fontSize(8).text(anchor, { width: textWidth });
  doc.font('Helvetica').fontSize(8).fillColor('#444444').text(t('report.anchorHelp'), { width: textWidth });
  doc.fillColor('#000000').font('Helvetica').fontSize(10);
  doc.x = doc.page.margins.left;
  doc.y = Math.max(doc.y, qrTop + qrSize) + 12;

  if (events.length === 0) doc.text(t('report.empty'));
  for (const event of events) {
    if (doc.y > doc.page.height - 120) doc.addPage();
    doc
      .font('Helvetica-Bold')
      .fontSize(9)
      .text(`#${event.seq}  ${when.format(new Date(event.at))}  ${event.action}`);
    doc.font('Helvetica').fontSize(9);
    doc.text(
      `${t('report.by')}: ${event.actorName ? `${event.actorName} (${event.actorOs})` : event.actorOs}   ${t('report.subject')}: ${event.subject}`,
    );
    const personal = personalText(event);
    const details =
      canonicalJson(event.details) +
      (personal === ''
        ? ''
        : `  ${t('ui.audit.personal')}: ${personal === 'erased' ? t('ui.audit.personalErased') : personal}`);
    if (details !== '{}')
      doc
        .fontSize(8)
        .fillColor('#444444')
        .text(details, { width: doc.page.width - 96 })
        .fillColor('#000000');
    doc
      .fontSize(7)
      .fillColor('#777777')
      .text(`${t('report.seal')}: ${event.hash}`)
      .fillColor('#000000');
    doc.moveDown(0.4);
  }
  doc.end();
  return done;
}

export interface WrittenReport {
  readonly format: 'csv' | 'pdf';
  readonly events: number;
  readonly verification: AuditVerification;
  readonly head: AuditAnchor;
  readonly bytes: Buffer;
}

export async function buildAuditReport(
  db: ReadableDb,
  period: AuditPeriod,
  format: 'csv' | 'pdf',
  options: { language: Language; generatedBy: string },
): Promise<WrittenReport> {
  const events = auditEventsInPeriod(db, period);
  const verification = verifyAuditTrail(db);
  const head = currentAuditHead(db);
  const bytes =
    format === 'csv'
      ? Buffer.from(auditReportCsv(events, head), 'utf8')
      : await auditReportPdf(events, {
          language: options.language,
          period,
          verification,
          head,
          generatedBy: options.generatedBy,
        });
  return { format, events: events.length, verification, head, bytes };
}
