// The local read-only copy of a board's registry (board mode, issue 16): the board's rows — with the board's ids and
// pseudonyms — written into this workstation's own people, channels, consent tables, so that every reader here
// (decisions, review, the consent screens) works unchanged. Only the board's refresh writes them in board mode.
import type { ConsentRecord, PersonKind, SchoolYearId } from '../../../shared/consent';
import type { ReadableDb, WritableDb } from '../db';
import {
  copyWriter,
  deleteUnusedChannelsExcept,
  localCopyJson,
  localRegistryCounts,
  localRegistryRows,
  replaceReasonsOfCopy,
  type LocalRegistryRows,
} from './copyRepository';
import { ensureSchoolYear } from './registry';

export interface CopiedPerson {
  readonly id: number;
  readonly kind: PersonKind;
  readonly externalKey: string | null;
  readonly roepnaam: string | null;
  readonly voornamen: string | null;
  readonly tussenvoegsel: string | null;
  readonly achternaam: string;
  readonly className: string | null;
  readonly birthDate: string | null;
  readonly pseudonym: string;
  readonly protected: boolean;
  readonly erasedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface CopiedChannel {
  readonly id: string;
  readonly labelNl: string;
  readonly labelEn: string;
  readonly sortOrder: number;
  readonly exportLongSide: number | null;
  readonly createdAt: string;
  readonly retiredAt: string | null;
}

export interface CopiedImport {
  readonly id: number;
  readonly schoolYear: SchoolYearId;
  readonly fileName: string;
  readonly fileSha256: string;
  /** Canonical JSON, as the local registry keeps it. */
  readonly mapping: string;
  readonly counts: string;
  readonly actor: string;
  readonly importedAt: string;
}

export interface CopiedImportPerson {
  readonly importId: number;
  readonly personId: number;
  readonly rowNumber: number;
}

/** A consent version as the board holds it: a registry record without what the copy looks up locally. */
export type CopiedRecord = Omit<ConsentRecord, 'importFileName' | 'importSha256' | 'reason'>;

export interface CopiedReason {
  readonly recordId: number;
  readonly reason: string;
}

/** One school's registry as the board holds it, every list in id order. */
export interface RegistryCopy {
  readonly people: readonly CopiedPerson[];
  readonly channels: readonly CopiedChannel[];
  readonly imports: readonly CopiedImport[];
  readonly importPeople: readonly CopiedImportPerson[];
  readonly records: readonly CopiedRecord[];
  readonly reasons: readonly CopiedReason[];
}

/** What a refresh changed in the local copy. */
export interface CopyChanges {
  readonly people: number;
  readonly channels: number;
  readonly imports: number;
  readonly records: number;
  readonly reasons: number;
}

/** Local registry rows the board does not hold as they are: a laptop's own registry, never a copy of the board's. */
export interface ForeignRows {
  readonly people: number;
  readonly records: number;
  readonly imports: number;
}

/** How many people, consent versions and imports the local registry holds (a cheap check that a copy is intact). */
export function registryCounts(db: ReadableDb): { people: number; records: number; imports: number } {
  return localRegistryCounts(db);
}

export function foreignRegistryRows(db: ReadableDb, copy: Readonly<RegistryCopy>): ForeignRows {
  const local: LocalRegistryRows = localRegistryRows(db);
  const people = new Map(copy.people.map((person) => [person.id, person.pseudonym]));
  const records = new Map(
    copy.records.map((r) => [
      r.id,
      `${people.get(r.personId) ?? ''}|${r.schoolYear}|${r.channelId}|${r.version}|${r.status}`,
    ]),
  );
  const imports = new Map(copy.imports.map((row) => [row.id, row.fileSha256]));
  return {
    people: local.people.filter(([id, pseudonym]) => people.get(id) !== pseudonym).length,
    records: local.records.filter(([id, identity]) => records.get(id) !== identity).length,
    imports: local.imports.filter(([id, sha]) => imports.get(id) !== sha).length,
  };
}

/**
 * Makes the local registry tables equal to the copy, in one transaction: new rows added, changed people and channels
 * updated (only those, so kept decision statuses stay valid when nothing changed), reasons the board erased removed,
 * and channels the board does not have removed where nothing refers to them. The caller has checked
 * foreignRegistryRows first: rows are added, never replaced.
 */
export function applyRegistryCopy(db: WritableDb, copy: Readonly<RegistryCopy>): CopyChanges {
  return db.transaction((): CopyChanges => {
    // Imports and versions are add-only on both sides: those the copy has already are not written again.
    const known = localRegistryRows(db);
    const knownRecords = new Set(known.records.map(([id]) => id));
    const knownImports = new Set(known.imports.map(([id]) => id));
    return applyRows(db, {
      people: copy.people,
      channels: copy.channels,
      imports: copy.imports.filter((row) => !knownImports.has(row.id)),
      importPeople: copy.importPeople.filter((row) => !knownImports.has(row.importId)),
      records: copy.records.filter((record) => !knownRecords.has(record.id)),
      reasons: copy.reasons,
    });
  })();
}

/**
 * What one write to the board wrote, as the board returned it — people added or changed, the import with its people,
 * the versions added — and the school's channels and reasons as the write's transaction saw them.
 */
export type RegistryWrites = RegistryCopy;

/**
 * Takes over a write this workstation committed to the board, when the copy was the board's registry up to that write
 * (the registry lock and version showed it): the copy is then the board's registry after the write, without reading
 * the school's registry again.
 */
export function applyRegistryWrites(db: WritableDb, writes: Readonly<RegistryWrites>): CopyChanges {
  return db.transaction((): CopyChanges => applyRows(db, writes))();
}

/** The lists of a copy, in the order the board's read gives them, as JSON (what its content hash is made of). */
export type RegistryCopyJson = ReadonlyArray<readonly [list: keyof RegistryCopy, json: string]>;

/**
 * The registry the local copy holds as the JSON of its lists — the same text JSON.stringify gives for a read of the
 * board's registry (RegistryCopy) — with the given channels and reasons (the board's as a write left them: a channel
 * only this workstation still names stays here retired, and reasons may be hidden from the user).
 */
export function localRegistryJson(
  db: ReadableDb,
  channels: readonly CopiedChannel[],
  reasons: readonly CopiedReason[],
): RegistryCopyJson {
  const local = localCopyJson(db);
  return [
    ['people', local.people],
    ['channels', JSON.stringify(channels)],
    ['imports', local.imports],
    ['importPeople', local.importPeople],
    ['records', local.records],
    ['reasons', JSON.stringify(reasons)],
  ];
}

function applyRows(db: WritableDb, rows: Readonly<RegistryCopy>): CopyChanges {
  const years = new Set([...rows.records.map((r) => r.schoolYear), ...rows.imports.map((i) => i.schoolYear)]);
  for (const year of years) ensureSchoolYear(db, year);
  const write = copyWriter(db);
  let channels = 0;
  for (const channel of rows.channels) channels += write.channel(channel);
  channels += deleteUnusedChannelsExcept(
    db,
    rows.channels.map((channel) => channel.id),
    new Date().toISOString(),
  );
  let people = 0;
  for (const person of rows.people) people += write.person(person);
  let imports = 0;
  for (const row of rows.imports) imports += write.consentImport(row);
  for (const row of rows.importPeople) write.importPerson(row);
  let records = 0;
  for (const record of rows.records) records += write.record(record);
  const reasons = replaceReasonsOfCopy(db, rows.reasons);
  return { people, channels, imports, records, reasons };
}
