// SQL of the workstation's own record of which board registry copy it holds (local table board_snapshot).
import type { ReadableDb, WritableDb } from '../db';

export interface SnapshotRow {
  readonly refreshedAt: string;
  readonly contentHash: string;
  readonly user: string;
  readonly schoolId: number;
  readonly schoolCode: string;
  readonly registryVersion: number;
  readonly counts: Readonly<Record<string, number>>;
}

export function readSnapshotRow(db: ReadableDb): SnapshotRow | null {
  const row = db
    .prepare(
      `SELECT refreshed_at AS refreshedAt, content_hash AS contentHash, board_user AS user, school_id AS schoolId,
         school_code AS schoolCode, registry_version AS registryVersion, counts FROM board_snapshot WHERE id = 1`,
    )
    .get() as (Omit<SnapshotRow, 'counts'> & { counts: string }) | undefined;
  return row ? { ...row, counts: JSON.parse(row.counts) as Record<string, number> } : null;
}

export function writeSnapshotRow(db: WritableDb, row: Readonly<SnapshotRow>): void {
  db.prepare(
    `INSERT INTO board_snapshot (id, refreshed_at, content_hash, board_user, school_id, school_code, registry_version,
       counts) VALUES (1, @refreshedAt, @contentHash, @user, @schoolId, @schoolCode, @registryVersion, @counts)
     ON CONFLICT (id) DO UPDATE SET refreshed_at = excluded.refreshed_at, content_hash = excluded.content_hash,
       board_user = excluded.board_user, school_id = excluded.school_id, school_code = excluded.school_code,
       registry_version = excluded.registry_version, counts = excluded.counts`,
  ).run({ ...row, counts: JSON.stringify(row.counts) });
}
