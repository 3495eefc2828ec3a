// Reading a consent list into rows of text: CSV (comma, semicolon or tab; UTF-8 with or without BOM, UTF-16
// with BOM, else Windows-1252) or XLSX (first or chosen sheet). Nothing is interpreted here: every cell is text.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import { AppError } from '../../../shared/errors';
import { CONSENT_LIST_MAX_BYTES, readRegularFile } from '../files';

export type ListFormat = 'csv' | 'xlsx';
export type ListEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface ConsentListSource {
  readonly fileName: string;
  readonly filePath: string;
  readonly sha256: string;
  readonly format: ListFormat;
  readonly encoding: ListEncoding | null;
  readonly delimiter: string | null;
  readonly sheetNames: readonly string[];
  readonly sheet: string | null;
  /** Every row of the file or sheet, every cell as text (trailing empty rows dropped). */
  readonly rows: readonly (readonly string[])[];
}

export interface ReadListOptions {
  /** XLSX: the sheet's name or 1-based number; default the first. */
  readonly sheet?: string | undefined;
}

/**
 * Reads a list from a path (the CLI's argument, or a path main checked for a handle): a regular file only, opened
 * without blocking, its size checked before a byte is read (a FIFO or /dev/zero is refused, not waited on).
 */
export async function readConsentList(filePath: string, options: ReadListOptions = {}): Promise<ConsentListSource> {
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(filePath, CONSENT_LIST_MAX_BYTES);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === 'files.read.tooLarge') {
      throw new AppError('consent.file.tooLarge', { path: filePath, size: error.params.size ?? null });
    }
    if (error.code === 'files.notFound' || error.code === 'files.noAccess') {
      throw new AppError('consent.file.unreadable', {
        path: filePath,
        detail: error.code === 'files.notFound' ? 'ENOENT' : (error.params.reason ?? null),
      });
    }
    throw error;
  }
  return readConsentListBytes(bytes, filePath, options);
}

export async function readConsentListBytes(
  bytes: Buffer,
  filePath: string,
  options: ReadListOptions = {},
): Promise<ConsentListSource> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const fileName = path.basename(filePath);
  const isZip = bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;
  if (isZip) return readXlsx(bytes, filePath, fileName, sha256, options);
  if (/\.(xlsx|xlsm|xls|ods)$/i.test(fileName)) throw new AppError('consent.file.notXlsx', { file: fileName });
  if (bytes.includes(0) && !hasUtf16Bom(bytes)) throw new AppError('consent.file.binary', { file: fileName });
  const { text, encoding } = decodeText(bytes);
  const delimiter = detectDelimiter(text);
  let rows: string[][];
  try {
    rows = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    throw new AppError('consent.file.badCsv', {
      file: fileName,
      detail: error instanceof Error ? error.message.slice(0, 200) : String(error),
    });
  }
  return {
    fileName,
    filePath,
    sha256,
    format: 'csv',
    encoding,
    delimiter,
    sheetNames: [],
    sheet: null,
    rows: dropTrailingEmpty(rows),
  };
}

function hasUtf16Bom(bytes: Buffer): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

/** UTF-8 when the bytes are valid UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252 (Excel's "CSV"). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: ListEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/**
 * The delimiter the data rows agree on: for each candidate, the most frequent non-zero count per line (quotes
 * respected) times how many lines have it. Title rows and a stray comma inside a name do not tip it.
 */
export function detectDelimiter(text: string): string {
  const lines = text
    .split(/\r\n|\n|\r/)
    .filter((line) => line.trim() !== '')
    .slice(0, 200);
  let best = ';';
  let bestScore = 0;
  for (const candidate of [';', ',', '\t']) {
    const frequency = new Map<number, number>();
    for (const line of lines) {
      const count = countOutsideQuotes(line, candidate);
      if (count > 0) frequency.set(count, (frequency.get(count) ?? 0) + 1);
    }
    let score = 0;
    for (const [count, lines] of frequency) score = Math.max(score, lines * Math.min(count, 50) + count / 1000);
    if (score > bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let inQuotes = false;
  let count = 0;
  for (const char of line) {
    if (char === '"') inQuotes = !inQuotes;
    else if (char === delimiter && !inQuotes) count += 1;
  }
  return count;
}

function dropTrailingEmpty(rows: string[][]): string[][] {
  let end = rows.length;
  while (end > 0 && rows[end - 1]!.every((cell) => cell.trim() === '')) end -= 1;
  return rows.slice(0, end);
}

async function readXlsx(
  bytes: Buffer,
  filePath: string,
  fileName: string,
  sha256: string,
  options: ReadListOptions,
): Promise<ConsentListSource> {
  let sheets: Awaited<ReturnType<typeof readXlsxFile>>;
  try {
    sheets = await readXlsxFile(bytes);
  } catch (error) {
    throw new AppError('consent.file.badXlsx', {
      file: fileName,
      detail: error instanceof Error ? error.message.slice(0, 200) : String(error),
    });
  }
  const sheetNames = sheets.map((sheet) => sheet.sheet);
  let chosen = sheets[0];
  if (options.sheet !== undefined) {
    const byNumber = /^\d+$/.test(options.sheet) ? sheets[Number(options.sheet) - 1] : undefined;
    chosen = sheets.find((sheet) => sheet.sheet === options.sheet) ?? byNumber;
    if (!chosen) {
      throw new AppError('consent.file.sheetNotFound', { sheet: options.sheet, sheets: sheetNames.join(', ') });
    }
  }
  if (!chosen) throw new AppError('consent.file.empty', { file: fileName });
  const width = Math.max(0, ...chosen.data.map((row) => row.length));
  const rows = chosen.data.map((row) => {
    const cells = row.map(cellText);
    while (cells.length < width) cells.push('');
    return cells;
  });
  // A formula cell reads as its formula text ('=HYPERLINK(…)'), never as a result: the validator flags it.
  for (const cell of formulaCells(bytes, sheetNames.indexOf(chosen.sheet))) {
    const row = rows[cell.row];
    if (row && cell.column < row.length) row[cell.column] = cell.formula;
  }
  return {
    fileName,
    filePath,
    sha256,
    format: 'xlsx',
    encoding: null,
    delimiter: null,
    sheetNames,
    sheet: chosen.sheet,
    rows: dropTrailingEmpty(rows),
  };
}

/** A spreadsheet value as the text a person sees: dates as 'YYYY-MM-DD', whole numbers without '.0'. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Spreadsheet dates carry no time zone: read as UTC, they are the calendar day the sheet shows.
    return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  }
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function xmlText(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return XML_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function xmlAttribute(attributes: string, name: string): string | null {
  const match = attributes.match(new RegExp(`(?:^|\\s)${name}="([^"]*)"`));
  return match ? xmlText(match[1]!) : null;
}

/**
 * The cells of the index-th sheet that hold a formula, by 0-based row and column, with the formula text.
 * read-excel-file gives a formula's cached result (or nothing); a consent list must not rest on a calculation.
 */
export interface FormulaCell {
  readonly row: number;
  readonly column: number;
  readonly formula: string;
}

export function formulaCells(bytes: Uint8Array, sheetIndex: number): FormulaCell[] {
  const found: FormulaCell[] = [];
  if (sheetIndex < 0) return found;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) =>
        file.name === 'xl/workbook.xml' ||
        file.name === 'xl/_rels/workbook.xml.rels' ||
        file.name.startsWith('xl/worksheets/sheet'),
    });
  } catch {
    return found;
  }
  const workbook = files['xl/workbook.xml'] ? strFromU8(files['xl/workbook.xml']) : '';
  const rels = files['xl/_rels/workbook.xml.rels'] ? strFromU8(files['xl/_rels/workbook.xml.rels']) : '';
  const sheet = [...workbook.matchAll(/<sheet\b([^>]*?)\/?>/g)][sheetIndex];
  const relId = sheet ? xmlAttribute(sheet[1]!, 'r:id') : null;
  const rel = [...rels.matchAll(/<Relationship\b([^>]*?)\/?>/g)].find((m) => xmlAttribute(m[1]!, 'Id') === relId);
  const target = rel ? xmlAttribute(rel[1]!, 'Target') : null;
  if (!target) return found;
  const sheetPath = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
  const xml = files[sheetPath] ? strFromU8(files[sheetPath]) : '';
  for (const cell of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const inner = cell[2];
    if (!inner || !inner.includes('<f')) continue;
    const formula = inner.match(/<f\b[^>]*?(?:\/>|>([\s\S]*?)<\/f>)/);
    const ref = xmlAttribute(cell[1]!, 'r');
    const position = ref ? ref.match(/^([A-Z]+)(\d+)$/) : null;
    if (!formula || !position) continue;
    const column = [...position[1]!].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0) - 1;
    const text = xmlText(formula[1] ?? '').trim();
    found.push({ row: Number(position[2]) - 1, column, formula: `=${text.replace(/^=/, '') || '…'}` });
  }
  return found;
}
