// The privacy officer's questions: where has this person been published, and which published files must come
// down after a withdrawal.
import type { PublicationView } from '../../../shared/ipc/publish';
import type { Db } from '../db/connection';
import { toCsv } from '../csv';

export type Publication = PublicationView;

const PUBLICATIONS = `
  SELECT e.id AS exportId, e.channel_id AS channelId, e.publish_date AS publishDate, e.school_year AS schoolYear,
         e.finished_at AS exportedAt, e.out_dir AS outDir, i.output_name AS outputName, i.output_sha256 AS outputSha256,
         i.photo_hash AS photoHash, p.consent_record_id AS consentRecordId
  FROM export_item_people p
  JOIN export_items i ON i.id = p.export_item_id AND i.state = 'done'
  JOIN exports e ON e.id = i.export_id AND e.state = 'done'
  WHERE p.person_id = ?`;

/** Every finished export in which this person was visible, newest first. Hidden appearances are not publications. */
export function wherePublished(db: Db, personId: number): Publication[] {
  return db.prepare(`${PUBLICATIONS} ORDER BY e.finished_at DESC, i.output_name`).all(personId) as Publication[];
}

export interface TakedownQuery {
  readonly personId: number;
  /** Only publications on these channels (a withdrawal is per channel); every channel when absent or empty. */
  readonly channelIds?: readonly string[] | undefined;
}

/** The files that must come down: this person visible, on these channels, in any finished export. */
export function takedownList(db: Db, query: TakedownQuery): Publication[] {
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
