// The protocols' consent rules on a registry the test imports: the "never publish" column, a parent's signature
// from the 16th birthday on, the turning-16 list across school years, and the renewal lists with their CSV and PDF.
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../electron/core/audit';
import {
  commitConsentImport,
  findPersonByKey,
  listChannels,
  planConsentImport,
  recordManualConsent,
  renewalCsv,
  renewalLists,
  renewalPdf,
  turningSixteen,
  withdrawConsent,
} from '../../electron/core/consent';
import type { CoreContext } from '../../electron/core/context';
import { proposeMapping } from '../../shared/consentImport';
import { actor, load, useConsentImportCase } from '../helpers/consentImportCase';
import { LIST_2025, LIST_2026, RULES_HEADER, writeRulesList } from '../helpers/consentRules';
import { withoutDigests } from '../helpers/clearText';

const { core, tempDir } = useConsentImportCase();
const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;

async function importList(c: CoreContext, rows: readonly (readonly string[])[], year: string, today: string) {
  const source = await load(writeRulesList(tempDir(), rows, `lijst-${year}.csv`));
  const mapping = proposeMapping(source.rows, listChannels(c.db));
  return commitConsentImport(c.db, actor, source, mapping, year, {
    now: new Date(`${today}T10:00:00Z`),
    today,
    onlyValid: true,
  });
}

async function school(): Promise<CoreContext> {
  const c = core();
  await importList(c, LIST_2025, '2025-2026', '2025-09-15');
  await importList(c, LIST_2026, '2026-2027', '2026-09-15');
  return c;
}

describe('the "never publish" column', () => {
  it('is found by its header, marks the people it says (and an unclear value too), logged per person', async () => {
    const c = core();
    const source = await load(writeRulesList(tempDir(), LIST_2026, 'l.csv'));
    const mapping = proposeMapping(source.rows, listChannels(c.db));
    expect(mapping.fields.protected).toBe('Vertrouwelijk');
    const { preview } = planConsentImport(c.db, source, mapping, '2026-2027', { today: '2026-09-15' });
    expect(preview.protect.map((p) => [p.row, p.key])).toEqual([
      [2, '1001'],
      [4, '1003'],
    ]);
    expect(preview.warnings.filter((w) => w.code === 'consent.row.protectedUnclear').map((w) => w.row)).toEqual([4]);
    commitConsentImport(c.db, actor, source, mapping, '2026-2027', { today: '2026-09-15', onlyValid: true });
    const marked = ['1001', '1002', '1003', '1004'].map((key) => findPersonByKey(c.db, key)!.protected);
    expect(marked).toEqual([true, false, true, false]);
    const events = listAuditEvents(c.db, { action: 'person.protect', limit: 10 });
    expect(events.map((e) => e.details)).toEqual([
      expect.objectContaining({ source: 'import' }),
      expect.objectContaining({ source: 'import' }),
    ]);
    expect(withoutDigests(JSON.stringify(events.map((e) => e.details)))).not.toMatch(/1001|1003|Zoë|Noah/);

    // The same list again marks nobody new; a list saying "nee" does not take a mark off (only a privacy officer does).
    const again = planConsentImport(c.db, source, mapping, '2026-2027', { today: '2026-09-15' });
    expect(again.preview.protect).toEqual([]);
    const unmarking = LIST_2026.map((row, index) =>
      index === 1 ? row.map((cell, i) => (i === 8 ? 'nee' : cell)) : row,
    );
    await importList(c, unmarking, '2026-2027', '2026-09-16');
    expect(findPersonByKey(c.db, '1001')!.protected).toBe(true);
  });
});

describe("a parent's signature from the 16th birthday on", () => {
  it('grants no new consent year (flagged in the preview), also for a form signed before the year began', async () => {
    const c = core();
    const rows = [
      RULES_HEADER,
      // 16 on 20 July 2027; a parent signed in June for 2027-2028, which begins 1 August: 16 by then.
      ['2001', 'Lotte', '', 'Smit', '4A', '20-07-2011', 'ouder', '15-06-2027', '', 'ja', 'nee'],
      // 16 on 20 September 2027; a parent signed on 1 September, while she was 15: valid for the year.
      ['2002', 'Eva', '', 'Mulder', '4A', '20-09-2011', 'ouder', '01-09-2027', '', 'ja', 'ja'],
      // 16 since 1 August 2027 and signed herself: fine.
      ['2003', 'Iris', '', 'Bos', '4A', '01-08-2011', 'zelf', '01-09-2027', '', 'ja', 'ja'],
    ];
    const result = await importList(c, rows, '2027-2028', '2027-09-15');
    expect(
      result.preview.warnings.filter((w) => w.code === 'consent.row.parentCannotGrant').map((w) => [w.row, w.params]),
    ).toEqual([[2, { birthday: '2027-07-20', date: '2027-08-01' }]]);
    const records = c.db
      .prepare(
        `SELECT p.external_key AS k, r.channel_id AS c, r.status AS s FROM consent_records r
         JOIN people p ON p.id = r.person_id ORDER BY k, c`,
      )
      .all();
    expect(records).toEqual([
      // Lotte: the refusal counts (doubt hides), the grant does not.
      { k: '2001', c: 'social', s: 'refused' },
      { k: '2002', c: 'social', s: 'granted' },
      { k: '2002', c: 'website', s: 'granted' },
      { k: '2003', c: 'social', s: 'granted' },
      { k: '2003', c: 'website', s: 'granted' },
    ]);
  });
});

describe("a parent's signature recorded by hand", () => {
  it("grants nothing from the 16th birthday on either; the pupil's own signature, a refusal or an earlier form do", async () => {
    const c = await school();
    const sem = findPersonByKey(c.db, '1002')!; // 16 on 20 September 2026
    const now = new Date('2026-10-05T10:00:00Z');
    const change = {
      personId: sem.id,
      channelId: 'website',
      schoolYear: '2026-2027',
      reason: 'Formulier later ingeleverd',
    } as const;
    expect(() =>
      recordManualConsent(
        c.db,
        actor,
        { ...change, status: 'granted', signedBy: 'parent', signedOn: '2026-10-01' },
        now,
      ),
    ).toThrow(
      expect.objectContaining({
        code: 'consent.manual.parentCannotGrant',
        params: { birthday: '2026-09-20', date: '2026-10-01' },
      }),
    );
    // Without a signing date the day it takes effect counts: today, 16.
    expect(() => recordManualConsent(c.db, actor, { ...change, status: 'granted', signedBy: 'guardian' }, now)).toThrow(
      expect.objectContaining({ code: 'consent.manual.parentCannotGrant' }),
    );
    expect(recordManualConsent(c.db, actor, { ...change, status: 'refused', signedBy: 'parent' }, now).status).toBe(
      'refused',
    );
    // A form his parents signed on 1 September, when he was 15, handed in late: it counts for this year.
    expect(
      recordManualConsent(
        c.db,
        actor,
        { ...change, status: 'granted', signedBy: 'parent', signedOn: '2026-09-01' },
        now,
      ).status,
    ).toBe('granted');
    expect(
      recordManualConsent(c.db, actor, { ...change, status: 'granted', signedBy: 'self', signedOn: '2026-10-01' }, now)
        .status,
    ).toBe('granted');
  });
});

describe('the turning-16 list', () => {
  it('lists who turns 16 within 30 days and who turned 16 since their last form, across school years', async () => {
    const c = await school();
    const on = (date: string) =>
      turningSixteen(c.db, { date }).map((item) => [
        item.person.key,
        item.when,
        item.sixteenthBirthday,
        item.daysUntil,
      ]);
    // Sem: 16 on 20 September 2026, five days after 15 September; his parents signed on 1 September.
    expect(on('2026-09-15')).toEqual([['1002', 'soon', '2026-09-20', 5]]);
    expect(on('2026-10-01')).toEqual([['1002', 'turned', '2026-09-20', -11]]);
    // Fleur: 16 on 5 August 2027 — the next school year — in the list from 6 July 2027.
    expect(on('2027-07-05')).toEqual([['1002', 'turned', '2026-09-20', -288]]);
    expect(on('2027-07-06')).toEqual([
      ['1002', 'turned', '2026-09-20', -289],
      ['1004', 'soon', '2027-08-05', 30],
    ]);
    // Noah, born 29 February 2012: 16 on 29 February 2028; no form ever, so listed in that school year.
    expect(on('2028-02-01').map((row) => row[0])).toContain('1003');
    expect(on('2028-02-01').find((row) => row[0] === '1003')).toEqual(['1003', 'soon', '2028-02-29', 28]);
  });

  it('says their consents on the day and their last form', async () => {
    const c = await school();
    const [sem] = turningSixteen(c.db, { date: '2026-09-15' });
    expect(sem!.lastForm).toEqual({ signedOn: '2026-09-01', signedBy: 'parent', schoolYear: '2026-2027' });
    expect(sem!.consents.filter((state) => state.channelId === 'website' || state.channelId === 'social')).toEqual([
      { channelId: 'website', status: 'refused' },
      { channelId: 'social', status: 'refused' },
    ]);
  });
});

describe('the renewal lists', () => {
  it('per class: no form, refused everything, withdrew — pupils of last year without a form this year too', async () => {
    const c = await school();
    withdrawConsent(
      c.db,
      actor,
      { personId: findPersonByKey(c.db, '1004')!.id, channelId: 'all', reason: 'Brief van ouders' },
      new Date('2026-10-01T10:00:00Z'),
    );
    const lists = renewalLists(c.db, { schoolYear: '2026-2027' });
    const summary = lists.classes.map((group) => [
      group.className,
      group.pupils,
      group.entries.map((entry) => [entry.person.key, entry.reason]),
    ]);
    expect(summary).toEqual([
      ['6A', 2, [['1002', 'refusedAll']]],
      [
        '6B',
        4,
        [
          // By last name: de Groot, ter Horst, Jansen, Visser.
          ['1005', 'noForm'],
          ['1004', 'withdrew'],
          ['1003', 'noForm'],
          ['1006', 'noForm'],
        ],
      ],
    ]);
    expect(renewalLists(c.db, { schoolYear: '2026-2027', className: '6A' }).classes.map((g) => g.className)).toEqual([
      '6A',
    ]);
    expect(() => renewalLists(c.db, { schoolYear: '2026-2027', className: '9Z' })).toThrow(
      expect.objectContaining({ code: 'consent.lists.classUnknown' }),
    );
    // The year before: only Daan had a form.
    const before = renewalLists(c.db, { schoolYear: '2025-2026' });
    expect(before.classes.flatMap((g) => g.entries.filter((e) => e.reason !== 'noForm'))).toEqual([]);
  });

  it('as CSV for the mail merge: a row per pupil, Dutch or English, a formula in a name neutralised', async () => {
    const c = await school();
    const lists = renewalLists(c.db, { schoolYear: '2026-2027' });
    const labels = Object.fromEntries(listChannels(c.db).map((ch) => [ch.id, ch.labelNl]));
    const csv = renewalCsv(lists, 'nl', labels);
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toMatch(/^klas,leerlingnummer,roepnaam,tussenvoegsel,achternaam,reden,/);
    expect(lines).toHaveLength(1 + 4);
    expect(lines[1]).toMatch(/^6A,1002,Sem,van 't,Hof,Overal geen toestemming,/);
    const visser = lines.find((line) => line.includes('Visser'))!;
    expect(visser).toContain(",'=cmd|' /C calc'!A0,");
    expect(visser).not.toMatch(/(^|,)=/);
    expect(renewalCsv(lists, 'en', labels)).toContain('class,student number,first name');
  });

  it('as a PDF with a page per class and page numbers, its text readable', async () => {
    const c = await school();
    const lists = renewalLists(c.db, { schoolYear: '2026-2027' });
    const labels = Object.fromEntries(listChannels(c.db).map((ch) => [ch.id, ch.labelNl]));
    const pdf = await renewalPdf(lists, { language: 'nl', channelLabels: labels, generatedBy: 'Els de Wit' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(1000);
    if (!hasPdftotext) {
      console.warn('pdftotext (poppler-utils) is not installed: the PDF text is not read back');
      return;
    }
    const file = path.join(tempDir(), 'lijst.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const pages = text.split('\f').filter((page) => page.trim() !== '');
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('Toestemmingsformulieren 2026-2027');
    expect(pages[0]).toContain('Klas / groep 6A');
    expect(pages[0]).toMatch(/Hof, Sem van 't\s+\(1002\)/);
    expect(pages[0]).toContain('Website van de school: geen toestemming');
    expect(pages[0]).toContain('Pagina 1 van 2');
    expect(pages[1]).toContain('Klas / groep 6B');
    expect(pages[1]).toContain('Geen formulier ingeleverd (3)');
    expect(pages[1]).toContain('Jansen, Noah');
    expect(pages[1]).toContain('Pagina 2 van 2');
    expect(pages[1]).not.toContain('Bakker'); // Zoë returned her form
  });
});
