// SQL that reads one school's registry from the board for the workstation's copy (snapshot.ts), in the shape of the
// local tables: text times in the local registry's ISO form, ids as numbers, mappings as canonical JSON.
import { canonicalJson } from '../../../shared/canonicalJson';
import type { JsonValue } from '../../../shared/types';
import type {
  CopiedChannel,
  CopiedImport,
  CopiedImportPerson,
  CopiedPerson,
  CopiedReason,
  CopiedRecord,
  RegistryCopy,
} from '../consent';
import type { BoardSql } from './connection';

/** A timestamptz as JavaScript's toISOString writes it (the local registry's form). */
const iso = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// The columns of each copied list, in the copy's shape and field order (registryHash relies on the order). The
// writes return their rows with the same lists, so the copy can take them over without reading the registry again.

/** A person's columns; `table` qualifies them where a statement joins another row source of the same names. */
export const copiedPersonColumns = (table = ''): string =>
  `${table}id::int AS id, ${table}kind, ${table}external_key AS "externalKey", ${table}roepnaam,
   ${table}voornamen, ${table}tussenvoegsel, ${table}achternaam, ${table}class_name AS "className",
   ${table}birth_date::text AS "birthDate", ${table}pseudonym, ${table}protected,
   ${iso(`${table}erased_at`)} AS "erasedAt", ${iso(`${table}created_at`)} AS "createdAt",
   ${iso(`${table}updated_at`)} AS "updatedAt"`;

export const COPIED_IMPORT_COLUMNS = `id::int AS id, school_year AS "schoolYear", file_name AS "fileName",
  file_sha256 AS "fileSha256", mapping, counts, actor, ${iso('imported_at')} AS "importedAt"`;

export const COPIED_IMPORT_PERSON_COLUMNS = `import_id::int AS "importId", person_id::int AS "personId",
  row_number AS "rowNumber"`;

export const COPIED_RECORD_COLUMNS = `id::int AS id, person_id::int AS "personId", school_year AS "schoolYear",
  channel_id AS "channelId", version, status, signed_by AS "signedBy", signed_on AS "signedOn",
  effective_from AS "effectiveFrom", source, import_id::int AS "importId", actor, ${iso('recorded_at')} AS "recordedAt"`;

/** An import as the board returns it (mapping and counts as JSON values). */
export type BoardImportRow = Omit<CopiedImport, 'mapping' | 'counts'> & { mapping: JsonValue; counts: JsonValue };

/** The copy's form of an import: mapping and counts as canonical JSON, as the local registry keeps them. */
export const copiedImport = (row: Readonly<BoardImportRow>): CopiedImport => ({
  ...row,
  mapping: canonicalJson(row.mapping),
  counts: canonicalJson(row.counts),
});

/** One snapshot for the whole read: what other workstations commit meanwhile is not half seen. */
export async function beginRegistryRead(sql: BoardSql): Promise<void> {
  await sql.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
}

export async function endRegistryRead(sql: BoardSql): Promise<void> {
  await sql.query('COMMIT');
}

export interface VisibleSchool {
  readonly id: number;
  readonly code: string;
  readonly version: number;
}

/** The schools the signed-in user sees (row-level security decides), with their registry versions. */
export async function visibleSchools(sql: BoardSql): Promise<VisibleSchool[]> {
  const { rows } = await sql.query<{ id: number; code: string; version: string }>(
    `SELECT s.id::int AS id, s.code, coalesce(v.version, 0)::text AS version
       FROM fotowacht.schools s LEFT JOIN fotowacht.registry_versions v ON v.school_id = s.id ORDER BY s.code`,
  );
  return rows.map((row) => ({ id: row.id, code: row.code, version: Number(row.version) }));
}

/** The school's channels and, for those who may read them, the reasons of its versions. */
export async function readChannelsAndReasons(
  sql: BoardSql,
  schoolId: number,
): Promise<{ channels: CopiedChannel[]; reasons: CopiedReason[] }> {
  const channels = await sql.query<CopiedChannel>(
    `SELECT id, label_nl AS "labelNl", label_en AS "labelEn", sort_order AS "sortOrder",
            export_long_side AS "exportLongSide", ${iso('created_at')} AS "createdAt", ${iso('retired_at')} AS "retiredAt"
       FROM fotowacht.channels WHERE school_id = $1 ORDER BY sort_order, id`,
    [schoolId],
  );
  // The free-text reasons only for those who may read them (not communications staff).
  const mayReadReasons = await sql.query<{ may: boolean }>(
    "SELECT has_table_privilege('fotowacht.consent_reasons', 'SELECT') AS may",
  );
  const reasons = mayReadReasons.rows[0]?.may
    ? (
        await sql.query<CopiedReason>(
          `SELECT record_id::int AS "recordId", reason FROM fotowacht.consent_reasons WHERE school_id = $1
            ORDER BY record_id`,
          [schoolId],
        )
      ).rows
    : [];
  return { channels: channels.rows, reasons };
}

/** The school's registry version as this transaction sees it. */
export async function registryVersion(sql: BoardSql, schoolId: number): Promise<number> {
  const { rows } = await sql.query<{ version: string }>(
    'SELECT version::text AS version FROM fotowacht.registry_versions WHERE school_id = $1',
    [schoolId],
  );
  return Number(rows[0]?.version ?? 0);
}

export async function readSchoolRegistry(sql: BoardSql, schoolId: number): Promise<RegistryCopy> {
  const people = await sql.query<CopiedPerson>(
    `SELECT ${copiedPersonColumns()} FROM fotowacht.people WHERE school_id = $1 ORDER BY id`,
    [schoolId],
  );
  const imports = await sql.query<BoardImportRow>(
    `SELECT ${COPIED_IMPORT_COLUMNS} FROM fotowacht.consent_imports WHERE school_id = $1 ORDER BY id`,
    [schoolId],
  );
  const importPeople = await sql.query<CopiedImportPerson>(
    `SELECT ${COPIED_IMPORT_PERSON_COLUMNS} FROM fotowacht.consent_import_people WHERE school_id = $1
      ORDER BY import_id, person_id`,
    [schoolId],
  );
  const records = await sql.query<CopiedRecord>(
    `SELECT ${COPIED_RECORD_COLUMNS} FROM fotowacht.consent_records WHERE school_id = $1 ORDER BY id`,
    [schoolId],
  );
  const { channels, reasons } = await readChannelsAndReasons(sql, schoolId);
  return {
    people: people.rows,
    channels,
    imports: imports.rows.map(copiedImport),
    importPeople: importPeople.rows,
    records: records.rows,
    reasons,
  };
}
