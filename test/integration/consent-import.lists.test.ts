// Consent lists of other shapes: a whole school's list at once, a staff list, a workbook's second sheet.
import { describe, expect, it } from 'vitest';
import { proposeMapping } from '../../shared/consentImport';
import {
  commitConsentImport,
  consentOn,
  findPersonByKey,
  listChannels,
  planConsentImport,
} from '../../electron/core/consent';
import { generatedListRows, writeUtf8BomCsv, writeXlsxList } from '../helpers/consentLists';
import { actor, count, load, NOW, TODAY, useConsentImportCase, YEAR } from '../helpers/consentImportCase';

const { tempDir, core } = useConsentImportCase();

describe('import of larger, staff and workbook lists', () => {
  it('imports a 2,000-row list in one go', async () => {
    const c = core();
    const source = await load(writeUtf8BomCsv(tempDir(), generatedListRows(2000), ';'));
    expect(source.rows).toHaveLength(2001);
    const mapping = proposeMapping(source.rows, listChannels(c.db));
    const started = performance.now();
    const { preview } = planConsentImport(c.db, source, mapping, YEAR, { today: TODAY });
    expect(preview.errors).toEqual([]);
    expect(preview.counts).toMatchObject({ rows: 2000, validRows: 2000, newPeople: 2000, newConsents: 10_000 });
    const result = commitConsentImport(c.db, actor, source, mapping, YEAR, {
      now: NOW,
      today: TODAY,
      expectedFingerprint: preview.fingerprint,
    });
    expect(result.recordsWritten).toBe(10_000);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(count(c, 'people')).toBe(2000);
    // The same list again changes nothing, but is recorded as an import that listed everyone.
    const again = planConsentImport(c.db, source, mapping, YEAR, { today: TODAY }).preview;
    expect(again.counts).toMatchObject({
      newPeople: 0,
      newConsents: 0,
      changedConsents: 0,
      unchangedConsents: 10_000,
      missing: 0,
    });
  });

  it('imports a staff list keyed by staff number, else e-mail; staff sign for themselves', async () => {
    const c = core();
    const rows = [
      [
        'Personeelsnummer',
        'E-mailadres',
        'Roepnaam',
        'Tussenvoegsel',
        'Achternaam',
        'Toestemming website',
        'Nieuwsbrief',
      ],
      ['P-017', 'j.devries@school.nl', 'Juf Els', 'de', 'Wit', 'ja', 'nee'],
      ['', 'M.Bakker@School.nl', 'Mark', '', 'Bakker', 'nee', 'ja'],
      ['', 'geen-adres', 'Ot', '', 'Kok', 'ja', 'ja'],
    ];
    const source = await load(writeUtf8BomCsv(tempDir(), rows, ';'));
    const mapping = proposeMapping(source.rows, listChannels(c.db));
    expect(mapping.personKind).toBe('staff');
    const { preview } = planConsentImport(c.db, source, mapping, YEAR, { today: TODAY });
    expect(preview.errors.map((e) => [e.row, e.code])).toEqual([[4, 'consent.row.invalidEmail']]);
    commitConsentImport(c.db, actor, source, mapping, YEAR, { now: NOW, today: TODAY, onlyValid: true });
    const mark = findPersonByKey(c.db, 'm.bakker@school.nl', 'staff')!;
    expect(mark).toMatchObject({ kind: 'staff', externalKey: 'm.bakker@school.nl', roepnaam: 'Mark' });
    expect(findPersonByKey(c.db, 'P-017')).toMatchObject({ kind: 'staff', tussenvoegsel: 'de', achternaam: 'Wit' });
    expect(c.db.prepare('SELECT DISTINCT signed_by FROM consent_records').pluck().all()).toEqual(['self']);
    expect(consentOn(c.db, mark.id, 'newsletter', TODAY).consented).toBe(true);
  });

  it('imports the XLSX list from its second sheet, reading formula cells as formulas', async () => {
    const c = core();
    const source = await load(await writeXlsxList(tempDir()), 'Groep 8');
    const mapping = proposeMapping(source.rows, listChannels(c.db));
    expect(mapping).toMatchObject({ headerRow: 3, fields: { className: 'Groep', birthDate: 'Geboortedatum' } });
    expect(mapping.channels).toEqual({ Website: 'website', 'Social media': 'social', Nieuwsbrief: 'newsletter' });
    const { preview } = planConsentImport(c.db, source, mapping, YEAR, { today: TODAY });
    expect(source.rows[6]![3]).toBe('=HYPERLINK("https://school.nl/leerling/2004","Jansen")');
    expect(preview.warnings.map((w) => [w.row, w.column, w.code])).toEqual([
      [7, 'Achternaam', 'consent.row.formulaKept'],
    ]);
    expect(preview.errors.map((e) => [e.row, e.column, e.value, e.code])).toEqual([
      [7, 'Website', '=IF(1=1,"ja","nee")', 'consent.row.formulaValue'],
    ]);
    commitConsentImport(c.db, actor, source, mapping, YEAR, { now: NOW, today: TODAY, onlyValid: true });
    expect(findPersonByKey(c.db, '2004')).toBeNull();
    const zoe = findPersonByKey(c.db, '2002')!;
    expect(zoe).toMatchObject({
      roepnaam: 'Zoë',
      tussenvoegsel: 'van',
      achternaam: 'Leeuwen',
      className: '8A',
      birthDate: '2014-11-30',
    });
    expect(consentOn(c.db, zoe.id, 'social', TODAY).consented).toBe(true);
    expect(consentOn(c.db, zoe.id, 'newsletter', TODAY).status).toBe('not_returned');
  });
});
