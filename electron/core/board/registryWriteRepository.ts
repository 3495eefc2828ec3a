// SQL of the writes to a school's registry on the board (registryWrites.ts): many rows in one statement each
// (jsonb_to_recordset), so a list of 2,000 pupils is a handful of round trips. Row-level security and the grants
// decide whether the signed-in user may write them at all.
import type { ConsentStatus, ImportPersonKind, Signer } from '../../../shared/consent';
import type { JsonValue } from '../../../shared/types';
import type { BoardSql } from './connection';

/** The school's registry lock until the transaction ends, and its version (null: a school this user cannot see). */
export async function lockRegistry(sql: BoardSql, schoolId: number): Promise<number | null> {
  const { rows } = await sql.query<{ version: string | null }>('SELECT fotowacht.lock_registry($1)::text AS version', [
    schoolId,
  ]);
  const version = rows[0]?.version;
  return version === null || version === undefined ? null : Number(version);
}

export interface BoardImportRow {
  readonly schoolId: number;
  readonly schoolYear: string;
  readonly fileName: string;
  readonly fileSha256: string;
  readonly mapping: JsonValue;
  readonly counts: JsonValue;
  readonly at: string;
}

export async function insertBoardImport(sql: BoardSql, row: Readonly<BoardImportRow>): Promise<number> {
  const { rows } = await sql.query<{ id: number }>(
    `INSERT INTO fotowacht.consent_imports (school_id, school_year, file_name, file_sha256, mapping, counts, imported_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id::int AS id`,
    [row.schoolId, row.schoolYear, row.fileName, row.fileSha256, row.mapping, row.counts, row.at],
  );
  return rows[0]!.id;
}

export interface BoardPersonData {
  readonly key: string;
  readonly roepnaam: string | null;
  readonly voornamen: string | null;
  readonly tussenvoegsel: string | null;
  readonly achternaam: string;
  readonly className: string | null;
  readonly birthDate: string | null;
}

const PERSON_COLUMNS = `key text, roepnaam text, voornamen text, tussenvoegsel text, achternaam text,
  "className" text, "birthDate" text`;

/** New people of one kind; their ids and pseudonyms by key. */
export async function insertBoardPeople(
  sql: BoardSql,
  schoolId: number,
  kind: ImportPersonKind,
  people: readonly BoardPersonData[],
  at: string,
): Promise<Map<string, { id: number; pseudonym: string }>> {
  const made = new Map<string, { id: number; pseudonym: string }>();
  if (people.length === 0) return made;
  const { rows } = await sql.query<{ id: number; key: string; pseudonym: string }>(
    `INSERT INTO fotowacht.people (school_id, kind, external_key, roepnaam, voornamen, tussenvoegsel, achternaam,
       class_name, birth_date, created_at, updated_at)
     SELECT $1, $2, x.key, x.roepnaam, x.voornamen, x.tussenvoegsel, x.achternaam, x."className", x."birthDate"::date,
       $4, $4
       FROM jsonb_to_recordset($3::jsonb) AS x (${PERSON_COLUMNS})
     RETURNING id::int AS id, external_key AS key, pseudonym`,
    [schoolId, kind, JSON.stringify(people), at],
  );
  for (const row of rows) made.set(row.key, { id: row.id, pseudonym: row.pseudonym });
  return made;
}

export async function updateBoardPeople(
  sql: BoardSql,
  schoolId: number,
  people: ReadonlyArray<BoardPersonData & { readonly id: number }>,
  at: string,
): Promise<number> {
  if (people.length === 0) return 0;
  const result = await sql.query(
    `UPDATE fotowacht.people p SET roepnaam = x.roepnaam, voornamen = x.voornamen, tussenvoegsel = x.tussenvoegsel,
       achternaam = x.achternaam, class_name = x."className", birth_date = x."birthDate"::date, updated_at = $3
       FROM jsonb_to_recordset($2::jsonb) AS x (id bigint, ${PERSON_COLUMNS})
      WHERE p.id = x.id AND p.school_id = $1`,
    [schoolId, JSON.stringify(people), at],
  );
  return result.rowCount ?? 0;
}

export async function insertBoardImportPeople(
  sql: BoardSql,
  schoolId: number,
  importId: number,
  listed: ReadonlyArray<{ readonly personId: number; readonly rowNumber: number }>,
): Promise<void> {
  if (listed.length === 0) return;
  await sql.query(
    `INSERT INTO fotowacht.consent_import_people (school_id, import_id, person_id, row_number)
     SELECT $1, $2, x."personId", x."rowNumber" FROM jsonb_to_recordset($3::jsonb) AS x ("personId" bigint, "rowNumber" int)`,
    [schoolId, importId, JSON.stringify(listed)],
  );
}

export interface BoardRecordRow {
  readonly personId: number;
  readonly channelId: string;
  readonly version: number;
  readonly status: ConsentStatus;
  readonly signedBy: Signer | null;
  readonly signedOn: string | null;
}

/** An import's versions (their numbers planned on a copy that the registry lock shows is current). */
export async function insertBoardImportRecords(
  sql: BoardSql,
  target: { readonly schoolId: number; readonly schoolYear: string; readonly importId: number; readonly at: string },
  records: readonly BoardRecordRow[],
): Promise<number> {
  if (records.length === 0) return 0;
  const result = await sql.query(
    `INSERT INTO fotowacht.consent_records (school_id, person_id, school_year, channel_id, version, status, signed_by,
       signed_on, effective_from, source, import_id)
     SELECT $1, x."personId", $2, x."channelId", x.version, x.status, x."signedBy", x."signedOn", $3, 'import', $4
       FROM jsonb_to_recordset($5::jsonb)
         AS x ("personId" bigint, "channelId" text, version int, status text, "signedBy" text, "signedOn" text)`,
    [target.schoolId, target.schoolYear, target.at, target.importId, JSON.stringify(records)],
  );
  return result.rowCount ?? 0;
}

export interface BoardOneRecord {
  readonly schoolId: number;
  readonly personId: number;
  readonly schoolYear: string;
  readonly channelId: string;
  readonly status: ConsentStatus;
  readonly signedBy: Signer | null;
  readonly signedOn: string | null;
  readonly effectiveFrom: string;
  readonly source: 'manual' | 'withdrawal';
  readonly reason: string;
}

/** One version after the newest (a manual change or a withdrawal) with its erasable reason; returns its id. */
export async function insertBoardRecord(sql: BoardSql, record: Readonly<BoardOneRecord>): Promise<number> {
  const { rows } = await sql.query<{ id: number }>(
    `INSERT INTO fotowacht.consent_records (school_id, person_id, school_year, channel_id, version, status, signed_by,
       signed_on, effective_from, source)
     VALUES ($1, $2, $3, $4, (SELECT coalesce(max(version), 0) + 1 FROM fotowacht.consent_records
       WHERE person_id = $2 AND school_year = $3 AND channel_id = $4), $5, $6, $7, $8, $9)
     RETURNING id::int AS id`,
    [
      record.schoolId,
      record.personId,
      record.schoolYear,
      record.channelId,
      record.status,
      record.signedBy,
      record.signedOn,
      record.effectiveFrom,
      record.source,
    ],
  );
  const id = rows[0]!.id;
  await sql.query('INSERT INTO fotowacht.consent_reasons (school_id, record_id, reason) VALUES ($1, $2, $3)', [
    record.schoolId,
    id,
    record.reason,
  ]);
  return id;
}

/** Sets or clears the never-publish mark; the number of people changed (0: not one of this school's). */
export async function updateBoardProtected(
  sql: BoardSql,
  schoolId: number,
  personIds: readonly number[],
  isProtected: boolean,
  at: string,
): Promise<number> {
  if (personIds.length === 0) return 0;
  const result = await sql.query(
    `UPDATE fotowacht.people SET protected = $3, updated_at = $4 WHERE school_id = $1 AND id = ANY ($2::bigint[])`,
    [schoolId, personIds, isProtected, at],
  );
  return result.rowCount ?? 0;
}
