// The audit report as PDF: first the entries in words (when, who, what), then a compact technical appendix (action,
// subject, details, seal). Every page carries the verification result, the anchor and "page n of m".
import PDFDocument from 'pdfkit';
import qrcode from 'qrcode-generator';
import { canonicalJson } from '../../../shared/canonicalJson';
import { translate, type MessageKey, type MessageParams } from '../../../shared/i18n';
import type { AuditAnchor, AuditEvent, AuditVerification, Language } from '../../../shared/types';
import { formatAnchor } from './anchor';
import { describeAuditEvent, personalText, type ReportLookup } from './describe';

export interface PdfReportOptions {
  readonly language: Language;
  readonly period: { readonly from: string; readonly to: string };
  readonly verification: AuditVerification;
  /** The trail's head when the report was made, printed as text and as a QR code (an anchor to verify against). */
  readonly head: AuditAnchor;
  readonly generatedBy: string;
  readonly generatedAt?: Date | undefined;
  readonly lookup?: ReportLookup | undefined;
  /** Uncompressed content streams (for tests that read the text back). */
  readonly uncompressed?: boolean | undefined;
}

const MARGIN = 48;
/** Room above and below the body for the band with the verification and anchor, and for the page number. */
const TOP = 78;
const BOTTOM = 60;
const GREEN = '#1d7a3a';
const RED = '#b3261e';
const GREY = '#555555';

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

/** Starts a new page when `height` points no longer fit above the page number. */
function keepTogether(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > doc.page.height - BOTTOM) doc.addPage();
}

export function auditReportPdf(events: readonly AuditEvent[], options: PdfReportOptions): Promise<Buffer> {
  const t = (key: MessageKey, params?: MessageParams): string => translate(options.language, key, params);
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
  const generatedAt = options.generatedAt ?? new Date();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: TOP, bottom: BOTTOM, left: MARGIN, right: MARGIN },
    bufferPages: true,
    compress: !options.uncompressed,
    info: { Title: t('report.title'), Creator: 'Fotowacht', CreationDate: generatedAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const verification = options.verification;
  const anchor = formatAnchor(options.head);
  const actorOf = (event: AuditEvent): string =>
    event.actorName ? `${event.actorName} (${event.actorOs})` : event.actorOs;

  // The title page: period, who made it, the full verification result and the anchor as a QR code.
  doc.font('Helvetica-Bold').fontSize(18).text(t('report.title'));
  doc.moveDown(0.3).font('Helvetica').fontSize(10);
  doc.text(t('report.period', { from: options.period.from, to: options.period.to }));
  doc.text(t('report.generated', { at: when.format(generatedAt), by: options.generatedBy }));
  doc.text(t('report.count', { count: events.length }));
  doc.moveDown(0.5);
  doc
    .font('Helvetica-Bold')
    .fillColor(verification.ok ? GREEN : RED)
    .text(
      verification.ok
        ? t('audit.verify.ok', { count: verification.count, head: verification.headHash })
        : t('audit.verify.bad', { seq: verification.firstBadSeq, reason: t(`audit.reason.${verification.reason}`) }),
    )
    .fillColor('#000000')
    .font('Helvetica');
  doc.moveDown(0.5);
  const qrTop = doc.y;
  const qrSize = 96;
  drawQrCode(doc, anchor, MARGIN, qrTop, qrSize);
  const textLeft = MARGIN + qrSize + 12;
  const textWidth = width - qrSize - 12;
  doc.font('Helvetica-Bold').fontSize(10).text(t('report.anchor'), textLeft, qrTop, { width: textWidth });
  doc.font('Courier').fontSize(8).text(anchor, { width: textWidth });
  doc.font('Helvetica').fontSize(8).fillColor(GREY).text(t('report.anchorHelp'), { width: textWidth });
  doc.fillColor('#000000');
  doc.x = MARGIN;
  doc.y = Math.max(doc.y, qrTop + qrSize) + 16;

  // The entries in words.
  doc.font('Helvetica-Bold').fontSize(13).text(t('report.events'));
  doc.moveDown(0.4);
  if (events.length === 0) doc.font('Helvetica').fontSize(10).text(t('report.empty'));
  for (const event of events) {
    const heading = `${when.format(new Date(event.at))} · ${actorOf(event)} · #${event.seq}`;
    const sentence = describeAuditEvent(event, options.language, options.lookup);
    doc.font('Helvetica').fontSize(10);
    keepTogether(doc, doc.heightOfString(sentence, { width }) + 24);
    doc.font('Helvetica').fontSize(8).fillColor(GREY).text(heading, { width });
    doc.font('Helvetica').fontSize(10).fillColor('#000000').text(sentence, { width });
    doc.moveDown(0.5);
  }

  // The appendix: what a verifier or a technician needs, small.
  if (events.length > 0) {
    doc.addPage();
    doc.font('Helvetica-Bold').fontSize(13).text(t('report.appendix'));
    doc.font('Helvetica').fontSize(8).fillColor(GREY).text(t('report.appendixHelp'), { width });
    doc.fillColor('#000000').moveDown(0.5);
    for (const event of events) {
      const personal = personalText(event);
      const details =
        canonicalJson(event.details) +
        (personal === ''
          ? ''
          : `  ${t('ui.audit.personal')}: ${personal === 'erased' ? t('ui.audit.personalErased') : personal}`);
      const line = `#${event.seq}  ${event.at}  ${event.action}  ${t('report.subject')}: ${event.subject}`;
      doc.font('Courier').fontSize(6.5);
      keepTogether(doc, doc.heightOfString(details, { width }) + 26);
      doc.font('Helvetica-Bold').fontSize(7).text(line, { width });
      doc.font('Courier').fontSize(6.5).fillColor('#333333').text(details, { width });
      doc.fillColor(GREY).text(`${t('report.seal')}: ${event.hash}`, { width });
      doc.fillColor('#000000').moveDown(0.35);
    }
  }

  // Every page: the verification and the anchor above, the page number below.
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    const margins = doc.page.margins;
    doc.page.margins = { ...margins, top: 0, bottom: 0 };
    const status = verification.ok
      ? t('report.verifiedShort', { count: verification.count })
      : t('report.alteredShort', { seq: verification.firstBadSeq });
    doc
      .font('Helvetica-Bold')
      .fontSize(8)
      .fillColor(verification.ok ? GREEN : RED)
      .text(status, MARGIN, 26, { width, lineBreak: false });
    doc
      .font('Courier')
      .fontSize(7)
      .fillColor(GREY)
      .text(t('report.anchorShort', { anchor }), MARGIN, 38, { width, lineBreak: false });
    doc
      .moveTo(MARGIN, 52)
      .lineTo(MARGIN + width, 52)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(GREY)
      .text(
        `${t('report.title')} · ${t('report.period', { from: options.period.from, to: options.period.to })} · ${t('report.pageOf', { page: index - range.start + 1, pages: range.count })}`,
        MARGIN,
        doc.page.height - 38,
        { width, align: 'center', lineBreak: false },
      );
    doc.page.margins = margins;
  }
  doc.fillColor('#000000');
  doc.end();
  return done;
}
