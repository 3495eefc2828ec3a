// SQL of the consent domain's people, school years, channels and imports (consent_imports, consent_import_people).
// The consent records themselves: recordsRepository.ts. Rows stay in here; callers get shared/consent types.
import { canonicalJson } from '../../../shared/canonicalJson';
import { AppError } from '../../../shared/errors';
import type { Channel, ImportPersonKind, Person, PersonKind, SchoolYearId } from '../../../shared/consent';
import type { ConsentImportCounts, ConsentMapping } from '../../../shared/consentImport';
import type { JsonValue } from '../../../shared/types';
import type { ReadableDb, WritableDb } from '../db';

// ---------------------------------------------------------------- school years

export function insertSchoolYear(db: WritableDb, id: SchoolYearId, startsOn: string, endsOn: string): void {
  db.prepare('INSERT INTO school_years (id, starts_on, ends_on) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING').run(
    id,
    startsOn,
    endsOn,
  );
}

// ---------------------------------------------------------------- people

interface PersonRow {
  id: number;
  kind: PersonKind;
  external_key: string | null;
  roepnaam: string | null;
  voornamen: string | null;
  tussenvoegsel: string | null;
  achternaam: string;
  class_name: string | null;
  birth_date: string | null;
  protected: number;
  created_at: string;
  updated_at: string;
}

function toPerson(row: PersonRow): Person {
  return {
    id: row.id,
    kind: row.kind,
    externalKey: row.external_key,
    roepnaam: row.roepnaam,
    voornamen: row.voornamen,
    tussenvoegsel: row.tussenvoegsel,
    achternaam: row.achternaam,
    className: row.class_name,
    birthDate: row.birth_date,
    protected: row.protected === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Erasure: the people row becomes a pseudonymous shell (id, kind, pseudonym, dates) so consent records and exports
 * still point somewhere; the free-text reasons of their consent records are deleted. Returns how many reasons went.
 */
export function erasePersonRow(db: WritableDb, id: number, at: string): { readonly reasons: number } {
  const reasons = db
    .prepare('DELETE FROM consent_reasons WHERE record_id IN (SELECT id FROM consent_records WHERE person_id = ?)')
    .run(id).changes;
  db.prepare(
    `UPDATE people SET external_key = NULL, roepnaam = NULL, voornamen = NULL, tussenvoegsel = NULL, achternaam = '',
       class_name = NULL, birth_date = NULL, erased_at = ?, updated_at = ? WHERE id = ?`,
  ).run(at, at, id);
  return { reasons };
}

/** When the person was erased; null while they are not. */
export function personErasedAt(db: ReadableDb, id: number): string | null {
  return (db.prepare('SELECT erased_at FROM people WHERE id = ?').pluck().get(id) as string | null | undefined) ?? null;
}

/**
 * Pupils (not erased) whom no import of these school years listed, with the last import that did (null: never
 * listed by any import) — candidates for erasure after they left.
 */
export function pupilsNotListedIn(
  db: ReadableDb,
  schoolYears: readonly string[],
): Array<{ readonly id: number; readonly lastListedAt: string | null; readonly createdAt: string }> {
  const marks = schoolYears.map(() => '?').join(',');
  return db
    .prepare(
      `SELECT p.id, p.created_at AS createdAt,
         (SELECT max(i.imported_at) FROM consent_import_people ip JOIN consent_imports i ON i.id = ip.import_id
          WHERE ip.person_id = p.id) AS lastListedAt
       FROM people p
       WHERE p.kind = 'pupil' AND p.erased_at IS NULL AND NOT EXISTS (
         SELECT 1 FROM consent_import_people ip JOIN consent_imports i ON i.id = ip.import_id
         WHERE ip.person_id = p.id AND i.school_year IN (${marks}))
       ORDER BY p.id`,
    )
    .all(...schoolYears) as Array<{ id: number; lastListedAt: string | null; createdAt: string }>;
}

/** The random name the audit trail uses for a person (set by migration 003 and a trigger on every new row). */
export function pseudonymOf(db: ReadableDb, id: number): string {
  const pseudonym = db.prepare('SELECT pseudonym FROM people WHERE id = ?').pluck().get(id) as string | undefined;
  if (!pseudonym) throw new AppError('people.personUnknown', { person: id });
  return pseudonym;
}

export function findPerson(db: ReadableDb, id: number): Person | null {
  const row = db.prepare('SELECT * FROM people WHERE id = ?').get(id) as PersonRow | undefined;
  return row ? toPerson(row) : null;
}

/** A person whose key is `key` as written or in lower case (staff e-mail); without a kind, pupils first. */
export function findPersonByExternalKey(db: ReadableDb, key: string, kind?: ImportPersonKind): Person | null {
  const row = db
    .prepare(
      `SELECT * FROM people WHERE external_key IN (?, ?) AND (? IS NULL OR kind = ?)
       ORDER BY CASE kind WHEN 'pupil' THEN 0 ELSE 1 END LIMIT 1`,
    )
    .get(key, key.toLowerCase(), kind ?? null, kind ?? null) as PersonRow | undefined;
  return row ? toPerson(row) : null;
}

/** People of a class and/or kind (both optional), sorted by achternaam, roepnaam. */
export function selectPeople(
  db: ReadableDb,
  filter: { readonly className?: string | undefined; readonly kind?: PersonKind | undefined },
): Person[] {
  const rows = db
    .prepare(
      `SELECT * FROM people WHERE (? IS NULL OR class_name = ?) AND (? IS NULL OR kind = ?) AND erased_at IS NULL
       ORDER BY achternaam COLLATE NOCASE, roepnaam COLLATE NOCASE, id`,
    )
    .all(filter.className ?? null, filter.className ?? null, filter.kind ?? null, filter.kind ?? null) as PersonRow[];
  return rows.map(toPerson);
}

/** Everyone (or everyone of a kind) by id. */
export function selectAllPeople(db: ReadableDb, kind?: PersonKind): Person[] {
  const rows = db
    .prepare('SELECT * FROM people WHERE (? IS NULL OR kind = ?) AND erased_at IS NULL ORDER BY id')
    .all(kind ?? null, kind ?? null) as PersonRow[];
  return rows.map(toPerson);
}

export function selectClasses(db: ReadableDb): string[] {
  return db
    .prepare('SELECT DISTINCT class_name FROM people WHERE class_name IS NOT NULL ORDER BY class_name')
    .pluck()
    .all() as string[];
}

/**
 * Changes whenever a person is added or updated (people are never deleted): count, newest update, highest id.
 * For caches built over the whole people table, such as a name index.
 */
export function peopleFingerprint(db: ReadableDb): string {
  // The protected marks count too: marking someone must rebuild what decisions rest on, whatever the clock says.
  const state = db
    .prepare(
      'SELECT count(*) AS n, max(updated_at) AS at, max(id) AS id, total(protected) AS p, total(protected * id) AS pid FROM people',
    )
    .get() as { n: number; at: string | null; id: number | null; p: number; pid: number };
  return `${state.n}|${state.at ?? ''}|${state.id ?? 0}|${state.p}|${state.pid}`;
}

// ---------------------------------------------------------------- consent imports

/** What an import row writes about a person: the list's key and name parts. */
export interface ListedPersonData {
  readonly key: string;
  readonly roepnaam: string | null;
  readonly voornamen: string | null;
  readonly tussenvoegsel: string | null;
  readonly achternaam: string;
  readonly className: string | null;
  readonly birthDate: string | null;
}

export interface NewConsentImport {
  readonly schoolYear: SchoolYearId;
  readonly fileName: string;
  readonly fileSha256: string;
  readonly mapping: Readonly<ConsentMapping>;
  readonly counts: Readonly<ConsentImportCounts>;
  readonly actor: string;
  readonly importedAt: string;
}

export function insertConsentImport(db: WritableDb, input: NewConsentImport): number {
  return Number(
    db
      .prepare(
        `INSERT INTO consent_imports (school_year, file_name, file_sha256, mapping, counts, actor, imported_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.schoolYear,
        input.fileName,
        input.fileSha256,
        canonicalJson(input.mapping as unknown as JsonValue),
        canonicalJson(input.counts as unknown as JsonValue),
        input.actor,
        input.importedAt,
      ).lastInsertRowid,
  );
}

/** The newest import of a school year that listed this kind of people, if any. */
export function previousImportId(db: ReadableDb, schoolYear: SchoolYearId, kind: ImportPersonKind): number | null {
  const imports = db
    .prepare('SELECT id, mapping FROM consent_imports WHERE school_year = ? ORDER BY id DESC')
    .all(schoolYear) as Array<{ id: number; mapping: string }>;
  const found = imports.find((row) => (JSON.parse(row.mapping) as Partial<ConsentMapping>).personKind === kind);
  return found?.id ?? null;
}

/** The people an import listed, in the order of its rows. */
export function peopleListedBy(
  db: ReadableDb,
  importId: number,
): Array<{ readonly person: Person; readonly rowNumber: number }> {
  const rows = db
    .prepare(
      `SELECT p.*, ip.row_number FROM consent_import_people ip JOIN people p ON p.id = ip.person_id
       WHERE ip.import_id = ? ORDER BY ip.row_number`,
    )
    .all(importId) as Array<PersonRow & { row_number: number }>;
  return rows.map((row) => ({ person: toPerson(row), rowNumber: row.row_number }));
}

/** The writes of one import, prepared once for its many rows. */
export interface ImportWriter {
  insertPerson(kind: ImportPersonKind, data: Readonly<ListedPersonData>, at: string): number;
  updatePerson(id: number, data: Readonly<ListedPersonData>, at: string): void;
  /** Notes that the import listed a person on a row. */
  listPerson(importId: number, personId: number, rowNumber: number): void;
}

export function importWriter(db: WritableDb): ImportWriter {
  const insert = db.prepare(
    `INSERT INTO people (kind, external_key, roepnaam, voornamen, tussenvoegsel, achternaam, class_name, birth_date,
       created_at, updated_at)
     VALUES (@kind, @key, @roepnaam, @voornamen, @tussenvoegsel, @achternaam, @className, @birthDate, @at, @at)`,
  );
  const update = db.prepare(
    `UPDATE people SET roepnaam = @roepnaam, voornamen = @voornamen, tussenvoegsel = @tussenvoegsel,
       achternaam = @achternaam, class_name = @className, birth_date = @birthDate, updated_at = @at
     WHERE id = @id`,
  );
  const listed = db.prepare('INSERT INTO consent_import_people (import_id, person_id, row_number) VALUES (?, ?, ?)');
  const params = (data: Readonly<ListedPersonData>, at: string) => ({
    key: data.key,
    roepnaam: data.roepnaam,
    voornamen: data.voornamen,
    tussenvoegsel: data.tussenvoegsel,
    achternaam: data.achternaam,
    className: data.className,
    birthDate: data.birthDate,
    at,
  });
  return {
    insertPerson: (kind, data, at) => Number(insert.run({ ...params(data, at), kind }).lastInsertRowid),
    updatePerson: (id, data, at) => {
      update.run({ ...params(data, at), id });
    },
    listPerson: (importId, personId, rowNumber) => {
      listed.run(importId, personId, rowNumber);
    },
  };
}

// ---------------------------------------------------------------- channels

interface ChannelRow {
  id: string;
  label_nl: string;
  label_en: string;
  sort_order: number;
  export_long_side: number | null;
  created_at: string;
  retired_at: string | null;
  used: number;
}

const SELECT_CHANNELS = `
  SELECT c.*, EXISTS (SELECT 1 FROM consent_records r WHERE r.channel_id = c.id) AS used
  FROM channels c`;

function toChannel(row: ChannelRow): Channel {
  return {
    id: row.id,
    labelNl: row.label_nl,
    labelEn: row.label_en,
    sortOrder: row.sort_order,
    exportLongSide: row.export_long_side,
    createdAt: row.created_at,
    retiredAt: row.retired_at,
    used: row.used === 1,
  };
}

/** Every channel, retired ones too, in the order the form lists them. */
export function selectChannels(db: ReadableDb): Channel[] {
  return (db.prepare(`${SELECT_CHANNELS} ORDER BY c.sort_order, c.id`).all() as ChannelRow[]).map(toChannel);
}

export function findChannel(db: ReadableDb, id: string): Channel | null {
  const row = db.prepare(`${SELECT_CHANNELS} WHERE c.id = ?`).get(id) as ChannelRow | undefined;
  return row ? toChannel(row) : null;
}

export interface NewChannel {
  readonly id: string;
  readonly labelNl: string;
  readonly labelEn: string;
  readonly exportLongSide: number | null;
  readonly createdAt: string;
}

/** Adds a channel at the end of the form's order. */
export function insertChannel(db: WritableDb, input: NewChannel): void {
  db.prepare(
    `INSERT INTO channels (id, label_nl, label_en, sort_order, export_long_side, created_at)
     VALUES (?, ?, ?, (SELECT coalesce(max(sort_order), 0) + 1 FROM channels), ?, ?)`,
  ).run(input.id, input.labelNl, input.labelEn, input.exportLongSide, input.createdAt);
}

export function updateChannelLabels(db: WritableDb, id: string, labelNl: string, labelEn: string): void {
  db.prepare('UPDATE channels SET label_nl = ?, label_en = ? WHERE id = ?').run(labelNl, labelEn, id);
}

export function updateChannelRetiredAt(db: WritableDb, id: string, retiredAt: string | null): void {
  db.prepare('UPDATE channels SET retired_at = ? WHERE id = ?').run(retiredAt, id);
}

function isForeignKeyError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { readonly code?: unknown }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY'
  );
}

/**
 * Deletes a channel unless a row refers to it (a consent record, an export: their foreign keys make the database
 * refuse). 'inUse' when it was refused; the channel is then unchanged.
 */
export function deleteChannelRow(db: WritableDb, id: string): 'deleted' | 'inUse' {
  try {
    db.prepare('DELETE FROM channels WHERE id = ?').run(id);
    return 'deleted';
  } catch (error) {
    if (isForeignKeyError(error)) return 'inUse';
    throw error;
  }
}

// ---------------------------------------------------------------- protected people

/** Sets or clears a person's "never publish" mark. */
export function updatePersonProtected(db: WritableDb, id: number, isProtected: boolean, at: string): void {
  db.prepare('UPDATE people SET protected = ?, updated_at = ? WHERE id = ?').run(isProtected ? 1 : 0, at, id);
}
