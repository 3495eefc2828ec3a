// SQL of the versioned consent records (consent_records, add-only): appending versions and reading the history.
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { ConsentRecord, ConsentSource, ConsentStatus, SchoolYearId, Signer } from '../../../shared/consent';
import type { ReadableDb, WritableDb } from '../db';

interface RecordRow {
  id: number;
  person_id: number;
  school_year: string;
  channel_id: string;
  version: number;
  status: ConsentStatus;
  signed_by: Signer | null;
  signed_on: string | null;
  effective_from: string;
  source: ConsentSource;
  import_id: number | null;
  import_file_name: string | null;
  import_sha256: string | null;
  reason: string | null;
  actor: string;
  recorded_at: string;
}

function toRecord(row: RecordRow): ConsentRecord {
  return {
    id: row.id,
    personId: row.person_id,
    schoolYear: row.school_year,
    channelId: row.channel_id,
    version: row.version,
    status: row.status,
    signedBy: row.signed_by,
    signedOn: row.signed_on,
    effectiveFrom: row.effective_from,
    source: row.source,
    importId: row.import_id,
    importFileName: row.import_file_name,
    importSha256: row.import_sha256,
    reason: row.reason,
    actor: row.actor,
    recordedAt: row.recorded_at,
  };
}

// The reason lives in consent_reasons (erasable); consent_records.reason is empty since migration 003.
const SELECT_RECORDS = `
  SELECT r.id, r.person_id, r.school_year, r.channel_id, r.version, r.status, r.signed_by, r.signed_on,
    r.effective_from, r.source, r.import_id, coalesce(cr.reason, r.reason) AS reason, r.actor, r.recorded_at,
    i.file_name AS import_file_name, i.file_sha256 AS import_sha256
  FROM consent_records r LEFT JOIN consent_imports i ON i.id = r.import_id
  LEFT JOIN consent_reasons cr ON cr.record_id = r.id`;

export interface NewRecord {
  readonly personId: number;
  readonly schoolYear: SchoolYearId;
  readonly channelId: string;
  readonly status: ConsentStatus;
  readonly signedBy: Signer | null;
  readonly signedOn: string | null;
  readonly effectiveFrom: string;
  readonly source: ConsentSource;
  readonly importId: number | null;
  readonly reason: string | null;
  readonly actor: string;
  readonly recordedAt: string;
  /** The version number, when the caller already knows the previous one within the same transaction. */
  readonly version?: number | undefined;
}

/** Appends versions with statements prepared once, for callers that write many (the importer). Returns the id. */
export function recordWriter(db: WritableDb): (record: Readonly<NewRecord>) => number {
  const nextVersion = db
    .prepare(
      `SELECT coalesce(max(version), 0) + 1 FROM consent_records
       WHERE person_id = ? AND school_year = ? AND channel_id = ?`,
    )
    .pluck();
  const insert = db.prepare(
    `INSERT INTO consent_records (person_id, school_year, channel_id, version, status, signed_by, signed_on,
       effective_from, source, import_id, reason, actor, recorded_at)
     VALUES (@personId, @schoolYear, @channelId, @version, @status, @signedBy, @signedOn,
       @effectiveFrom, @source, @importId, NULL, @actor, @recordedAt)`,
  );
  const insertReason = db.prepare('INSERT INTO consent_reasons (record_id, reason) VALUES (?, ?)');
  return (record) => {
    const version = record.version ?? (nextVersion.get(record.personId, record.schoolYear, record.channelId) as number);
    const { reason, ...rest } = record;
    const id = Number(insert.run({ ...rest, version }).lastInsertRowid);
    // The free text is personal and erasable: it never goes into the add-only record itself.
    if (reason !== null) insertReason.run(id, reason);
    return id;
  };
}

/** The state of one person × channel that a new import is compared with. */
export interface LatestRecord {
  readonly version: number;
  readonly status: ConsentStatus;
  readonly signedBy: Signer | null;
  readonly signedOn: string | null;
  readonly effectiveFrom: string;
}

/** The newest version per person × channel in a school year, keyed 'personId|channelId'. */
export function latestRecordsOfYear(db: ReadableDb, schoolYear: SchoolYearId): Map<string, LatestRecord> {
  // One ordered scan of the year (index consent_records_year); the last version per key wins.
  const rows = db
    .prepare(
      `SELECT person_id, channel_id, version, status, signed_by, signed_on, effective_from FROM consent_records
       WHERE school_year = ? ORDER BY person_id, channel_id, version`,
    )
    .raw()
    .all(schoolYear) as Array<[number, string, number, ConsentStatus, Signer | null, string | null, string]>;
  const latest = new Map<string, LatestRecord>();
  for (const [personId, channelId, version, status, signedBy, signedOn, effectiveFrom] of rows) {
    latest.set(`${personId}|${channelId}`, { version, status, signedBy, signedOn, effectiveFrom });
  }
  return latest;
}

/**
 * Where the history of a school year is cut: versions whose effective_from is below `value` ('<', a next day) or
 * at most `value` ('<=', a timestamp) count.
 */
export interface HistoryCut {
  readonly schoolYear: SchoolYearId;
  readonly op: '<' | '<=';
  readonly value: string;
}

// The record in effect is asked once per visible person per photo in an export: its two statements are prepared
// once per database.
const inEffectStatements = new WeakMap<ReadableDb, Record<HistoryCut['op'], Statement>>();

function inEffectStatement(db: ReadableDb, op: HistoryCut['op']): Statement {
  let statements = inEffectStatements.get(db);
  if (!statements) {
    const make = (cutOp: string) =>
      db.prepare(
        `SELECT id, status, version FROM consent_records
         WHERE person_id = ? AND channel_id = ? AND school_year = ? AND effective_from ${cutOp} ?
         ORDER BY version DESC LIMIT 1`,
      );
    statements = { '<': make('<'), '<=': make('<=') };
    inEffectStatements.set(db, statements);
  }
  return statements[op];
}

/** The newest version of one person × channel within the cut, if any. */
export function recordInEffect(
  db: ReadableDb,
  personId: number,
  channelId: string,
  cut: Readonly<HistoryCut>,
): { readonly id: number; readonly status: ConsentStatus; readonly version: number } | null {
  const row = inEffectStatement(db, cut.op).get(personId, channelId, cut.schoolYear, cut.value) as
    { id: number; status: ConsentStatus; version: number } | undefined;
  return row ?? null;
}

/** Person → channel ids whose newest version within the cut is 'granted', for everyone, in the form's order. */
export function grantedChannelsAt(db: ReadableDb, cut: Readonly<HistoryCut>): Map<number, string[]> {
  const rows = db
    .prepare(
      `SELECT r.person_id, r.channel_id, r.status FROM consent_records r
       JOIN (SELECT person_id, channel_id, max(version) AS version FROM consent_records
             WHERE school_year = ? AND effective_from ${cut.op} ? GROUP BY person_id, channel_id) latest
         ON latest.person_id = r.person_id AND latest.channel_id = r.channel_id AND latest.version = r.version
       JOIN channels c ON c.id = r.channel_id
       WHERE r.school_year = ? ORDER BY r.person_id, c.sort_order, c.id`,
    )
    .all(cut.schoolYear, cut.value, cut.schoolYear) as Array<{
    person_id: number;
    channel_id: string;
    status: ConsentStatus;
  }>;
  const result = new Map<number, string[]>();
  for (const row of rows) {
    if (row.status === 'granted') result.set(row.person_id, [...(result.get(row.person_id) ?? []), row.channel_id]);
  }
  return result;
}

/** Every version of every channel for a person, all school years, newest first. */
export function recordsOfPerson(db: ReadableDb, personId: number): ConsentRecord[] {
  const rows = db
    .prepare(`${SELECT_RECORDS} WHERE r.person_id = ? ORDER BY r.recorded_at DESC, r.id DESC`)
    .all(personId) as RecordRow[];
  return rows.map(toRecord);
}

export function findRecord(db: ReadableDb, id: number): ConsentRecord | null {
  const row = db.prepare(`${SELECT_RECORDS} WHERE r.id = ?`).get(id) as RecordRow | undefined;
  return row ? toRecord(row) : null;
}

/** The channels a person has any record for in a school year. */
export function channelsWithRecords(db: ReadableDb, personId: number, schoolYear: SchoolYearId): string[] {
  return db
    .prepare('SELECT DISTINCT channel_id FROM consent_records WHERE person_id = ? AND school_year = ? ORDER BY 1')
    .pluck()
    .all(personId, schoolYear) as string[];
}
