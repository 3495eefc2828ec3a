// SQL of moving a laptop into a board (`fotowacht board migrate`): ids reserved from the board's sequences, the
// school's lock and key check, and the registry's, exports' and links' rows inserted many at a time. The laptop's
// trail as a segment and the id map: segmentRepository.ts.
import { insertRows, type Column } from './batchRepository';
import type { BoardSql } from './connection';

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
