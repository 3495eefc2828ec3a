// The XLSX reader's worker thread (started by source.ts, one per file): a spreadsheet is inflated and parsed here,
// under a memory limit, so that a hostile file can at worst end this thread — never the app's main process.
import { parentPort, workerData } from 'node:worker_threads';
import readXlsxFile from 'read-excel-file/node';
import { AppError, type SerializedError } from '../../../shared/errors';
import { errorText } from '../workers';
import { formulaCells, type FormulaCell } from './xlsxFormulas';
import { checkInflatedSizes } from './zipBounds';

export interface XlsxWorkerData {
  readonly bytes: Uint8Array;
  readonly fileName: string;
}

export interface XlsxSheet {
  readonly sheet: string;
  readonly data: readonly (readonly unknown[])[];
}

export type XlsxReply =
  | { readonly sheets: readonly XlsxSheet[]; readonly formulas: ReadonlyArray<readonly FormulaCell[]> }
  | { readonly appError: SerializedError }
  | { readonly error: string };

if (!parentPort) throw new Error('xlsxWorker.ts runs only as a worker thread');
const port = parentPort;
const { bytes, fileName } = workerData as XlsxWorkerData;

async function read(): Promise<XlsxReply> {
  try {
    checkInflatedSizes(bytes, fileName);
    const sheets = await readXlsxFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return {
      sheets: sheets.map((sheet) => ({ sheet: sheet.sheet, data: sheet.data })),
      formulas: sheets.map((_, index) => formulaCells(bytes, index)),
    };
  } catch (error) {
    if (error instanceof AppError) return { appError: error.toJSON() };
    return { error: errorText(error).slice(0, 200) };
  }
}

void read().then((reply) => port.postMessage(reply));
