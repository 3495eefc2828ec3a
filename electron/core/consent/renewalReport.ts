// The renewal lists on paper and for the mail merge: a PDF with a page per class (who has no form, who refused
// everything, who withdrew) and a CSV with one row per pupil — formula-safe, names only of the school's own pupils.
import PDFDocument from 'pdfkit';
import type { ConsentStatus } from '../../../shared/consent';
import { RENEWAL_REASONS, type RenewalLists } from '../../../shared/consentLists';
import { translate, type MessageKey, type MessageParams } from '../../../shared/i18n';
import type { Language } from '../../../shared/types';
import { toCsv } from '../csv';

type Translate = (key: MessageKey, params?: MessageParams) => string;

function translator(language: Language): Translate {
  return (key, params) => translate(language, key, params);
}

function statusText(t: Translate, status: ConsentStatus | 'none'): string {
  return t(`consent.status.${status}`);
}

/** One row per pupil on the lists: class, key, name parts, why, and the answer per channel. */
export function renewalCsv(
  lists: Readonly<RenewalLists>,
  language: Language,
  channelLabels: Readonly<Record<string, string>>,
): string {
  const t = translator(language);
  const header = [
    t('lists.csv.class'),
    t('lists.csv.key'),
    t('lists.csv.roepnaam'),
    t('lists.csv.tussenvoegsel'),
    t('lists.csv.achternaam'),
    t('lists.csv.reason'),
    ...lists.channels.map((id) => channelLabels[id] ?? id),
  ];
  const rows = lists.classes.flatMap((group) =>
    group.entries.map((entry) => [
      group.className,
      entry.person.key,
      entry.person.roepnaam,
      entry.person.tussenvoegsel,
      entry.person.achternaam,
      t(`lists.reason.${entry.reason}`),
      ...entry.channels.map((state) => statusText(t, state.status)),
    ]),
  );
  return toCsv(header, rows);
}

export interface RenewalPdfOptions {
  readonly language: Language;
  readonly channelLabels: Readonly<Record<string, string>>;
  readonly generatedBy: string;
  readonly generatedAt?: Date | undefined;
  /** Uncompressed content streams (for tests that read the text back). */
  readonly uncompressed?: boolean | undefined;
}

/** A page (or more) per class with pupils to chase; page numbers on every page. */
export function renewalPdf(lists: Readonly<RenewalLists>, options: RenewalPdfOptions): Promise<Buffer> {
  const t = translator(options.language);
  const generatedAt = options.generatedAt ?? new Date();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    bufferPages: true,
    compress: !options.uncompressed,
    info: { Title: t('lists.pdf.title', { year: lists.schoolYear }), Creator: 'Fotowacht', CreationDate: generatedAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 96;
  const day = generatedAt.toISOString().slice(0, 10);
  const classes = lists.classes.filter((group) => group.entries.length > 0);
  const heading = (className: string) => {
    doc
      .font('Helvetica-Bold')
      .fontSize(16)
      .text(t('lists.pdf.title', { year: lists.schoolYear }));
    doc
      .font('Helvetica-Bold')
      .fontSize(13)
      .text(className ? t('lists.pdf.class', { className }) : t('lists.pdf.noClass'));
    doc.font('Helvetica').fontSize(9).fillColor('#444444');
    doc.text(t('lists.pdf.generated', { date: day, by: options.generatedBy })).fillColor('#000000');
    doc.moveDown(0.6);
  };

  if (classes.length === 0) {
    heading('');
    doc.font('Helvetica').fontSize(11).text(t('lists.pdf.nobody'));
  }
  classes.forEach((group, index) => {
    if (index > 0) doc.addPage();
    heading(group.className);
    doc
      .font('Helvetica')
      .fontSize(10)
      .text(t('lists.pdf.count', { count: group.entries.length, pupils: group.pupils }));
    for (const reason of RENEWAL_REASONS) {
      const entries = group.entries.filter((entry) => entry.reason === reason);
      if (entries.length === 0) continue;
      if (doc.y > doc.page.height - 140) doc.addPage();
      doc.moveDown(0.6).font('Helvetica-Bold').fontSize(11);
      doc.text(`${t(`lists.reason.${reason}`)} (${entries.length})`);
      doc.font('Helvetica').fontSize(10);
      for (const entry of entries) {
        if (doc.y > doc.page.height - 90) doc.addPage();
        // As a class list sorts them: 'Hof, Sem van 't'.
        const first = [entry.person.roepnaam, entry.person.tussenvoegsel].filter(Boolean).join(' ');
        const name = first ? `${entry.person.achternaam}, ${first}` : entry.person.achternaam;
        doc.text(`[  ]  ${name}${entry.person.key ? `  (${entry.person.key})` : ''}`, { width });
        const answers = entry.channels
          .filter((state) => state.status !== 'none')
          .map(
            (state) => `${options.channelLabels[state.channelId] ?? state.channelId}: ${statusText(t, state.status)}`,
          );
        if (answers.length > 0) {
          doc
            .fontSize(8)
            .fillColor('#444444')
            .text(`      ${answers.join(' · ')}`, { width });
          doc.fontSize(10).fillColor('#000000');
        }
      }
    }
  });

  const range = doc.bufferedPageRange();
  for (let page = range.start; page < range.start + range.count; page += 1) {
    doc.switchToPage(page);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#777777')
      .text(t('lists.pdf.page', { page: page + 1, pages: range.count }), 48, doc.page.height - 32, {
        width,
        align: 'right',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
