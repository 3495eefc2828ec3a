// SQL of the writes to a school's registry on the board (registryWrites.ts): many rows in one statement each
// (jsonb_to_recordset, or unnest of one array per column for the many versions of an import), so a list of 2,000
// pupils is a handful of round trips. The import's writes return their rows in the copy's shape, so the workstation's
// copy takes them over without reading the school's registry again. Row-level security and the grants decide
// whether the signed-in user may write them at all.
import type { ConsentStatus, ImportPersonKind, Signer } from '../../../shared/consent';
import type { JsonValue } from '../../../shared/types';
import type { CopiedImport, CopiedImportPerson, CopiedPerson, CopiedRecord } from '../consent';
import type { BoardSql } from './connection';
import {
  COPIED_IMPORT_COLUMNS,
  COPIED_IMPORT_PERSON_COLUMNS,
  COPIED_RECORD_COLUMNS,
  copiedImport,
  copiedPersonColumns,
  type BoardImportRow as BoardImportCopy,
} from './registryReadRepository';

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

/** The import's row, as the copy holds it. */
export async function insertBoardImport(sql: BoardSql, row: Readonly<BoardImportRow>): Promise<CopiedImport> {
  const { rows } = await sql.query<BoardImportCopy>(
    `INSERT INTO fotowacht.consent_imports (school_id, school_year, file_name, file_sha256, mapping, counts, imported_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COPIED_IMPORT_COLUMNS}`,
    [row.schoolId, row.schoolYear, row.fileName, row.fileSha256, row.mapping, row.counts, row.at],
  );
  return copiedImport(rows[0]!);
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

/** New people of one kind, as the copy holds them (their ids and pseudonyms are the board's). */
export async function insertBoardPeople(
  sql: BoardSql,
  schoolId: number,
  kind: ImportPersonKind,
  people: readonly BoardPersonData[],
  at: string,
): Promise<CopiedPerson[]> {
  if (people.length === 0) return [];
  const { rows } = await sql.query<CopiedPerson>(
    `INSERT INTO fotowacht.people (school_id, kind, external_key, roepnaam, voornamen, tussenvoegsel, achternaam,
       class_name, birth_date, created_at, updated_at)
     SELECT $1, $2, x.key, x.roepnaam, x.voornamen, x.tussenvoegsel, x.achternaam, x."className", x."birthDate"::date,
       $4, $4
       FROM jsonb_to_recordset($3::jsonb) AS x (${PERSON_COLUMNS})
     RETURNING ${copiedPersonColumns()}`,
    [schoolId, kind, JSON.stringify(people), at],
  );
  return rows;
}

/** Changed names, classes and birth dates; the people as the copy holds them now. */
export async function updateBoardPeople(
  sql: BoardSql,
  schoolId: number,
  people: ReadonlyArray<BoardPersonData & { readonly id: number }>,
  at: string,
): Promise<CopiedPerson[]> {
  if (people.length === 0) return [];
  const { rows } = await sql.query<CopiedPerson>(
    `UPDATE fotowacht.people p SET roepnaam = x.roepnaam, voornamen = x.voornamen, tussenvoegsel = x.tussenvoegsel,
       achternaam = x.achternaam, class_name = x."className", birth_date = x."birthDate"::date, updated_at = $3
       FROM jsonb_to_recordset($2::jsonb) AS x (id bigint, ${PERSON_COLUMNS})
      WHERE p.id = x.id AND p.school_id = $1
     RETURNING ${copiedPersonColumns('p.')}`,
    [schoolId, JSON.stringify(people), at],
  );
  return rows;
}

export async function insertBoardImportPeople(
  sql: BoardSql,
  schoolId: number,
  importId: number,
  listed: ReadonlyArray<{ readonly personId: number; readonly rowNumber: number }>,
): Promise<CopiedImportPerson[]> {
  if (listed.length === 0) return [];
  const { rows } = await sql.query<CopiedImportPerson>(
    `INSERT INTO fotowacht.consent_import_people (school_id, import_id, person_id, row_number)
     SELECT $1, $2, x.person_id, x.row_number FROM unnest($3::bigint[], $4::int[]) AS x (person_id, row_number)
     RETURNING ${COPIED_IMPORT_PERSON_COLUMNS}`,
    [schoolId, importId, listed.map((row) => row.personId), listed.map((row) => row.rowNumber)],
  );
  return rows;
}

export interface BoardRecordRow {
  readonly personId: number;
  readonly channelId: string;
  readonly version: number;
  readonly status: ConsentStatus;
  readonly signedBy: Signer | null;
  readonly signedOn: string | null;
}

/**
 * An import's versions (their numbers planned on a copy that the registry lock shows is current), as the copy holds
 * them: one array per column, which the server unpacks faster than as many JSON objects.
 */
export async function insertBoardImportRecords(
  sql: BoardSql,
  target: { readonly schoolId: number; readonly schoolYear: string; readonly importId: number; readonly at: string },
  records: readonly BoardRecordRow[],
): Promise<CopiedRecord[]> {
  if (records.length === 0) return [];
  const { rows } = await sql.query<CopiedRecord>(
    `INSERT INTO fotowacht.consent_records (school_id, person_id, school_year, channel_id, version, status, signed_by,
       signed_on, effective_from, source, import_id)
     SELECT $1, x.person_id, $2, x.channel_id, x.version, x.status, x.signed_by, x.signed_on, $3, 'import', $4
       FROM unnest($5::bigint[], $6::text[], $7::int[], $8::text[], $9::text[], $10::text[])
         AS x (person_id, channel_id, version, status, signed_by, signed_on)
     RETURNING ${COPIED_RECORD_COLUMNS}`,
    [
      target.schoolId,
      target.schoolYear,
      target.at,
      target.importId,
      records.map((row) => row.personId),
      records.map((row) => row.channelId),
      records.map((row) => row.version),
      records.map((row) => row.status),
      records.map((row) => row.signedBy),
      records.map((row) => row.signedOn),
    ],
  );
  return rows;
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

/** Sets or clears the never-publish mark; the people changed, as the copy holds them (none: not this school's). */
export async function updateBoardProtected(
  sql: BoardSql,
  schoolId: number,
  personIds: readonly number[],
  isProtected: boolean,
  at: string,
): Promise<CopiedPerson[]> {
  if (personIds.length === 0) return [];
  const { rows } = await sql.query<CopiedPerson>(
    `UPDATE fotowacht.people SET protected = $3, updated_at = $4 WHERE school_id = $1 AND id = ANY ($2::bigint[])
     RETURNING ${copiedPersonColumns()}`,
    [schoolId, personIds, isProtected, at],
  );
  return rows;
}
