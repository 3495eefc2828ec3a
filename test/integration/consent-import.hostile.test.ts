// Hostile consent lists: an XLSX zip bomb (4 MB that inflates to 3.9 GB) is refused quickly with modest memory,
// whether its zip directory tells the truth about the size or lies about it; a normal workbook still reads. Mixed
// encodings, mojibake, invisible format characters, '-' formulas, overlong names, FIFOs and oversized files.
import { execFileSync } from 'node:child_process';
import { truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { constants, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  commitConsentImport,
  findPersonByKey,
  listChannels,
  planConsentImport,
  readConsentList,
} from '../../electron/core/consent';
import { openCore } from '../../electron/core/context';
import { proposeMapping } from '../../shared/consentImport';
import { describeError } from '../../shared/i18n';
import type { SerializedError } from '../../shared/errors';
import { fotowacht } from '../helpers/cli';
import { writeXlsxList } from '../helpers/consentLists';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();

/** A raw deflate stream of `copies` × `block` bytes of spaces, made by repeating one byte-aligned compressed block. */
function deflatedSpaces(block: number, copies: number): { data: Buffer; size: number } {
  const one = deflateRawSync(Buffer.alloc(block, 0x20), { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const last = deflateRawSync(Buffer.alloc(0)); // a final, empty block
  return { data: Buffer.concat([...Array.from({ length: copies }, () => one), last]), size: block * copies };
}

interface Entry {
  readonly name: string;
  readonly data: Buffer;
  readonly size: number;
  readonly method: 0 | 8;
}

/** A zip written by hand (so that an entry's stated size can differ from what it inflates to). */
function zip(entries: readonly Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.method, 10);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.data);
    centrals.push(central, name);
    offset += 30 + name.length + entry.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const stored = (name: string, text: string): Entry => ({
  name,
  data: Buffer.from(text, 'utf8'),
  size: Buffer.byteLength(text),
  method: 0,
});

/** An XLSX whose sheet1.xml inflates to 3.9 GB; `statedSize` is what its zip directory says. */
function xlsxBomb(statedSize?: number): Buffer {
  const sheet = deflatedSpaces(64 * 1024 * 1024, 58); // 3.89 GB
  return zip([
    stored(
      '[Content_Types].xml',
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    stored(
      'xl/workbook.xml',
      '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Lijst" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    stored(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    { name: 'xl/worksheets/sheet1.xml', data: sheet.data, size: statedSize ?? sheet.size, method: 8 },
  ]);
}

async function refusal(file: string): Promise<{ error: SerializedError; ms: number; rssGrowthMb: number }> {
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const error = await readConsentList(file).then(
    () => null,
    (thrown: unknown) => thrown as SerializedError,
  );
  const ms = performance.now() - started;
  expect(error, 'the bomb was read').not.toBeNull();
  return {
    error: { code: error!.code, params: error!.params },
    ms,
    rssGrowthMb: (process.memoryUsage().rss - rssBefore) / 1024 / 1024,
  };
}

describe('an XLSX zip bomb: 4 MB whose sheet inflates to 3.9 GB', () => {
  it('is refused from its zip directory, before anything is inflated', async () => {
    const bytes = xlsxBomb();
    expect(bytes.length).toBeLessThan(4.2 * 1024 * 1024);
    const file = path.join(tempDir(), 'toestemming.xlsx');
    writeFileSync(file, bytes);
    const { error, ms, rssGrowthMb } = await refusal(file);
    expect(error).toEqual({
      code: 'consent.file.xlsxTooLarge',
      params: { file: 'toestemming.xlsx', reason: 'xl/worksheets/sheet1.xml' },
    });
    expect(describeError('en', error)).toMatch(/^toestemming\.xlsx was refused: unpacked it would be far larger/);
    expect(ms).toBeLessThan(2000);
    expect(rssGrowthMb).toBeLessThan(100);
  });

  it('that lies about its size in the zip directory is stopped while inflating, in the worker', async () => {
    const file = path.join(tempDir(), 'lijst.xlsx');
    writeFileSync(file, xlsxBomb(200_000));
    const { error, ms, rssGrowthMb } = await refusal(file);
    expect(error.code).toBe('consent.file.xlsxTooLarge');
    expect(ms).toBeLessThan(10_000);
    expect(rssGrowthMb).toBeLessThan(100);
  });

  it('a real workbook still reads, formulas included', async () => {
    const source = await readConsentList(await writeXlsxList(tempDir()), { sheet: '2' });
    expect(source.format).toBe('xlsx');
    expect(source.rows.length).toBeGreaterThan(3);
  });
});

describe('encodings and names in a consent list', () => {
  const HEADER = 'Leerlingnummer;Roepnaam;Achternaam;Website\n';
  const plan = async (file: string) => {
    const core = openCore({ dataDir: tempDir(), osUser: 'administratie' });
    const source = await readConsentList(file);
    const { preview } = planConsentImport(
      core.db,
      source,
      proposeMapping(source.rows, listChannels(core.db)),
      '2026-2027',
      {
        today: '2026-09-15',
      },
    );
    core.close();
    return preview;
  };

  it('a UTF-8 list with one Windows-1252 byte is refused, naming the line (not decoded as 1252)', async () => {
    const file = path.join(tempDir(), 'toestemming.csv');
    const utf8 = Buffer.from(`${HEADER}1001;Zoë;Bakker;ja\n1002;Daniëlle;de Vries;ja\n`, 'utf8');
    // Line 4: "Noël" typed in a Windows editor: ë as the single byte 0xEB.
    writeFileSync(
      file,
      Buffer.concat([utf8, Buffer.from('1003;No', 'latin1'), Buffer.from([0xeb]), Buffer.from('l;Smit;nee\n')]),
    );
    const error = await readConsentList(file).then(
      () => null,
      (thrown: SerializedError) => thrown,
    );
    expect(error).toMatchObject({ code: 'consent.file.mixedEncoding', params: { line: 4, file: 'toestemming.csv' } });
    expect(describeError('en', error!)).toMatch(/^toestemming\.csv is UTF-8, but line 4 holds a character/);
    // A list that is all Windows-1252 still reads as such.
    writeFileSync(file, Buffer.from(`${HEADER}1001;Zoë;Bakker;ja\n`, 'latin1'));
    expect((await readConsentList(file)).encoding).toBe('windows-1252');
  });

  it('flags mojibake, strips format characters with a remark, flags "-" formulas and overlong names', async () => {
    const file = path.join(tempDir(), 'lijst.csv');
    writeFileSync(
      file,
      HEADER +
        '1001;ZoÃ«;Bakker;ja\n' +
        '1002;Jan\u202Eneppilihp;Smit;ja\n' +
        '1003;Fl\u200Beur;Horst;ja\n' +
        "1004;-2+3+cmd|' /C calc'!A0;Hof;ja\n" +
        `1005;Sem;${'x'.repeat(101)};ja\n`,
      'utf8',
    );
    const result = await plan(file);
    const remarks = [...result.warnings, ...result.errors].map((issue) => [issue.row, issue.code]);
    expect(remarks).toEqual(
      expect.arrayContaining([
        [2, 'consent.row.mojibake'],
        [3, 'consent.row.formatCharacters'],
        [4, 'consent.row.formatCharacters'],
        [5, 'consent.row.formulaKept'],
        [6, 'consent.row.tooLong'],
      ]),
    );
    expect(result.errors.map((issue) => issue.row)).toEqual([6]);
    const names = result.newPeople.map((person) => person.name);
    expect(names).toContain('Janneppilihp Smit');
    expect(names).toContain('Fleur Horst');
    expect(names.join()).not.toMatch(/[\u200B\u202E]/);
  });

  it('checks the 50 MiB cap before reading, and refuses what is not a regular file', async () => {
    const dir = tempDir();
    const big = path.join(dir, 'lijst.csv');
    // A sparse file: 60 MiB on paper, no bytes on disk; reading it whole is what the cap prevents.
    writeFileSync(big, '');
    truncateSync(big, 60 * 1024 * 1024);
    await expect(readConsentList(big)).rejects.toMatchObject({ code: 'consent.file.tooLarge' });
    if (process.platform !== 'win32') {
      const fifo = path.join(dir, 'fifo.csv');
      execFileSync('mkfifo', [fifo]);
      const started = performance.now();
      await expect(readConsentList(fifo)).rejects.toMatchObject({ code: 'files.read.notRegular' });
      expect(performance.now() - started).toBeLessThan(2000);
    }
  });
});

describe('names changed on re-import', () => {
  it('are shown old → new and need confirmation (core, CLI)', async () => {
    const dir = tempDir();
    const dataDir = tempDir();
    const first = path.join(dir, 'september.csv');
    writeFileSync(
      first,
      'Leerlingnummer;Roepnaam;Achternaam;Website\n1001;Zoë;Bakker;ja\n1002;Sem;Hof;ja\n1003;Noor;Jansen;nee\n',
      'utf8',
    );
    expect(fotowacht(['consent', 'import', first, '--year', '2026-2027'], { dataDir }).code).toBe(0);
    // The same list, saved wrongly somewhere: three names come back as mojibake.
    const second = path.join(dir, 'oktober.csv');
    writeFileSync(
      second,
      'Leerlingnummer;Roepnaam;Achternaam;Website\n1001;ZoÃ«;Bakker;ja\n1002;Sem;Hof;ja\n1003;NoÃ«r;JÃ¤nsen;nee\n',
      'utf8',
    );
    const refused = fotowacht(['consent', 'import', second, '--year', '2026-2027'], { dataDir });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('Names this list changes (old → new):');
    expect(refused.stdout).toContain('row 2: 1001 Zoë Bakker → ZoÃ« Bakker');
    expect(refused.stdout).toContain('row 4: 1003 Noor Jansen → NoÃ«r JÃ¤nsen');
    expect(refused.stdout).toContain('Not saved: this list changes the name of 2 people.');

    const core = openCore({ dataDir, osUser: 'administratie' });
    const source = await readConsentList(second);
    const mapping = proposeMapping(source.rows, listChannels(core.db));
    const { preview } = planConsentImport(core.db, source, mapping, '2026-2027');
    expect(preview.renamed.map((change) => [change.from, change.to])).toEqual([
      ['Zoë Bakker', 'ZoÃ« Bakker'],
      ['Noor Jansen', 'NoÃ«r JÃ¤nsen'],
    ]);
    expect(() => commitConsentImport(core.db, core.actor(), source, mapping, '2026-2027')).toThrow(
      expect.objectContaining({ code: 'consent.import.renamesNotConfirmed', params: { count: 2 } }),
    );
    expect(findPersonByKey(core.db, '1001', 'pupil')?.roepnaam).toBe('Zoë');
    core.close();

    const confirmed = fotowacht(['consent', 'import', second, '--year', '2026-2027', '--confirm-renames'], {
      dataDir,
    });
    expect(confirmed.code, confirmed.stderr).toBe(0);
  });
});
