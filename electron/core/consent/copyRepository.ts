// SQL of the local copy of a board's registry (copy.ts): its identity check and its writes, with the board's ids.
import type { ReadableDb, WritableDb } from '../db';
import type { CopiedChannel, CopiedImport, CopiedImportPerson, CopiedPerson, CopiedReason, CopiedRecord } from './copy';

export interface LocalRegistryRows {
  readonly people: ReadonlyArray<readonly [number, string]>;
  /** Record id and 'person's pseudonym|year|channel|version|status'. */
  readonly records: ReadonlyArray<readonly [number, string]>;
  readonly imports: ReadonlyArray<readonly [number, string]>;
}

export function localRegistryRows(db: ReadableDb): LocalRegistryRows {
  return {
    people: db.prepare('SELECT id, pseudonym FROM people ORDER BY id').raw().all() as Array<[number, string]>,
    records: db
      .prepare(
        `SELECT r.id, p.pseudonym || '|' || r.school_year || '|' || r.channel_id || '|' || r.version || '|' || r.status
         FROM consent_records r JOIN people p ON p.id = r.person_id ORDER BY r.id`,
      )
      .raw()
      .all() as Array<[number, string]>,
    imports: db.prepare('SELECT id, file_sha256 FROM consent_imports ORDER BY id').raw().all() as Array<
      [number, string]
    >,
  };
}

/**
 * The copy's people, imports, their people and versions as JSON lists, each exactly as JSON.stringify writes the
 * board's read of them (fields, their order, the rows' order): SQLite writes the JSON, which spares making an object
 * of each of tens of thousands of rows only to hash them (registryHash in the board domain).
 */
export function localCopyJson(db: ReadableDb): {
  people: string;
  imports: string;
  importPeople: string;
  records: string;
} {
  const list = (sql: string): string => db.prepare(sql).pluck().get() as string;
  return {
    people: list(
      `SELECT json_group_array(json_object('id', id, 'kind', kind, 'externalKey', external_key, 'roepnaam', roepnaam,
         'voornamen', voornamen, 'tussenvoegsel', tussenvoegsel, 'achternaam', achternaam, 'className', class_name,
         'birthDate', birth_date, 'pseudonym', pseudonym,
         'protected', json(CASE WHEN protected = 1 THEN 'true' ELSE 'false' END), 'erasedAt', erased_at,
         'createdAt', created_at, 'updatedAt', updated_at) ORDER BY id) FROM people`,
    ),
    imports: list(
      `SELECT json_group_array(json_object('id', id, 'schoolYear', school_year, 'fileName', file_name,
         'fileSha256', file_sha256, 'mapping', mapping, 'counts', counts, 'actor', actor, 'importedAt', imported_at)
         ORDER BY id) FROM consent_imports`,
    ),
    importPeople: list(
      `SELECT json_group_array(json_object('importId', import_id, 'personId', person_id, 'rowNumber', row_number)
         ORDER BY import_id, person_id) FROM consent_import_people`,
    ),
    records: list(
      `SELECT json_group_array(json_object('id', id, 'personId', person_id, 'schoolYear', school_year,
         'channelId', channel_id, 'version', version, 'status', status, 'signedBy', signed_by, 'signedOn', signed_on,
         'effectiveFrom', effective_from, 'source', source, 'importId', import_id, 'actor', actor,
         'recordedAt', recorded_at) ORDER BY id) FROM consent_records`,
    ),
  };
}

/** How many people, consent versions and imports the local registry holds. */
export function localRegistryCounts(db: ReadableDb): { people: number; records: number; imports: number } {
  return db
    .prepare(
      `SELECT (SELECT count(*) FROM people) AS people, (SELECT count(*) FROM consent_records) AS records,
         (SELECT count(*) FROM consent_imports) AS imports`,
    )
    .get() as { people: number; records: number; imports: number };
}

/** The copy's writes, prepared once; each returns how many rows it changed (0 when the row was already so). */
export interface CopyWriter {
  person(person: Readonly<CopiedPerson>): number;
  channel(channel: Readonly<CopiedChannel>): number;
  consentImport(row: Readonly<CopiedImport>): number;
  importPerson(row: Readonly<CopiedImportPerson>): number;
  record(record: Readonly<CopiedRecord>): number;
}

export function copyWriter(db: WritableDb): CopyWriter {
  const person = db.prepare(
    `INSERT INTO people (id, kind, external_key, roepnaam, voornamen, tussenvoegsel, achternaam, class_name,
       birth_date, pseudonym, protected, erased_at, created_at, updated_at)
     VALUES (@id, @kind, @externalKey, @roepnaam, @voornamen, @tussenvoegsel, @achternaam, @className, @birthDate,
       @pseudonym, @protected, @erasedAt, @createdAt, @updatedAt)
     ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, external_key = excluded.external_key,
       roepnaam = excluded.roepnaam, voornamen = excluded.voornamen, tussenvoegsel = excluded.tussenvoegsel,
       achternaam = excluded.achternaam, class_name = excluded.class_name, birth_date = excluded.birth_date,
       protected = excluded.protected, erased_at = excluded.erased_at, updated_at = excluded.updated_at
     WHERE people.kind IS NOT excluded.kind OR people.external_key IS NOT excluded.external_key
       OR people.roepnaam IS NOT excluded.roepnaam OR people.voornamen IS NOT excluded.voornamen
       OR people.tussenvoegsel IS NOT excluded.tussenvoegsel OR people.achternaam IS NOT excluded.achternaam
       OR people.class_name IS NOT excluded.class_name OR people.birth_date IS NOT excluded.birth_date
       OR people.protected IS NOT excluded.protected OR people.erased_at IS NOT excluded.erased_at
       OR people.updated_at IS NOT excluded.updated_at`,
  );
  const channel = db.prepare(
    `INSERT INTO channels (id, label_nl, label_en, sort_order, export_long_side, created_at, retired_at)
     VALUES (@id, @labelNl, @labelEn, @sortOrder, @exportLongSide, @createdAt, @retiredAt)
     ON CONFLICT (id) DO UPDATE SET label_nl = excluded.label_nl, label_en = excluded.label_en,
       sort_order = excluded.sort_order, export_long_side = excluded.export_long_side,
       created_at = excluded.created_at, retired_at = excluded.retired_at
     WHERE channels.label_nl IS NOT excluded.label_nl OR channels.label_en IS NOT excluded.label_en
       OR channels.sort_order IS NOT excluded.sort_order OR channels.export_long_side IS NOT excluded.export_long_side
       OR channels.created_at IS NOT excluded.created_at OR channels.retired_at IS NOT excluded.retired_at`,
  );
  const consentImport = db.prepare(
    `INSERT INTO consent_imports (id, school_year, file_name, file_sha256, mapping, counts, actor, imported_at)
     VALUES (@id, @schoolYear, @fileName, @fileSha256, @mapping, @counts, @actor, @importedAt)
     ON CONFLICT (id) DO NOTHING`,
  );
  const importPerson = db.prepare(
    `INSERT INTO consent_import_people (import_id, person_id, row_number) VALUES (@importId, @personId, @rowNumber)
     ON CONFLICT DO NOTHING`,
  );
  const record = db.prepare(
    `INSERT INTO consent_records (id, person_id, school_year, channel_id, version, status, signed_by, signed_on,
       effective_from, source, import_id, reason, actor, recorded_at)
     VALUES (@id, @personId, @schoolYear, @channelId, @version, @status, @signedBy, @signedOn, @effectiveFrom,
       @source, @importId, NULL, @actor, @recordedAt)
     ON CONFLICT (id) DO NOTHING`,
  );
  return {
    person: (row) => person.run({ ...row, protected: row.protected ? 1 : 0 }).changes,
    channel: (row) => channel.run(row).changes,
    consentImport: (row) => consentImport.run(row).changes,
    importPerson: (row) => importPerson.run(row).changes,
    record: (row) => record.run(row).changes,
  };
}

/**
 * Removes the channels not in `keep` that nothing refers to (a fresh database's defaults the board lacks); one a
 * local row still names (an export made here) is retired instead, so nothing new is done on it.
 */
export function deleteUnusedChannelsExcept(db: WritableDb, keep: readonly string[], at: string): number {
  const candidates = (db.prepare('SELECT id FROM channels ORDER BY id').pluck().all() as string[]).filter(
    (id) => !keep.includes(id),
  );
  let deleted = 0;
  for (const id of candidates) {
    try {
      deleted += db.prepare('DELETE FROM channels WHERE id = ?').run(id).changes;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY') throw error;
      deleted += db
        .prepare('UPDATE channels SET retired_at = ? WHERE id = ? AND retired_at IS NULL')
        .run(at, id).changes;
    }
  }
  return deleted;
}

/** Makes consent_reasons equal to the board's (a reason the board erased goes here too). Returns the rows changed. */
export function replaceReasonsOfCopy(db: WritableDb, reasons: readonly CopiedReason[]): number {
  const wanted = new Map(reasons.map((row) => [row.recordId, row.reason]));
  const local = db.prepare('SELECT record_id, reason FROM consent_reasons').raw().all() as Array<[number, string]>;
  let changed = 0;
  const remove = db.prepare('DELETE FROM consent_reasons WHERE record_id = ?');
  for (const [recordId, reason] of local) {
    if (wanted.get(recordId) === reason) wanted.delete(recordId);
    else changed += remove.run(recordId).changes;
  }
  const insert = db.prepare('INSERT INTO consent_reasons (record_id, reason) VALUES (?, ?)');
  for (const [recordId, reason] of wanted) changed += insert.run(recordId, reason).changes;
  return changed;
}
