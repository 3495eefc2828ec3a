// SQL of the laptop trails a board took in (board migration 004): the segments, their events and personal details,
// the map from a laptop's ids to the board's, and the board trail's events that sealed them.
import { BATCH, insertRows } from './batchRepository';
import type { BoardSql } from './connection';

export interface SegmentRow {
  readonly id: number;
  readonly schoolId: number;
  readonly schoolCode: string;
  readonly firstHash: string;
  readonly lastSeq: number;
  readonly lastHash: string;
  readonly eventCount: number;
  readonly migratedBy: string;
  readonly migratedAt: string;
}

const SELECT_SEGMENT = `SELECT g.id::int AS id, g.school_id::int AS "schoolId", s.code AS "schoolCode",
    g.first_hash AS "firstHash", g.last_seq::int AS "lastSeq", g.last_hash AS "lastHash",
    g.event_count::int AS "eventCount", g.migrated_by AS "migratedBy", g.migrated_at::text AS "migratedAt"
  FROM fotowacht.laptop_segments g JOIN fotowacht.schools s ON s.id = g.school_id`;

/** Segments whose trail starts with this event (the user sees only their schools'). */
export async function segmentsByFirstHash(sql: BoardSql, firstHash: string): Promise<SegmentRow[]> {
  const { rows } = await sql.query<SegmentRow>(`${SELECT_SEGMENT} WHERE g.first_hash = $1 ORDER BY g.id`, [firstHash]);
  return rows;
}

export async function segmentById(sql: BoardSql, id: number): Promise<SegmentRow | null> {
  const { rows } = await sql.query<SegmentRow>(`${SELECT_SEGMENT} WHERE g.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function listSegments(sql: BoardSql): Promise<SegmentRow[]> {
  const { rows } = await sql.query<SegmentRow>(`${SELECT_SEGMENT} ORDER BY g.id`);
  return rows;
}

export async function insertSegment(
  sql: BoardSql,
  segment: {
    readonly schoolId: number;
    readonly firstHash: string;
    readonly lastSeq: number;
    readonly lastHash: string;
    readonly counts: Readonly<Record<string, number>>;
  },
): Promise<number> {
  const { rows } = await sql.query<{ id: number }>(
    `INSERT INTO fotowacht.laptop_segments (school_id, first_hash, last_seq, last_hash, event_count, counts)
     VALUES ($1, $2, $3, $4, $3, $5) RETURNING id::int AS id`,
    [segment.schoolId, segment.firstHash, segment.lastSeq, segment.lastHash, JSON.stringify(segment.counts)],
  );
  return rows[0]!.id;
}

export interface SegmentEventRow {
  readonly seq: number;
  readonly at: string;
  readonly actor_os: string;
  readonly actor_name: string;
  readonly action: string;
  readonly subject: string;
  readonly details: string;
  readonly prev_hash: string;
  readonly hash: string;
  readonly personal_salt: string | null;
  readonly personal_details: string | null;
  readonly personal_about: string | null;
}

export async function insertSegmentEvents(
  sql: BoardSql,
  schoolId: number,
  segmentId: number,
  events: readonly SegmentEventRow[],
): Promise<void> {
  await insertRows(
    sql,
    'laptop_segment_events',
    [
      ['school_id', 'bigint'],
      ['segment_id', 'bigint'],
      ['seq', 'bigint'],
      ['at', 'text'],
      ['actor_os', 'text'],
      ['actor_name', 'text'],
      ['action', 'text'],
      ['subject', 'text'],
      ['details', 'text'],
      ['prev_hash', 'text'],
      ['hash', 'text'],
    ],
    events.map((e) => [
      schoolId,
      segmentId,
      e.seq,
      e.at,
      e.actor_os,
      e.actor_name,
      e.action,
      e.subject,
      e.details,
      e.prev_hash,
      e.hash,
    ]),
  );
  const personal = events.filter((e) => e.personal_salt !== null && e.personal_details !== null);
  for (let start = 0; start < personal.length; start += BATCH) {
    const batch = personal.slice(start, start + BATCH);
    await sql.query(
      `INSERT INTO fotowacht.laptop_segment_personal (school_id, segment_id, seq, salt, details, about)
       SELECT $1, $2, seq, salt, details, coalesce(string_to_array(about, ','), '{}')
         FROM unnest($3::bigint[], $4::text[], $5::text[], $6::text[]) AS t(seq, salt, details, about)`,
      [
        schoolId,
        segmentId,
        batch.map((e) => e.seq),
        batch.map((e) => e.personal_salt),
        batch.map((e) => e.personal_details),
        batch.map((e) => e.personal_about),
      ],
    );
  }
}

/** A segment's events with their personal details, oldest first after `afterSeq` (keyset paging). */
export async function segmentEventPage(
  sql: BoardSql,
  segmentId: number,
  afterSeq: number,
  limit: number,
): Promise<SegmentEventRow[]> {
  const { rows } = await sql.query<SegmentEventRow & { seq: string }>(
    `SELECT e.seq::text AS seq, e.at, e.actor_os, e.actor_name, e.action, e.subject, e.details, e.prev_hash, e.hash,
            p.salt AS personal_salt, p.details AS personal_details, array_to_string(p.about, ',') AS personal_about
       FROM fotowacht.laptop_segment_events e
       LEFT JOIN fotowacht.laptop_segment_personal p ON p.segment_id = e.segment_id AND p.seq = e.seq
      WHERE e.segment_id = $1 AND e.seq > $2 ORDER BY e.seq LIMIT $3`,
    [segmentId, afterSeq, limit],
  );
  return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
}

/** The board trail's events that sealed a segment (normally one). */
export async function segmentSeals(sql: BoardSql, segmentId: number): Promise<Array<{ seq: number; details: string }>> {
  const { rows } = await sql.query<{ seq: number; details: string }>(
    `SELECT seq::int AS seq, details FROM fotowacht.audit_events
      WHERE action = 'board.laptop.migrate' AND details::jsonb ->> 'segment' = $1::text ORDER BY seq`,
    [segmentId],
  );
  return rows;
}

export type IdKind = 'person' | 'consent_import' | 'consent_record' | 'export' | 'export_item';

export async function insertIdMap(
  sql: BoardSql,
  schoolId: number,
  segmentId: number,
  kind: IdKind,
  map: ReadonlyMap<number, number>,
): Promise<void> {
  const entries = [...map];
  await insertRows(
    sql,
    'laptop_id_map',
    [
      ['school_id', 'bigint'],
      ['segment_id', 'bigint'],
      ['kind', 'text'],
      ['laptop_id', 'bigint'],
      ['board_id', 'bigint'],
    ],
    entries.map(([laptop, board]) => [schoolId, segmentId, kind, laptop, board]),
  );
}

export async function readIdMap(sql: BoardSql, segmentId: number, kind: IdKind): Promise<Map<number, number>> {
  const { rows } = await sql.query<{ laptop: string; board: string }>(
    `SELECT laptop_id::text AS laptop, board_id::text AS board FROM fotowacht.laptop_id_map
      WHERE segment_id = $1 AND kind = $2`,
    [segmentId, kind],
  );
  return new Map(rows.map((row) => [Number(row.laptop), Number(row.board)]));
}
