// SQL of moving a laptop's registry into a school board's (`fotowacht board migrate`): every row of the registry as
// stored, history and reasons included, and, once the board has taken them, renumbering the laptop's rows to the
// board's ids so the laptop's tables become its copy of the board's registry.
import type { IdMap, ReadableDb, WritableDb } from '../db';
import { loadTempIdMap } from '../db';

export interface TransferPerson {
  readonly id: number;
  readonly kind: string;
  readonly external_key: string | null;
  readonly roepnaam: string | null;
  readonly voornamen: string | null;
  readonly tussenvoegsel: string | null;
  readonly achternaam: string;
  readonly class_name: string | null;
  readonly birth_date: string | null;
  readonly pseudonym: string;
  readonly erased_at: string | null;
  readonly protected: number;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface TransferChannel {
  readonly id: string;
  readonly label_nl: string;
  readonly label_en: string;
  readonly sort_order: number;
  readonly export_long_side: number | null;
  readonly created_at: string;
  readonly retired_at: string | null;
}

export interface TransferImport {
  readonly id: number;
  readonly school_year: string;
  readonly file_name: string;
  readonly file_sha256: string;
  readonly mapping: string;
  readonly counts: string;
  readonly actor: string;
  readonly imported_at: string;
}

export interface TransferImportPerson {
  readonly import_id: number;
  readonly person_id: number;
  readonly row_number: number;
}

export interface TransferRecord {
  readonly id: number;
  readonly person_id: number;
  readonly school_year: string;
  readonly channel_id: string;
  readonly version: number;
  readonly status: string;
  readonly signed_by: string | null;
  readonly signed_on: string | null;
  readonly effective_from: string;
  readonly source: string;
  readonly import_id: number | null;
  /** From consent_reasons (erasable), null when none. */
  readonly reason: string | null;
  readonly actor: string;
  readonly recorded_at: string;
}

/** The whole registry as stored, oldest first. */
export interface RegistryTransfer {
  readonly people: TransferPerson[];
  readonly channels: TransferChannel[];
  readonly imports: TransferImport[];
  readonly importPeople: TransferImportPerson[];
  readonly records: TransferRecord[];
}

export function registryForTransfer(db: ReadableDb): RegistryTransfer {
  return {
    people: db.prepare('SELECT * FROM people ORDER BY id').all() as TransferPerson[],
    channels: db.prepare('SELECT * FROM channels ORDER BY sort_order, id').all() as TransferChannel[],
    imports: db.prepare('SELECT * FROM consent_imports ORDER BY id').all() as TransferImport[],
    importPeople: db
      .prepare('SELECT import_id, person_id, row_number FROM consent_import_people ORDER BY import_id, person_id')
      .all() as TransferImportPerson[],
    records: db
      .prepare(
        `SELECT r.id, r.person_id, r.school_year, r.channel_id, r.version, r.status, r.signed_by, r.signed_on,
           r.effective_from, r.source, r.import_id, cr.reason, r.actor, r.recorded_at
         FROM consent_records r LEFT JOIN consent_reasons cr ON cr.record_id = r.id ORDER BY r.id`,
      )
      .all() as TransferRecord[],
  };
}

export interface RegistryIdMaps {
  readonly people: IdMap;
  readonly imports: IdMap;
  readonly records: IdMap;
}

/** The add-only guards lifted for the renumbering (and only for it): put back, as they were, before it returns. */
const GUARDS = ['consent_records_no_update', 'consent_imports_no_update', 'consent_import_people_no_update'];

/**
 * Renumbers people, imports and consent records (and every reference among them) from the laptop's ids to the
 * board's. Runs inside the caller's transaction, whose foreign keys must be deferred; the rows' content is unchanged.
 * Each id goes negative first, so a board id that equals another row's laptop id never collides on the way.
 */
export function renumberRegistry(db: WritableDb, maps: Readonly<RegistryIdMaps>): void {
  const guards = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (${GUARDS.map(() => '?').join()})`)
    .all(...GUARDS) as Array<{ name: string; sql: string }>;
  for (const guard of guards) db.exec(`DROP TRIGGER ${guard.name}`);
  try {
    const people = loadTempIdMap(db, 'transfer_people', maps.people);
    const imports = loadTempIdMap(db, 'transfer_imports', maps.imports);
    const records = loadTempIdMap(db, 'transfer_records', maps.records);
    const remap = (table: string, column: string, map: string): void => {
      db.exec(`UPDATE ${table} SET ${column} = -${column} WHERE ${column} IN (SELECT from_id FROM ${map});
        UPDATE ${table} SET ${column} = (SELECT to_id FROM ${map} WHERE from_id = -${table}.${column})
          WHERE ${column} < 0;`);
    };
    remap('people', 'id', people);
    remap('consent_imports', 'id', imports);
    remap('consent_records', 'id', records);
    remap('consent_records', 'person_id', people);
    remap('consent_records', 'import_id', imports);
    remap('consent_import_people', 'person_id', people);
    remap('consent_import_people', 'import_id', imports);
    remap('consent_reasons', 'record_id', records);
  } finally {
    for (const guard of guards) db.exec(guard.sql);
  }
}
