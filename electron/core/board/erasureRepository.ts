// SQL (PostgreSQL) of erasure on the board and of the privacy officer's question across the board: erase_person()
// (board migration 005: the privacy officer's only, in the caller's transaction) and where a person was published,
// photos and clips, in every export row-level security lets the user see.
import type { PublicationView } from '../../../shared/ipc/publish';
import type { BoardSql } from './connection';

export interface BoardErasureCounts {
  readonly pseudonym: string;
  readonly consentReasonsRemoved: number;
  readonly regionLinksUnlinked: number;
  readonly overrideReasonsRemoved: number;
  /** Events of the board's trail whose personal details were deleted. */
  readonly auditDetailsErased: readonly number[];
  /** Per laptop segment, the events whose personal details were deleted. */
  readonly segmentDetailsErased: ReadonlyArray<{ readonly segment: number; readonly seqs: readonly number[] }>;
}

/** Null when the person is not visible to this user or erased already. */
export async function erasePersonRows(sql: BoardSql, personId: number): Promise<BoardErasureCounts | null> {
  const { rows } = await sql.query<{ result: BoardErasureCounts | null }>(
    'SELECT fotowacht.erase_person($1) AS result',
    [personId],
  );
  const result = rows[0]?.result ?? null;
  if (!result) return null;
  return {
    ...result,
    auditDetailsErased: result.auditDetailsErased.map(Number),
    segmentDetailsErased: result.segmentDetailsErased.map((entry) => ({
      segment: Number(entry.segment),
      seqs: entry.seqs.map(Number),
    })),
  };
}

/** Every finished export file, photo or clip, in which the person was visible; newest first. */
export async function boardPublicationsOf(sql: BoardSql, personId: number): Promise<PublicationView[]> {
  const { rows } = await sql.query<PublicationView>(
    `SELECT * FROM (
       SELECT e.id::int AS "exportId", e.channel_id AS "channelId", e.publish_date::text AS "publishDate",
              e.school_year AS "schoolYear",
              to_char(e.finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "exportedAt",
              'board:' || e.workstation AS "outDir", i.output_name AS "outputName",
              i.output_sha256 AS "outputSha256", i.photo_hash AS "photoHash",
              v.consent_record_id::int AS "consentRecordId"
         FROM fotowacht.export_item_people v
         JOIN fotowacht.export_items i ON i.id = v.export_item_id AND i.state = 'done'
         JOIN fotowacht.exports e ON e.id = i.export_id AND e.state = 'done'
        WHERE v.person_id = $1
       UNION ALL
       SELECT e.id::int, e.channel_id, e.publish_date::text, e.school_year,
              to_char(e.finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              'board:' || e.workstation, c.output_name, c.output_sha256, c.video_hash, v.consent_record_id::int
         FROM fotowacht.export_clip_people v
         JOIN fotowacht.export_clips c ON c.id = v.export_clip_id AND c.state = 'done'
         JOIN fotowacht.exports e ON e.id = c.export_id AND e.state = 'done'
        WHERE v.person_id = $1
     ) found ORDER BY "exportedAt" DESC, "outputName"`,
    [personId],
  );
  return rows;
}

/** The seqs of laptop segments' events whose personal details a sealed board erasure event says it deleted. */
export async function segmentErasures(sql: BoardSql): Promise<Map<number, Set<number>>> {
  const { rows } = await sql.query<{ details: string }>(
    "SELECT details FROM fotowacht.audit_events WHERE action = 'person.erased' AND details LIKE '%segmentDetailsErased%'",
  );
  const erased = new Map<number, Set<number>>();
  for (const row of rows) {
    const details = JSON.parse(row.details) as { segmentDetailsErased?: unknown };
    if (!Array.isArray(details.segmentDetailsErased)) continue;
    for (const entry of details.segmentDetailsErased as Array<{ segment?: unknown; seqs?: unknown }>) {
      if (typeof entry.segment !== 'number' || !Array.isArray(entry.seqs)) continue;
      const seqs = erased.get(entry.segment) ?? new Set<number>();
      for (const seq of entry.seqs) if (typeof seq === 'number') seqs.add(seq);
      erased.set(entry.segment, seqs);
    }
  }
  return erased;
}
