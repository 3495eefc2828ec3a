// Consent import end to end on real files the test writes: reading, mapping, validation, preview, commit.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { proposeMapping, type ConsentMapping } from '../../shared/consentImport';
import { listAuditEvents, verifyAuditTrail } from '../../electron/core/audit/trail';
import {
  commitConsentImport,
  consentOn,
  findPersonByKey,
  listChannels,
  planConsentImport,
  withdrawConsent,
} from '../../electron/core/consent';
import {
  excelSemicolonRows,
  generatedListRows,
  MAGISTER_HEADER,
  writeUtf8BomCsv,
  writeWindows1252Csv,
  writeXlsxList,
} from '../helpers/consentLists';
import { actor, count, load, NOW, TODAY, useConsentImportCase, YEAR } from '../helpers/consentImportCase';

const { tempDir, core } = useConsentImportCase();

describe('reading lists', () => {
  it('reads an Excel semicolon CSV in Windows-1252 with title rows above the header', async () => {
    const source = await load(writeWindows1252Csv(tempDir()));
    expect(source).toMatchObject({ format: 'csv', encoding: 'windows-1252', delimiter: ';' });
    expect(source.rows[3]).toEqual(MAGISTER_HEADER);
    expect(source.rows[4]!.slice(0, 5)).toEqual(['1001', 'Daniëlle', 'Daniëlle Maria', '', 'de Vries']);
    expect(source.rows[5]![1]).toBe('Zoë');
    expect(source.rows[6]!.slice(1, 5)).toEqual(['Sem', 'Sem Johannes', "van 't", 'Hof']);
    expect(source.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads UTF-8 with a BOM, commas, quoted fields with commas, quotes and line breaks', async () => {
    const rows = [
      ['Leerlingnummer', 'Achternaam', 'Roepnaam', 'Opmerking', 'Website'],
      ['1', 'Hof', 'Sem', 'Hof, Sem van \'t — "let op"', 'ja'],
      ['2', 'Bakker', 'Zoë', 'twee\nregels', 'nee'],
      ['3', 'Horst', 'Fleur', '', '✓'],
    ];
    const source = await load(writeUtf8BomCsv(tempDir(), rows, ','));
    expect(source).toMatchObject({ encoding: 'utf-8-bom', delimiter: ',' });
    expect(source.rows).toEqual(rows);
  });

  it('reads tab-separated UTF-8 without BOM', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'lijst.txt');
    writeFileSync(file, 'Leerlingnummer\tAchternaam\tWebsite\n7\tSmit-Daniëlle\tja\n', 'utf8');
    const source = await load(file);
    expect(source).toMatchObject({ encoding: 'utf-8', delimiter: '\t' });
    expect(source.rows[1]).toEqual(['7', 'Smit-Daniëlle', 'ja']);
  });

  it('reads the chosen sheet of an XLSX written by the test, numbers and dates as text', async () => {
    const file = await writeXlsxList(tempDir());
    const first = await load(file);
    expect(first.sheetNames).toEqual(['Uitleg', 'Groep 8']);
    expect(first.sheet).toBe('Uitleg');
    const source = await load(file, 'Groep 8');
    expect(source.format).toBe('xlsx');
    expect(source.rows[0]![0]).toBe('Toestemming beeldmateriaal 2026-2027');
    expect(source.rows[2]![0]).toBe('Leerlingnummer');
    expect(source.rows[3]).toEqual(['2001', 'Daniëlle', '', 'Smit', '8A', '2014-04-02', 'ja', 'nee', 'ja']);
    expect(source.rows[5]!.slice(0, 4)).toEqual(['2003', 'Sem', "van 't", 'Hof']);
    expect((await load(file, '2')).sheet).toBe('Groep 8');
    await expect(load(file, 'Groep 9')).rejects.toMatchObject({ code: 'consent.file.sheetNotFound' });
  });

  it('refuses what is not a list, with a code', async () => {
    const dir = tempDir();
    const fake = path.join(dir, 'lijst.xlsx');
    writeFileSync(fake, 'Leerlingnummer;Achternaam\n');
    await expect(load(fake)).rejects.toMatchObject({ code: 'consent.file.notXlsx' });
    await expect(load(path.join(dir, 'nope.csv'))).rejects.toMatchObject({ code: 'consent.file.unreadable' });
  });
});

describe('import preview and commit', () => {
  it('imports the Windows-1252 list: people with clean name parts, consent per channel, who signed, an audit event', async () => {
    const c = core();
    const source = await load(writeWindows1252Csv(tempDir()));
    const mapping = proposeMapping(source.rows, listChannels(c.db));
    expect(mapping.headerRow).toBe(4);
    expect(Object.values(mapping.channels).sort()).toEqual([
      'newsletter',
      'parent_app',
      'schoolgids',
      'social',
      'website',
    ]);

    const { preview } = planConsentImport(c.db, source, mapping, YEAR, { today: TODAY });
    expect(preview.errors).toEqual([]);
    expect(preview.counts).toMatchObject({
      rows: 5,
      validRows: 5,
      newPeople: 5,
      newConsents: 25,
      granted: 13,
      refused: 10,
      notReturned: 2,
    });
    expect(preview.newPeople.map((p) => p.name)).toEqual([
      'Daniëlle de Vries',
      'Zoë Bakker',
      "Sem van 't Hof",
      'Noah Jansen',
      'Fleur ter Horst',
    ]);
    expect(count(c, 'people')).toBe(0);

    const result = commitConsentImport(c.db, actor, source, mapping, YEAR, {
      now: NOW,
      today: TODAY,
      expectedFingerprint: preview.fingerprint,
    });
    expect(result.recordsWritten).toBe(25);
    const sem = findPersonByKey(c.db, '1003')!;
    expect(sem).toMatchObject({
      kind: 'pupil',
      roepnaam: 'Sem',
      voornamen: 'Sem Johannes',
      tussenvoegsel: "van 't",
      achternaam: 'Hof',
      className: '6A',
      birthDate: '2013-05-20',
    });
    expect(consentOn(c.db, sem.id, 'website', TODAY)).toMatchObject({
      status: 'granted',
      consented: true,
      schoolYear: YEAR,
    });
    expect(consentOn(c.db, sem.id, 'social', TODAY)).toMatchObject({ status: 'not_returned', consented: false });
    expect(consentOn(c.db, sem.id, 'schoolgids', TODAY)).toMatchObject({ status: 'refused', consented: false });
    const zoe = findPersonByKey(c.db, '1002')!;
    expect(consentOn(c.db, zoe.id, 'website', TODAY).consented).toBe(true);
    expect(consentOn(c.db, zoe.id, 'social', TODAY).consented).toBe(false);

    // Under 16 at the start of the year: a parent signed (inferred, as the list has no signer column).
    const record = c.db
      .prepare(
        "SELECT signed_by, source, import_id FROM consent_records WHERE person_id = ? AND channel_id = 'website'",
      )
      .get(sem.id);
    expect(record).toEqual({ signed_by: 'parent', source: 'import', import_id: result.importId });

    const stored = c.db.prepare('SELECT * FROM consent_imports').get() as {
      file_name: string;
      file_sha256: string;
      mapping: string;
      counts: string;
    };
    expect(stored.file_name).toBe('toestemming-2026-2027.csv');
    expect(stored.file_sha256).toBe(source.sha256);
    expect(JSON.parse(stored.mapping)).toEqual(mapping);
    expect(JSON.parse(stored.counts)).toMatchObject({ newPeople: 5, validRows: 5 });
    const [event] = listAuditEvents(c.db, { limit: 5 });
    expect(event).toMatchObject({
      action: 'consent.import',
      subject: `import:${result.importId}`,
      actorName: 'Els de Wit',
    });
    expect(event!.details).toMatchObject({
      fileSha256: source.sha256,
      schoolYear: YEAR,
      recordsWritten: 25,
      counts: { newPeople: 5 },
    });
    expect(verifyAuditTrail(c.db).ok).toBe(true);
  });

  it('reports every bad row with row, column, value and reason — and then saves nothing', async () => {
    const c = core();
    const rows = excelSemicolonRows();
    rows.push(['1006', 'Lieke', 'Lieke', '', 'Visser', '7B', '01-01-2013', 'misschien', 'ja', 'ja', 'ja', 'ja']);
    rows.push(['1003', 'Sem', 'Sem', "van 't", 'Hof', '6A', '20-05-2013', 'ja', 'ja', 'ja', 'ja', 'ja']);
    rows.push([
      '1007',
      'Daan',
      'Daan',
      '',
      '=HYPERLINK("https://x.nl","Smit")',
      '7B',
      '31-02-2013',
      'ja',
      '=1+1',
      'ja',
      'ja',
      'ja',
    ]);
    rows.push(['', 'Anouk', 'Anouk', '', 'Mulder', '7B', '', 'ja', 'ja', 'ja', 'ja', 'ja']);
    rows.push(['1008', 'Jesse', 'Jesse', '', '', '7B', '', 'ja', 'ja', 'ja', 'ja', 'ja']);
    rows.push(['1009', 'Thijs', 'Thijs', '', 'Kok', '7B', '', 'ja']);
    const source = await load(writeWindows1252Csv(tempDir(), rows));
    const mapping = proposeMapping(source.rows, listChannels(c.db));
    const { preview } = planConsentImport(c.db, source, mapping, YEAR, { today: TODAY });
    const brief = preview.errors.map((e) => [e.row, e.column, e.value, e.code]);
    expect(brief).toEqual([
      [7, 'Leerlingnummer', '1003', 'consent.row.duplicateKey'],
      [10, 'Beeldmateriaal website', 'misschien', 'consent.row.unknownValue'],
      [11, 'Leerlingnummer', '1003', 'consent.row.duplicateKey'],
      [12, 'Geboortedatum', '31-02-2013', 'consent.row.invalidDate'],
      [12, 'Gebruik beeldmateriaal op social media', '=1+1', 'consent.row.formulaValue'],
      [13, 'Leerlingnummer', '', 'consent.row.missingKey'],
      [14, 'Achternaam', '', 'consent.row.missingName'],
      [15, null, '', 'consent.row.shortRow'],
    ]);
    expect(preview.errors[0]!.params).toEqual({ rows: '7, 11' });
    // A formula in a name is kept as text, never run, and flagged.
    expect(preview.warnings.map((w) => [w.row, w.column, w.code])).toContainEqual([
      12,
      'Achternaam',
      'consent.row.formulaKept',
    ]);
    expect(preview.counts).toMatchObject({ rows: 11, validRows: 4, errorRows: 7 });

    expect(() => commitConsentImport(c.db, actor, source, mapping, YEAR, { now: NOW, today: TODAY })).toThrow(
      expect.objectContaining({ code: 'consent.import.hasErrors', params: { errors: 8, rows: 7 } }),
    );
    for (const table of ['people', 'consent_records', 'consent_imports', 'consent_import_people', 'audit_events'])
      expect(count(c, table), table).toBe(0);

    const partial = commitConsentImport(c.db, actor, source, mapping, YEAR, {
      now: NOW,
      today: TODAY,
      onlyValid: true,
    });
    expect(count(c, 'people')).toBe(4);
    expect(findPersonByKey(c.db, '1003')).toBeNull();
    expect(findPersonByKey(c.db, '1006')).toBeNull();
    expect(partial.recordsWritten).toBe(20);
    const event = listAuditEvents(c.db, { limit: 1 })[0]!;
    expect(event.details).toMatchObject({ onlyValid: true, errorRows: [7, 10, 11, 12, 13, 14, 15] });
  });

  it('refuses a mapping that names a missing column, and a list without the required columns', async () => {
    const c = core();
    const source = await load(writeWindows1252Csv(tempDir()));
    const mapping = proposeMapping(source.rows, listChannels(c.db));
    const wrong: ConsentMapping = { ...mapping, fields: { ...mapping.fields, birthDate: 'Geb. datum' } };
    expect(() => planConsentImport(c.db, source, wrong, YEAR)).toThrow(
      expect.objectContaining({ code: 'consent.mapping.columnMissing', params: { column: 'Geb. datum', row: 4 } }),
    );
    const noName = await load(
      writeUtf8BomCsv(tempDir(), [
        ['Leerlingnummer', 'Roepnaam', 'Website'],
        ['1', 'Sem', 'ja'],
      ]),
    );
    expect(() => planConsentImport(c.db, noName, proposeMapping(noName.rows, listChannels(c.db)), YEAR)).toThrow(
      expect.objectContaining({ code: 'consent.mapping.requiredMissing', params: { field: 'achternaam' } }),
    );
    const noChannel = await load(
      writeUtf8BomCsv(tempDir(), [
        ['Leerlingnummer', 'Achternaam'],
        ['1', 'Hof'],
      ]),
    );
    expect(() => planConsentImport(c.db, noChannel, proposeMapping(noChannel.rows, listChannels(c.db)), YEAR)).toThrow(
      expect.objectContaining({ code: 'consent.mapping.noChannels' }),
    );
    const twice: ConsentMapping = { ...mapping, channels: { ...mapping.channels, Schoolgids: 'website' } };
    expect(() => planConsentImport(c.db, source, twice, YEAR)).toThrow(
      expect.objectContaining({ code: 'consent.mapping.channelTwice' }),
    );
  });

  it('checks who signed against the age on the signing date', async () => {
    const c = core();
    const rows = [
      [
        'Leerlingnummer',
        'Roepnaam',
        'Achternaam',
        'Geboortedatum',
        'Ondertekend door',
        'Datum ondertekening',
        'Website',
      ],
      ['1', 'Sem', 'Hof', '10-09-2010', 'ouder', '01-09-2026', 'ja'], // 15 on the day: fine
      ['2', 'Zoë', 'Bakker', '10-09-2010', 'zelf', '01-09-2026', 'ja'], // 15 and signed herself: flag
      ['3', 'Noah', 'Jansen', '01-08-2010', 'Ouder/verzorger', '01-09-2026', 'ja'], // 16 and a parent signed: flag
      ['4', 'Fleur', 'Horst', '01-08-2010', 'leerling', '01-09-2026', 'ja'], // 16, herself: fine
      ['5', 'Lieke', 'Visser', '01-08-2010', 'oma', '01-09-2026', 'ja'], // unknown signer: error
      ['6', 'Daan', 'Kok', '01-08-2010', 'zelf', '01-09-2027', 'ja'], // after the school year: error
      ['7', 'Ot', 'Kok', '01-01-2010', 'zelf', '15-06-2026', 'ja'], // before the year began: last year's form? remark
    ];
    const source = await load(writeUtf8BomCsv(tempDir(), rows, ';'));
    const mapping = proposeMapping(source.rows, listChannels(c.db));
    expect(mapping.fields).toMatchObject({ signedBy: 'Ondertekend door', signedOn: 'Datum ondertekening' });
    const { preview } = planConsentImport(c.db, source, mapping, YEAR, { today: TODAY });
    expect(preview.warnings.map((w) => [w.row, w.code, w.params])).toEqual([
      [3, 'consent.row.signerTooYoung', { age: 15, date: '2026-09-01' }],
      [4, 'consent.row.signerShouldBeSelf', { age: 16, date: '2026-09-01' }],
      // From the 16th birthday on a parent's signature grants no new consent year (issue 17): not recorded.
      [4, 'consent.row.parentCannotGrant', { birthday: '2026-08-01', date: '2026-09-01' }],
      [7, 'consent.row.futureDate', {}],
      [8, 'consent.row.signedBeforeYear', { year: YEAR }],
    ]);
    expect(preview.errors.map((e) => [e.row, e.code])).toEqual([
      [6, 'consent.row.unknownSigner'],
      [7, 'consent.row.signedAfterYear'],
    ]);
    commitConsentImport(c.db, actor, source, mapping, YEAR, { now: NOW, today: TODAY, onlyValid: true });
    const signed = c.db
      .prepare(
        'SELECT p.external_key AS k, r.signed_by AS s, r.signed_on AS d FROM consent_records r JOIN people p ON p.id = r.person_id ORDER BY k',
      )
      .all();
    expect(signed).toEqual([
      { k: '1', s: 'parent', d: '2026-09-01' },
      { k: '2', s: 'self', d: '2026-09-01' },
      // Noah (16, a parent signed): his only answer was a grant the parent could no longer give, so no record.
      { k: '4', s: 'self', d: '2026-09-01' },
      { k: '7', s: 'self', d: '2026-06-15' },
    ]);
  });

  it('previews a second list of the year: changes, withdrawals, people missing, unchanged — and keeps a recorded withdrawal', async () => {
    const c = core();
    const dir = tempDir();
    const first = await load(writeWindows1252Csv(dir));
    const mapping = proposeMapping(first.rows, listChannels(c.db));
    commitConsentImport(c.db, actor, first, mapping, YEAR, { now: NOW, today: TODAY });
    const zoe = findPersonByKey(c.db, '1002')!;
    withdrawConsent(
      c.db,
      actor,
      { personId: zoe.id, channelId: 'schoolgids', reason: 'Vader mailde de administratie' },
      new Date('2026-10-01T09:00:00Z'),
    );

    const rows = excelSemicolonRows().filter((row) => row[0] !== '1004'); // Noah left the list
    rows[4] = [
      '1001',
      'Daniëlle',
      'Daniëlle Maria',
      '',
      'de Vries',
      '5C',
      '14-03-2015',
      'nee',
      'Nee',
      'ja',
      'ja',
      'ja',
    ]; // website withdrawn, new class
    rows[5] = ['1002', 'Zoë', 'Zoë', '', 'Bakker', '5B', '01-12-2014', 'wel toestemming', 'ja', '', 'x', 'JA']; // social granted; schoolgids stays withdrawn
    const second = await load(writeWindows1252Csv(dir, rows, 'tweede.csv'));
    const plan = planConsentImport(c.db, second, mapping, YEAR, { today: '2026-10-05' });
    const { preview } = plan;
    expect(preview.previousImportId).toBe(1);
    expect(preview.withdrawals.map((x) => [x.key, x.channelId, x.from, x.to])).toEqual([
      ['1001', 'website', 'granted', 'refused'],
    ]);
    expect(preview.changes.map((x) => [x.key, x.channelId, x.from, x.to])).toEqual([
      ['1001', 'website', 'granted', 'refused'],
      ['1002', 'social', 'refused', 'granted'],
    ]);
    expect(preview.missing.map((p) => [p.key, p.name])).toEqual([['1004', 'Noah Jansen']]);
    expect(preview.warnings.map((w) => [w.row, w.code])).toEqual([[6, 'consent.row.keepsWithdrawal']]);
    expect(preview.counts).toMatchObject({
      newPeople: 0,
      updatedPeople: 1,
      changedConsents: 2,
      withdrawals: 1,
      unchangedConsents: 17,
      missing: 1,
    });

    const later = new Date('2026-10-05T08:00:00Z');
    commitConsentImport(c.db, actor, second, mapping, YEAR, {
      now: later,
      today: '2026-10-05',
      expectedFingerprint: preview.fingerprint,
    });
    const danielle = findPersonByKey(c.db, '1001')!;
    expect(danielle.className).toBe('5C');
    expect(consentOn(c.db, danielle.id, 'website', '2026-10-04')).toMatchObject({ consented: true, version: 1 });
    expect(consentOn(c.db, danielle.id, 'website', '2026-10-05')).toMatchObject({
      status: 'refused',
      consented: false,
      version: 2,
    });
    expect(consentOn(c.db, zoe.id, 'schoolgids', '2026-10-06')).toMatchObject({
      status: 'withdrawn',
      consented: false,
    });
    expect(consentOn(c.db, zoe.id, 'social', '2026-10-06')).toMatchObject({ status: 'granted', consented: true });
  });

  it('commits only what was previewed: a changed registry or another file is refused', async () => {
    const c = core();
    const dir = tempDir();
    const source = await load(writeWindows1252Csv(dir));
    const mapping = proposeMapping(source.rows, listChannels(c.db));
    const { preview } = planConsentImport(c.db, source, mapping, YEAR, { today: TODAY });
    // Someone else imports the same list in between: the preview no longer describes what a commit would do.
    commitConsentImport(c.db, actor, source, mapping, YEAR, { now: NOW, today: TODAY });
    expect(() =>
      commitConsentImport(c.db, actor, source, mapping, YEAR, {
        now: NOW,
        today: TODAY,
        expectedFingerprint: preview.fingerprint,
      }),
    ).toThrow(expect.objectContaining({ code: 'consent.import.changedSincePreview' }));
    expect(count(c, 'consent_imports')).toBe(1);
  });

  it('writes all or nothing: a failure in the middle of a commit leaves no trace', async () => {
    const c = core();
    const source = await load(writeUtf8BomCsv(tempDir(), generatedListRows(300), ';'));
    const mapping = proposeMapping(source.rows, listChannels(c.db));
    // The database refuses the record of the 200th pupil, as a full disk or a crash would stop the writer halfway.
    c.db.exec(`CREATE TRIGGER fail_midway BEFORE INSERT ON consent_records
      WHEN (SELECT external_key FROM people WHERE id = NEW.person_id) = '100199'
      BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    expect(() => commitConsentImport(c.db, actor, source, mapping, YEAR, { now: NOW, today: TODAY })).toThrow(
      /disk full/,
    );
    for (const table of [
      'people',
      'consent_records',
      'consent_imports',
      'consent_import_people',
      'audit_events',
      'school_years',
    ])
      expect(count(c, table), table).toBe(0);
    c.db.exec('DROP TRIGGER fail_midway');
    expect(commitConsentImport(c.db, actor, source, mapping, YEAR, { now: NOW, today: TODAY }).recordsWritten).toBe(
      1500,
    );
    expect(count(c, 'people')).toBe(300);
  });
});
