// Reading a consent list into rows of text: CSV (comma, semicolon or tab; UTF-8 with or without BOM, UTF-16
// with BOM, else Windows-1252) or XLSX (first or chosen sheet). Nothing is interpreted here: every cell is text.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { AppError } from '../../../shared/errors';
import { CONSENT_LIST_MAX_BYTES, readRegularFile } from '../files';
import { errorText, startWorker } from '../workers';
import type { XlsxReply, XlsxSheet, XlsxWorkerData } from './xlsxWorker';
import type { FormulaCell } from './xlsxFormulas';
import { checkZipDirectory } from './zipBounds';

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
  let decoded: ReturnType<typeof decodeText>;
  try {
    decoded = decodeText(bytes);
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.code, { ...error.params, file: fileName });
    throw error;
  }
  const { text, encoding } = decoded;
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
    // UTF-8 with one stray byte of another encoding is not a Windows-1252 file: decoded as 1252, every "ë"
    // would become "Ã«" and overwrite the names on a re-import. Only a file with no UTF-8 in it at all is 1252.
    const stray = mixedEncodingLine(bytes);
    if (stray !== null) throw new AppError('consent.file.mixedEncoding', { line: stray });
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/**
 * When the bytes hold valid UTF-8 multi-byte characters and also bytes that are not UTF-8: the line (1-based) of
 * the first such byte. Null when nothing in it is UTF-8 beyond ASCII (a genuine single-byte file).
 */
export function mixedEncodingLine(bytes: Uint8Array): number | null {
  let utf8Characters = 0;
  let firstInvalid = -1;
  for (let at = 0; at < bytes.length;) {
    const byte = bytes[at]!;
    if (byte < 0x80) {
      at += 1;
      continue;
    }
    const length =
      byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
    let valid = length > 0 && at + length <= bytes.length;
    for (let next = 1; valid && next < length; next += 1) valid = (bytes[at + next]! & 0xc0) === 0x80;
    if (valid) {
      utf8Characters += 1;
      at += length;
    } else {
      if (firstInvalid < 0) firstInvalid = at;
      at += 1;
    }
  }
  if (utf8Characters === 0 || firstInvalid < 0) return null;
  let line = 1;
  for (let at = 0; at < firstInvalid; at += 1) if (bytes[at] === 0x0a) line += 1;
  return line;
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
  // The zip's directory first: a bomb is refused before a byte is inflated.
  checkZipDirectory(bytes, fileName);
  const { sheets, formulas } = await readXlsxInWorker(bytes, fileName);
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
  for (const cell of formulas[sheetNames.indexOf(chosen.sheet)] ?? []) {
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

/** Memory for one XLSX parse: a school's list needs a few tens of megabytes; a bomb ends the worker, not the app. */
const XLSX_WORKER_LIMITS = { maxOldGenerationSizeMb: 384, maxYoungGenerationSizeMb: 48 };

/** The sheets (and the formula cells of each) of an XLSX, parsed in a worker thread under a memory limit. */
async function readXlsxInWorker(
  bytes: Buffer,
  fileName: string,
): Promise<{ sheets: readonly XlsxSheet[]; formulas: ReadonlyArray<readonly FormulaCell[]> }> {
  const workerData: XlsxWorkerData = { bytes: new Uint8Array(bytes), fileName };
  const worker = await startWorker(
    { importer: import.meta.url, file: './xlsxWorker.ts', bundled: () => import('./xlsxWorker?nodeWorker') },
    { workerData, resourceLimits: XLSX_WORKER_LIMITS },
  );
  const reply = await new Promise<XlsxReply>((resolve) => {
    worker.once('message', (message: XlsxReply) => resolve(message));
    worker.once('error', (error: Error & { code?: string }) =>
      resolve(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? { appError: { code: 'consent.file.xlsxTooLarge', params: { file: fileName, reason: 'memory' } } }
          : { error: errorText(error) },
      ),
    );
    worker.once('exit', () => resolve({ error: 'the reader stopped' }));
  });
  await worker.terminate();
  if ('appError' in reply) throw new AppError(reply.appError.code, reply.appError.params);
  if ('error' in reply)
    throw new AppError('consent.file.badXlsx', { file: fileName, detail: reply.error.slice(0, 200) });
  return reply;
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

export { formulaCells, type FormulaCell } from './xlsxFormulas';
