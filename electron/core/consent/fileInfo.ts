// The first step of an import: read a list and propose how its columns map (for the mapping screen and the CLI).
import { currentSchoolYear } from '../../../shared/consent';
import { proposeMapping } from '../../../shared/consentImport';
import type { ConsentFileInfo } from '../../../shared/ipc/consent';
import type { ReadableDb } from '../db';
import { listChannels } from './channels';
import { readConsentList, type ConsentListSource } from './source';

const SAMPLE_DATA_ROWS = 5;

export function describeConsentList(db: ReadableDb, source: ConsentListSource): ConsentFileInfo {
  const proposedMapping = proposeMapping(source.rows, listChannels(db, { includeRetired: false }));
  const headerIndex = proposedMapping.headerRow - 1;
  return {
    fileName: source.fileName,
    fileSha256: source.sha256,
    format: source.format,
    encoding: source.encoding,
    delimiter: source.delimiter,
    sheetNames: source.sheetNames,
    sheet: source.sheet,
    rowCount: source.rows.length,
    headers: source.rows[headerIndex] ?? [],
    sampleRows: source.rows.slice(0, headerIndex + 1 + SAMPLE_DATA_ROWS),
    proposedMapping,
    schoolYear: currentSchoolYear(),
  };
}

export async function readConsentFileInfo(db: ReadableDb, filePath: string, sheet?: string): Promise<ConsentFileInfo> {
  return describeConsentList(db, await readConsentList(filePath, { sheet }));
}
