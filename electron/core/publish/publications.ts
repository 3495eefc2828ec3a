// The privacy officer's questions: where has this person been published, and which published files must come
// down after a withdrawal.
import type { PublicationView } from '../../../shared/ipc/publish';
import { toCsv } from '../csv';
import type { ReadableDb } from '../db';
import { publicationsOfPerson } from './repository';

export type Publication = PublicationView;

/** Every finished export in which this person was visible, newest first. Hidden appearances are not publications. */
export function wherePublished(db: ReadableDb, personId: number): Publication[] {
  return publicationsOfPerson(db, personId);
}

export interface TakedownQuery {
  readonly personId: number;
  /** Only publications on these channels (a withdrawal is per channel); every channel when absent or empty. */
  readonly channelIds?: readonly string[] | undefined;
}

/** The files that must come down: this person visible, on these channels, in any finished export. */
export function takedownList(db: ReadableDb, query: TakedownQuery): Publication[] {
  const rows = wherePublished(db, query.personId);
  const wanted = new Set(query.channelIds ?? []);
  return wanted.size > 0 ? rows.filter((row) => wanted.has(row.channelId)) : rows;
}

export function publicationsCsv(rows: readonly Publication[]): string {
  return toCsv(
    [
      'export_id',
      'channel',
      'publish_date',
      'school_year',
      'exported_at',
      'folder',
      'file',
      'file_sha256',
      'source_sha256',
      'consent_record_id',
    ],
    rows.map((row) => [
      row.exportId,
      row.channelId,
      row.publishDate,
      row.schoolYear,
      row.exportedAt,
      row.outDir,
      row.outputName,
      row.outputSha256,
      row.photoHash,
      row.consentRecordId,
    ]),
  );
}
