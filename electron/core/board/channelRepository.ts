// SQL (PostgreSQL) of a school's channels on the board: added, renamed, retired, deleted when nothing refers to them.
// Grants and row-level security decide who may (board migrations 001 and 005: the school's administrator and the
// board's privacy officer; communications staff only read).
import type { BoardSql } from './connection';

export async function insertBoardChannel(
  sql: BoardSql,
  schoolId: number,
  channel: Readonly<{ id: string; labelNl: string; labelEn: string; exportLongSide: number | null }>,
): Promise<void> {
  await sql.query(
    `INSERT INTO fotowacht.channels (school_id, id, label_nl, label_en, export_long_side, sort_order)
     VALUES ($1, $2, $3, $4, $5,
       (SELECT coalesce(max(sort_order), 0) + 1 FROM fotowacht.channels WHERE school_id = $1))`,
    [schoolId, channel.id, channel.labelNl, channel.labelEn, channel.exportLongSide],
  );
}

/** The number of rows changed (0: not this user's school's channel). */
export async function updateBoardChannelLabels(
  sql: BoardSql,
  schoolId: number,
  id: string,
  labelNl: string,
  labelEn: string,
): Promise<number> {
  const result = await sql.query(
    'UPDATE fotowacht.channels SET label_nl = $3, label_en = $4 WHERE school_id = $1 AND id = $2',
    [schoolId, id, labelNl, labelEn],
  );
  return result.rowCount ?? 0;
}

export async function updateBoardChannelRetired(
  sql: BoardSql,
  schoolId: number,
  id: string,
  retired: boolean,
): Promise<number> {
  const result = await sql.query(
    `UPDATE fotowacht.channels SET retired_at = CASE WHEN $3 THEN now() ELSE NULL END
      WHERE school_id = $1 AND id = $2`,
    [schoolId, id, retired],
  );
  return result.rowCount ?? 0;
}

/** 'inUse' when a consent version or an export refers to it (its foreign keys refuse; the channel stays). */
export async function deleteBoardChannel(sql: BoardSql, schoolId: number, id: string): Promise<'deleted' | 'inUse'> {
  await sql.query('SAVEPOINT delete_channel');
  try {
    await sql.query('DELETE FROM fotowacht.channels WHERE school_id = $1 AND id = $2', [schoolId, id]);
    await sql.query('RELEASE SAVEPOINT delete_channel');
    return 'deleted';
  } catch (error) {
    await sql.query('ROLLBACK TO SAVEPOINT delete_channel');
    if ((error as { code?: unknown }).code === '23503') return 'inUse';
    throw error;
  }
}
