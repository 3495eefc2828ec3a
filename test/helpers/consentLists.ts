// Consent lists as schools hand them in, written by the tests themselves: Excel's semicolon CSV in
// Windows-1252 with title rows, a UTF-8 export with BOM, a large generated list, an XLSX workbook.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import writeXlsxFile from 'write-excel-file/node';

export const MAGISTER_HEADER = [
  'Leerlingnummer',
  'Roepnaam',
  'Voornamen',
  'Tussenvoegsel',
  'Achternaam',
  'Klas',
  'Geboortedatum',
  'Beeldmateriaal website',
  'Gebruik beeldmateriaal op social media',
  "Foto's nieuwsbrief",
  'Schoolgids',
  'Ouderapp',
];

/** The list as Excel saves "CSV (puntkomma-gescheiden)" on a Dutch Windows: Windows-1252, CRLF, title rows on top. */
export function excelSemicolonRows(): string[][] {
  return [
    ['Toestemming gebruik beeldmateriaal schooljaar 2026-2027', '', '', '', '', '', '', '', '', '', '', ''],
    ['Geëxporteerd uit Magister op 2-9-2026', '', '', '', '', '', '', '', '', '', '', ''],
    Array(12).fill(''),
    MAGISTER_HEADER,
    ['1001', 'Daniëlle', 'Daniëlle Maria', '', 'de Vries', '5B', '14-03-2015', 'Ja', 'Nee', 'ja', 'ja', 'ja'],
    ['1002', 'Zoë', 'Zoë', '', 'Bakker', '5B', '01-12-2014', 'wel toestemming', 'geen toestemming', '', 'x', 'JA'],
    ['1003', 'Sem', 'Sem Johannes', "van 't", 'Hof', '6A', '20-05-2013', ' X ', '', 'j', 'n', '1'],
    ['1004', 'Noah', 'Noah', '', 'Jansen', '6A', '07-07-2013', 'nee', 'nee', 'nee', 'nee', 'nee'],
    ['1005', 'Fleur', 'Fleur', 'ter', 'Horst', '6A', '30-10-2013', 'Wel', 'Niet', 'Yes', 'no', 'TRUE'],
  ];
}

export function toCsv(rows: readonly (readonly string[])[], delimiter = ';'): string {
  const quote = (cell: string) =>
    cell.includes(delimiter) || cell.includes('"') || cell.includes('\n') ? `"${cell.replace(/"/g, '""')}"` : cell;
  return rows.map((row) => row.map(quote).join(delimiter)).join('\r\n') + '\r\n';
}

export function writeWindows1252Csv(
  dir: string,
  rows = excelSemicolonRows(),
  name = 'toestemming-2026-2027.csv',
): string {
  const file = path.join(dir, name);
  writeFileSync(file, encodeWindows1252(toCsv(rows, ';')));
  return file;
}

export function writeUtf8BomCsv(
  dir: string,
  rows: readonly (readonly string[])[],
  delimiter = ',',
  name = 'export-bom.csv',
): string {
  const file = path.join(dir, name);
  writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(toCsv(rows, delimiter), 'utf8')]));
  return file;
}

/** Windows-1252 bytes for Latin text (Node has no encoder for it; the accented letters used here map 1:1 to Latin-1, the ticks to their CP1252 places). */
export function encodeWindows1252(text: string): Buffer {
  const special: Record<string, number> = {
    '€': 0x80,
    '‘': 0x91,
    '’': 0x92,
    '“': 0x93,
    '”': 0x94,
    '–': 0x96,
    '—': 0x97,
  };
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (special[char] !== undefined) bytes.push(special[char]);
    else if (code < 256) bytes.push(code);
    else throw new Error(`Not in Windows-1252: ${char}`);
  }
  return Buffer.from(bytes);
}

const ROEPNAMEN = [
  'Daniëlle',
  'Zoë',
  'Sem',
  'Noah',
  'Fleur',
  'Lieke',
  'Daan',
  'Anouk',
  'Jesse',
  'Chloë',
  'Thijs',
  'Noëlle',
];
const ACHTERNAMEN: Array<[string, string]> = [
  ['', 'de Jong'],
  ['van', 'Dijk'],
  ["van 't", 'Hof'],
  ['', 'Bakker'],
  ['de', 'Boer'],
  ['van der', 'Meer'],
  ['', 'Visser'],
  ['ter', 'Horst'],
];
const VALUES = ['ja', 'nee', '', 'Ja', 'wel', 'niet', 'x', 'J', 'N', 'NEE'];

/** A generated list of `count` pupils (student numbers 100000…), all valid, with the Magister header. */
export function generatedListRows(count: number, seed = 1): string[][] {
  const rows: string[][] = [MAGISTER_HEADER];
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state;
  };
  for (let i = 0; i < count; i += 1) {
    const [tussenvoegsel, achternaam] = ACHTERNAMEN[next() % ACHTERNAMEN.length]!;
    const roepnaam = ROEPNAMEN[next() % ROEPNAMEN.length]!;
    const year = 2009 + (next() % 9);
    const birth = `${String(1 + (next() % 28)).padStart(2, '0')}-${String(1 + (next() % 12)).padStart(2, '0')}-${year}`;
    rows.push([
      String(100000 + i),
      roepnaam,
      roepnaam,
      tussenvoegsel,
      achternaam,
      `${1 + (next() % 6)}${'ABC'[next() % 3]}`,
      birth,
      ...Array.from({ length: 5 }, () => VALUES[next() % VALUES.length]!),
    ]);
  }
  return rows;
}

/** An XLSX workbook with two sheets: a cover sheet, then the list (title row, header, pupils; numbers and dates as real cells). */
export async function writeXlsxList(dir: string, name = 'toestemming.xlsx'): Promise<string> {
  const file = path.join(dir, name);
  const title = [{ value: 'Toestemming beeldmateriaal 2026-2027' }];
  const header = [
    'Leerlingnummer',
    'Roepnaam',
    'Tussenvoegsel',
    'Achternaam',
    'Groep',
    'Geboortedatum',
    'Website',
    'Social media',
    'Nieuwsbrief',
  ].map((value) => ({ value }));
  const pupil = (
    n: number,
    roep: string,
    tv: string,
    achter: string,
    groep: string,
    birth: string,
    ...values: string[]
  ) => [
    { value: n },
    { value: roep },
    { value: tv },
    { value: achter },
    { value: groep },
    { value: new Date(`${birth}T00:00:00Z`), format: 'dd-mm-yyyy' },
    ...values.map((value) => ({ value })),
  ];
  const buffer = await writeXlsxFile([
    { sheet: 'Uitleg', data: [[{ value: 'Zie het tweede werkblad.' }]] },
    {
      sheet: 'Groep 8',
      data: [
        title,
        [],
        header,
        pupil(2001, 'Daniëlle', '', 'Smit', '8A', '2014-04-02', 'ja', 'nee', 'ja'),
        pupil(2002, 'Zoë', 'van', 'Leeuwen', '8A', '2014-11-30', 'Ja', 'Ja', ''),
        pupil(2003, 'Sem', "van 't", 'Hof', '8B', '2015-01-15', 'nee', 'nee', 'nee'),
        // Formulas: a name behind a link (kept as text, flagged) and a computed answer (an error: never evaluated).
        [
          { value: 2004 },
          { value: 'Noah' },
          { value: '' },
          { type: 'Formula' as const, value: 'HYPERLINK("https://school.nl/leerling/2004","Jansen")' },
          { value: '8B' },
          { value: new Date('2014-06-01T00:00:00Z'), format: 'dd-mm-yyyy' },
          { type: 'Formula' as const, value: 'IF(1=1,"ja","nee")' },
          { value: 'ja' },
          { value: 'ja' },
        ],
      ],
    },
  ]).toBuffer();
  writeFileSync(file, buffer);
  return file;
}
