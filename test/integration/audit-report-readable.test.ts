// The audit report as a privacy officer reads it: each entry in words (Dutch and English), a technical appendix,
// the verification result, the anchor and "page n of m" on every page. The PDF is rendered to images (pdftoppm) and
// its text read back (pdftotext) — what a person would see, not what the generator meant to draw.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { buildAuditReport, currentAuditHead, formatAnchor } from '../../electron/core/audit';
import { auditReportLookup, findPersonByKey, recordManualConsent, withdrawConsent } from '../../electron/core/consent';
import type { CoreContext } from '../../electron/core/context';
import { startExport } from '../../electron/core/publish';
import { updateSettings } from '../../electron/core/settings';
import { indexedSchool, markFacesChecked } from '../helpers/school';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const cores: CoreContext[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

const PERIOD = { from: '2000-01-01', to: '2100-12-31' };

/** A school with an export, a consent signed by a parent and its withdrawal, and enough entries for three pages. */
async function schoolWithHistory(): Promise<CoreContext> {
  const school = await indexedSchool(tempDir(), tempDir());
  const core = school.core;
  cores.push(core);
  markFacesChecked(core);
  const job = startExport(core, {
    channelId: 'social',
    date: new Date().toISOString().slice(0, 10),
    eventId: school.eventId,
    outDir: path.join(tempDir(), 'out'),
    caption: 'Wat een mooie sportdag!',
  });
  expect((await job.finished).state).toBe('done');
  const zoe = findPersonByKey(core.db, '1001')!;
  recordManualConsent(core.db, core.actor(), {
    personId: zoe.id,
    channelId: 'social',
    status: 'granted',
    signedBy: 'parent',
    reason: 'Formulier nagekomen',
  });
  withdrawConsent(core.db, core.actor(), { personId: zoe.id, channelId: 'social', reason: 'Brief van ouders' });
  for (let n = 0; n < 40; n += 1) updateSettings(core.db, core.actor(), { displayName: `Communicatie ${n}` });
  return core;
}

function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** Renders every page at 50 dpi; returns the PNG files in page order. */
function renderPages(file: string, dir: string): string[] {
  execFileSync('pdftoppm', ['-r', '50', '-png', file, path.join(dir, 'page')]);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.png'))
    .sort()
    .map((name) => path.join(dir, name));
}

/** Share of pixels darker than near-white, and the grey-level spread: a blank page has neither. */
async function inkOf(png: string): Promise<{ ink: number; stdev: number }> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  let dark = 0;
  for (const value of data) if (value < 200) dark += 1;
  const stats = await sharp(png).greyscale().stats();
  return { ink: dark / (info.width * info.height), stdev: stats.channels[0]!.stdev };
}

describe('the audit report in words', () => {
  it('says each entry in Dutch, with an appendix, and the verification, anchor and page number on every page', async () => {
    const core = await schoolWithHistory();
    const report = await buildAuditReport(core.db, PERIOD, 'pdf', {
      language: 'nl',
      generatedBy: 'Privacy officer',
      lookup: auditReportLookup(core.db),
    });
    expect(report.verification.ok).toBe(true);
    const dir = tempDir();
    const file = path.join(dir, 'logboek.pdf');
    writeFileSync(file, report.bytes);

    const text = pdfText(file);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain(
      'De ouders van Zoë Bakker trokken de toestemming voor Sociale media van de school in (schooljaar 2026-2027',
    );
    expect(flat).toContain('reden opgegeven');
    expect(flat).toContain('Bijschrift gecontroleerd: niets gevonden.');
    expect(flat).toMatch(
      /Export voor Sociale media van de school, publicatiedatum \d{4}-\d{2}-\d{2}: \d+ foto’s klaargezet/,
    );
    expect(flat).toContain('Toestemmingslijst “toestemming-2026-2027.csv” is ingelezen voor schooljaar 2026-2027');
    expect(flat).toContain('Bijlage: technische gegevens per regel');
    // The free-text reason is in the appendix only, never in the sentence.
    expect(flat).not.toMatch(/trokken[^.]*Brief van ouders/);

    const pages = text.split('\f').filter((page) => page.trim() !== '');
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const anchor = formatAnchor(report.head);
    expect(report.head).toEqual(currentAuditHead(core.db));
    pages.forEach((page, index) => {
      const oneLine = page.replace(/\s+/g, ' ');
      expect(oneLine, `page ${index + 1}`).toContain(`Pagina ${index + 1} van ${pages.length}`);
      expect(oneLine, `page ${index + 1}`).toContain(`Anker: ${anchor}`);
      expect(oneLine, `page ${index + 1}`).toContain('Logboek gecontroleerd: onbeschadigd');
    });

    const images = renderPages(file, dir);
    expect(images).toHaveLength(pages.length);
    for (const image of images) {
      const { ink, stdev } = await inkOf(image);
      expect(ink, image).toBeGreaterThan(0.005);
      expect(stdev, image).toBeGreaterThan(5);
    }
    // Kept for a person to look at (test-results/ is not in the repository).
    const shots = path.resolve('test-results/screenshots');
    mkdirSync(shots, { recursive: true });
    await sharp(images[0]!).toFile(path.join(shots, 'audit-report-pdf-page1-nl.png'));
    await sharp(images[images.length - 1]!).toFile(path.join(shots, 'audit-report-pdf-last-nl.png'));
  }, 120_000);

  it('says the same in English, in the CSV too, and prints an altered trail on every page', async () => {
    const core = await schoolWithHistory();
    const lookup = auditReportLookup(core.db);
    const csv = await buildAuditReport(core.db, PERIOD, 'csv', { language: 'en', generatedBy: 'FG', lookup });
    const csvText = csv.bytes.toString('utf8');
    expect(csvText.split('\r\n')[0]).toBe(
      '\uFEFFseq,time_utc,os_user,name,description,action,subject,details,personal,prev_hash,hash',
    );
    expect(csvText).toContain('Zoë Bakker’s parents withdrew consent for School social media (school year 2026-2027');
    expect(csvText).toContain('reason given');
    expect(csvText).toContain('Caption checked: nothing found.');
    expect(csvText).toContain('consent.withdraw');

    // Someone with the database rewrites an entry: the report still prints, and says so on every page.
    core.db.exec('DROP TRIGGER IF EXISTS audit_events_no_update');
    core.db.prepare("UPDATE audit_events SET details = '{}' WHERE seq = 2").run();
    const pdf = await buildAuditReport(core.db, PERIOD, 'pdf', { language: 'en', generatedBy: 'FG', lookup });
    expect(pdf.verification.ok).toBe(false);
    const file = path.join(tempDir(), 'report.pdf');
    writeFileSync(file, pdf.bytes);
    const text = pdfText(file);
    expect(text.replace(/\s+/g, ' ')).toContain('Zoë Bakker’s parents withdrew consent for School social media');
    const pages = text.split('\f').filter((page) => page.trim() !== '');
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, index) => {
      const oneLine = page.replace(/\s+/g, ' ');
      expect(oneLine).toContain(`Page ${index + 1} of ${pages.length}`);
      expect(oneLine).toContain('Audit trail verified: ALTERED at entry 2');
    });
  }, 120_000);
});
