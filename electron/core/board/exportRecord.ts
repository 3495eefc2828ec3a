// An export as the board records it: the export, its items and clips, who was visible in each file on which consent
// version, and the links of regions to people the decisions relied on. Written in one transaction with the export's
// event on the board's trail — right after the export when the server is there, or when the outbox goes up for an export
// made on a snapshot.
import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { Box } from '../../../shared/geometry';
import { insertBoardExportClip, type BoardExportClipRow } from './clipRecordRepository';
import type { BoardSql } from './connection';
import {
  insertBoardExport,
  insertBoardExportItem,
  schoolIdByCode,
  upsertRegionLink,
  type BoardExportItemRow,
} from './recordsRepository';

/** The copy of the registry a decision read: when it was refreshed, its content hash, and for which user. */
export interface SnapshotMark {
  readonly refreshedAt: string;
  readonly hash: string;
  readonly user: string;
}

export interface BoardExportRecord {
  readonly schoolCode: string;
  readonly localExportId: number;
  readonly channelId: string;
  readonly publishDate: string;
  readonly schoolYear: string;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly manifestSha256: string;
  readonly items: readonly BoardExportItemRow[];
  /** The export's clips (absent in a record queued before clips were recorded on the board). */
  readonly clips?: readonly BoardExportClipRow[] | undefined;
  readonly regionLinks: ReadonlyArray<{
    readonly photoHash: string;
    readonly regionKey: string;
    readonly personId: number;
  }>;
  /** The copy the decisions read; null only for an export recorded before any copy was made. */
  readonly snapshot: SnapshotMark | null;
  /** Whether the server could not be reached and the user allowed the snapshot (the export went up later). */
  readonly offline: boolean;
}

/**
 * A region's key on the board: the same on every workstation that indexed the same photo (by source, namespace and
 * box, or for a name without a box by a hash of the name) — never a local row id, and no name in clear.
 */
export function regionKey(region: {
  readonly source: string;
  readonly namespace: string;
  readonly box: Box | null;
  readonly name: string;
}): string {
  const where = region.box
    ? [region.box.x, region.box.y, region.box.w, region.box.h].map((value) => value.toFixed(4)).join(',')
    : `name:${createHash('sha256').update(region.name.normalize('NFC').trim().toLowerCase()).digest('hex').slice(0, 24)}`;
  return `${region.source}/${region.namespace}/${where}`;
}

/** Inserts the export, its items and people, and its region links; returns the board's export id. */
export async function insertExportRecord(
  sql: BoardSql,
  workstation: string,
  record: Readonly<BoardExportRecord>,
): Promise<number> {
  const schoolId = await schoolIdByCode(sql, record.schoolCode);
  if (schoolId === null) throw new AppError('board.schoolUnknown', { code: record.schoolCode });
  const exportId = await insertBoardExport(sql, {
    schoolId,
    channelId: record.channelId,
    publishDate: record.publishDate,
    schoolYear: record.schoolYear,
    workstation,
    settings: {
      ...record.settings,
      localExportId: record.localExportId,
      snapshot: record.snapshot,
      offline: record.offline,
    },
    state: 'done',
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    manifestSha256: record.manifestSha256,
  });
  for (const item of record.items) await insertBoardExportItem(sql, schoolId, exportId, item);
  for (const clip of record.clips ?? []) await insertBoardExportClip(sql, schoolId, exportId, clip);
  for (const link of record.regionLinks) await upsertRegionLink(sql, link, schoolId);
  return exportId;
}
