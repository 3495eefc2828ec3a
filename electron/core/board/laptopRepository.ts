// SQL of moving a laptop into a board (`fotowacht board migrate`): ids reserved from the board's sequences, rows
// inserted many at a time (unnest of one array per column), the laptop's trail as a segment, and the id map.
import type { BoardSql } from './connection';

/** One column of a batch insert: its name and PostgreSQL type. */
type Column = readonly [name: string, type: string];

const BATCH = 5000;

/**
 * Inserts rows in batches, one array parameter per column. `overriding`: the rows bring their own ids, reserved
 * beforehand from the table's identity sequence (so the laptop's id → board id map is known without guessing).
 */
async function insertRows(
  sql: BoardSql,
  table: string,
  columns: readonly Column[],
  rows: readonly (readonly unknown[])[],
  options: { readonly overriding?: boolean; readonly onConflict?: string } = {},
): Promise<number> {
  let inserted = 0;
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const arrays = columns.map((_, index) => batch.map((row) => row[index] ?? null));
    const { rowCount } = await sql.query(
      `INSERT INTO fotowacht.${table} (${columns.map(([name]) => name).join(', ')})
       ${options.overriding ? 'OVERRIDING SYSTEM VALUE' : ''}
       SELECT * FROM unnest(${columns.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ')})
       ${options.onConflict ?? ''}`,
      arrays,
    );
    inserted += rowCount ?? 0;
  }
  return inserted;
}

/** `count` new ids of a table's identity column, in order. */
export async function reserveIds(sql: BoardSql, table: string, count: number): Promise<number[]> {
  if (count === 0) return [];
  const { rows } = await sql.query<{ id: string }>(
    `SELECT nextval(pg_get_serial_sequence($1, 'id'))::text AS id FROM generate_series(1, $2)`,
    [`fotowacht.${table}`, count],
  );
  return rows.map((row) => Number(row.id));
}

/**
 * Holds the school's registry lock (board migration 002) until the transaction ends: importers and a second laptop
 * of the school wait for the move, then see it.
 */
export async function lockSchoolMigration(sql: BoardSql, schoolId: number): Promise<void> {
  await sql.query('SELECT fotowacht.lock_registry($1)', [schoolId]);
}

export async function findSchool(sql: BoardSql, code: string): Promise<{ id: number; code: string } | null> {
  const { rows } = await sql.query<{ id: number; code: string }>(
    'SELECT id::int AS id, code FROM fotowacht.schools WHERE code = $1',
    [code],
  );
  return rows[0] ?? null;
}

/** The school's people whose kind and key the laptop also has: how many, and a few of the keys. */
export async function peopleWithKeys(
  sql: BoardSql,
  schoolId: number,
  people: ReadonlyArray<{ readonly kind: string; readonly key: string }>,
): Promise<{ count: number; keys: string[] }> {
  if (people.length === 0) return { count: 0, keys: [] };
  const { rows } = await sql.query<{ count: number; keys: string[] }>(
    `SELECT count(*)::int AS count, (array_agg(p.external_key ORDER BY p.external_key))[1:5] AS keys
       FROM fotowacht.people p JOIN unnest($2::text[], $3::text[]) AS l(kind, key)
         ON p.kind = l.kind AND p.external_key = l.key
      WHERE p.school_id = $1`,
    [schoolId, people.map((p) => p.kind), people.map((p) => p.key)],
  );
  return { count: rows[0]?.count ?? 0, keys: rows[0]?.keys ?? [] };
}

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

// ---------------------------------------------------------------- the registry, exports and links

const PEOPLE_COLUMNS: readonly Column[] = [
  ['id', 'bigint'],
  ['school_id', 'bigint'],
  ['kind', 'text'],
  ['external_key', 'text'],
  ['roepnaam', 'text'],
  ['voornamen', 'text'],
  ['tussenvoegsel', 'text'],
  ['achternaam', 'text'],
  ['class_name', 'text'],
  ['birth_date', 'date'],
  ['pseudonym', 'text'],
  ['erased_at', 'timestamptz'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
  ['protected', 'boolean'],
];

export async function insertPeople(sql: BoardSql, rows: readonly (readonly unknown[])[]): Promise<number> {
  return insertRows(sql, 'people', PEOPLE_COLUMNS, rows, { overriding: true });
}

/** The laptop's channels the school does not have yet (a channel the school has keeps the board's labels). */
export async function insertChannels(sql: BoardSql, rows: readonly (readonly unknown[])[]): Promise<number> {
  return insertRows(
    sql,
    'channels',
    [
      ['school_id', 'bigint'],
      ['id', 'text'],
      ['label_nl', 'text'],
      ['label_en', 'text'],
      ['sort_order', 'int'],
      ['export_long_side', 'int'],
      ['created_at', 'timestamptz'],
      ['retired_at', 'timestamptz'],
    ],
    rows,
    { onConflict: 'ON CONFLICT (school_id, id) DO NOTHING' },
  );
}

export async function insertImports(sql: BoardSql, rows: readonly (readonly unknown[])[]): Promise<number> {
  return insertRows(
    sql,
    'consent_imports',
    [
      ['id', 'bigint'],
      ['school_id', 'bigint'],
      ['school_year', 'text'],
      ['file_name', 'text'],
      ['file_sha256', 'text'],
      ['mapping', 'jsonb'],
      ['counts', 'jsonb'],
      ['actor', 'text'],
      ['imported_at', 'timestamptz'],
    ],
    rows,
    { overriding: true },
  );
}

export async function insertImportPeople(sql: BoardSql, rows: readonly (readonly unknown[])[]): Promise<number> {
  return insertRows(
    sql,
    'consent_import_people',
    [
      ['school_id', 'bigint'],
      ['import_id', 'bigint'],
      ['person_id', 'bigint'],
      ['row_number', 'int'],
    ],
    rows,
  );
}

export async function insertRecords(sql: BoardSql, rows: readonly (readonly unknown[])[]): Promise<number> {
  return insertRows(
    sql,
    'consent_records',
    [
      ['id', 'bigint'],
      ['school_id', 'bigint'],
      ['person_id', 'bigint'],
      ['school_year', 'text'],
      ['channel_id', 'text'],
      ['version', 'int'],
      ['status', 'text'],
      ['signed_by', 'text'],
      ['signed_on', 'text'],
      ['effective_from', 'text'],
      ['source', 'text'],
      ['import_id', 'bigint'],
      ['actor', 'text'],
      ['recorded_at', 'timestamptz'],
    ],
    rows,
    { overriding: true },
  );
}

export async function insertReasons(sql: BoardSql, rows: readonly (readonly unknown[])[]): Promise<number> {
  return insertRows(
    sql,
    'consent_reasons',
    [
      ['school_id', 'bigint'],
      ['record_id', 'bigint'],
      ['reason', 'text'],
    ],
    rows,
  );
}

export async function insertExports(sql: BoardSql, rows: readonly (readonly unknown[])[]): Promise<number> {
  return insertRows(
    sql,
    'exports',
    [
      ['id', 'bigint'],
      ['school_id', 'bigint'],
      ['channel_id', 'text'],
      ['publish_date', 'date'],
      ['school_year', 'text'],
      ['workstation', 'text'],
      ['settings', 'jsonb'],
      ['state', 'text'],
      ['actor', 'text'],
      ['started_at', 'timestamptz'],
      ['finished_at', 'timestamptz'],
      ['manifest_sha256', 'text'],
    ],
    rows,
    { overriding: true },
  );
}

export async function insertExportItems(sql: BoardSql, rows: readonly (readonly unknown[])[]): Promise<number> {
  return insertRows(
    sql,
    'export_items',
    [
      ['id', 'bigint'],
      ['school_id', 'bigint'],
      ['export_id', 'bigint'],
      ['photo_hash', 'text'],
      ['output_name', 'text'],
      ['output_sha256', 'text'],
      ['decision', 'text'],
      ['override_reason', 'text'],
      ['hidden_count', 'int'],
      ['state', 'text'],
      ['error_code', 'text'],
      ['details', 'jsonb'],
    ],
    rows,
    { overriding: true },
  );
}

export async function insertExportItemPeople(sql: BoardSql, rows: readonly (readonly unknown[])[]): Promise<number> {
  return insertRows(
    sql,
    'export_item_people',
    [
      ['school_id', 'bigint'],
      ['export_item_id', 'bigint'],
      ['person_id', 'bigint'],
      ['consent_record_id', 'bigint'],
    ],
    rows,
  );
}

/** Links of regions to people; a region the board already has a link for keeps it (counted as skipped). */
export async function insertRegionLinks(sql: BoardSql, rows: readonly (readonly unknown[])[]): Promise<number> {
  return insertRows(
    sql,
    'region_links',
    [
      ['school_id', 'bigint'],
      ['photo_hash', 'text'],
      ['region_key', 'text'],
      ['person_id', 'bigint'],
    ],
    rows,
    { onConflict: 'ON CONFLICT (school_id, photo_hash, region_key) DO NOTHING' },
  );
}
