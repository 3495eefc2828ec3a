// The consent registry: people, the versioned consent records, and the one question the publish step asks —
// consentOn(person, channel, moment) — answered from the history together with the record it rests on.
import {
  currentSchoolYear,
  isSchoolYearId,
  isValidIsoDay,
  localDay,
  schoolYearBounds,
  schoolYearOf,
  stripAccents,
  type ConsentAnswer,
  type ConsentRecord,
  type ConsentStatus,
  type ImportPersonKind,
  type ListConsentStatus,
  type Person,
  type PersonConsent,
  type PersonKind,
  type PersonListItem,
  type SchoolYearId,
  type Signer,
} from '../../../shared/consent';
import type { Statement } from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { actorLabel, type Actor } from '../audit/actor';
import { appendAuditEvent } from '../audit/trail';
import type { Db, ReadableDb } from '../db/connection';
import { getChannel, listChannels } from './channels';


// ---------------------------------------------------------------- school years

export function ensureSchoolYear(db: Db, id: SchoolYearId): void {
  if (!isSchoolYearId(id)) throw new AppError('consent.year.invalid', { year: id });
  const { startsOn, endsOn } = schoolYearBounds(id);
  db.prepare('INSERT INTO school_years (id, starts_on, ends_on) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING').run(
    id,
    startsOn,
    endsOn,
  );
}

// ---------------------------------------------------------------- people

export interface PersonRow {
  id: number;
  kind: PersonKind;
  external_key: string | null;
  roepnaam: string | null;
  voornamen: string | null;
  tussenvoegsel: string | null;
  achternaam: string;
  class_name: string | null;
  birth_date: string | null;
  created_at: string;
  updated_at: string;
}

export function toPerson(row: PersonRow): Person {
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
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function getPerson(db: ReadableDb, id: number): Person {
  const row = db.prepare('SELECT * FROM people WHERE id = ?').get(id) as PersonRow | undefined;
  if (!row) throw new AppError('consent.person.notFound', { person: String(id) });
  return toPerson(row);
}

/** A person by student number (pupil) or staff number / e-mail (staff); without a kind, pupils first. */
export function findPersonByKey(db: Db, key: string, kind?: ImportPersonKind): Person | null {
  const clean = key.trim();
  const rows = db
    .prepare(
      `SELECT * FROM people WHERE external_key IN (?, ?) AND (? IS NULL OR kind = ?)
       ORDER BY CASE kind WHEN 'pupil' THEN 0 ELSE 1 END LIMIT 1`,
    )
    .all(clean, clean.toLowerCase(), kind ?? null, kind ?? null) as PersonRow[];
  return rows[0] ? toPerson(rows[0]) : null;
}

export function requirePersonByKey(db: Db, key: string, kind?: ImportPersonKind): Person {
  const person = findPersonByKey(db, key, kind);
  if (!person) throw new AppError('consent.person.notFound', { person: key });
  return person;
}

export interface ListPeopleQuery {
  /** Matches name parts (accents and case ignored) or the key. */
  readonly search?: string | undefined;
  readonly className?: string | undefined;
  readonly kind?: PersonKind | undefined;
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
  /** For grantedChannels: the moment whose school year counts; default now. */
  readonly at?: string | undefined;
}

function folded(text: string | null): string {
  return stripAccents(text ?? '').toLowerCase();
}

/**
 * People with their name parts (roepnaam, voornamen, tussenvoegsel, achternaam), class and key, sorted by
 * achternaam — for the consent screens and for matching photo tags to people — plus the channels they have a
 * granted consent for at `at`.
 */
export function listPeople(db: Db, query: ListPeopleQuery = {}): PersonListItem[] {
  const rows = db
    .prepare(
      `SELECT * FROM people WHERE (? IS NULL OR class_name = ?) AND (? IS NULL OR kind = ?)
       ORDER BY achternaam COLLATE NOCASE, roepnaam COLLATE NOCASE, id`,
    )
    .all(query.className ?? null, query.className ?? null, query.kind ?? null, query.kind ?? null) as PersonRow[];
  const words = folded(query.search ?? '')
    .split(/\s+/)
    .filter((word) => word !== '');
  const matching = rows.filter((row) => {
    if (words.length === 0) return true;
    const haystack = folded(
      [row.roepnaam, row.voornamen, row.tussenvoegsel, row.achternaam, row.external_key, row.class_name].join(' '),
    );
    return words.every((word) => haystack.includes(word));
  });
  const offset = query.offset ?? 0;
  const page = matching.slice(offset, offset + (query.limit ?? 500));
  const at = query.at ?? new Date().toISOString();
  const granted = grantedChannelsAt(db, at);
  return page.map((row) => ({ ...toPerson(row), grantedChannels: granted.get(row.id) ?? [] }));
}

/**
 * Everyone in the registry with their name parts, class and key — for matching photo tags to people. No paging,
 * no consent: matching needs the whole set, and consent is asked per export with consentOn.
 */
export function allPeople(db: ReadableDb, kind?: PersonKind): Person[] {
  const rows = db
    .prepare('SELECT * FROM people WHERE (? IS NULL OR kind = ?) ORDER BY id')
    .all(kind ?? null, kind ?? null) as PersonRow[];
  return rows.map(toPerson);
}

/** The classes people are in, for a filter. */
export function listClasses(db: Db): string[] {
  return db
    .prepare('SELECT DISTINCT class_name FROM people WHERE class_name IS NOT NULL ORDER BY class_name')
    .pluck()
    .all() as string[];
}

// ---------------------------------------------------------------- records

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
  source: ConsentRecord['source'];
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

const SELECT_RECORDS = `
  SELECT r.*, i.file_name AS import_file_name, i.file_sha256 AS import_sha256
  FROM consent_records r LEFT JOIN consent_imports i ON i.id = r.import_id`;

export interface NewRecord {
  readonly personId: number;
  readonly schoolYear: SchoolYearId;
  readonly channelId: string;
  readonly status: ConsentStatus;
  readonly signedBy: Signer | null;
  readonly signedOn: string | null;
  readonly effectiveFrom: string;
  readonly source: ConsentRecord['source'];
  readonly importId: number | null;
  readonly reason: string | null;
  readonly actor: string;
  readonly recordedAt: string;
  /** The version number, when the caller already knows the previous one within the same transaction. */
  readonly version?: number | undefined;
}

/** Prepared statements for appending versions; one set per transaction-heavy caller (the importer). */
export function recordWriter(db: Db): (record: NewRecord) => number {
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
       @effectiveFrom, @source, @importId, @reason, @actor, @recordedAt)`,
  );
  return (record) => {
    const version = record.version ?? (nextVersion.get(record.personId, record.schoolYear, record.channelId) as number);
    return Number(insert.run({ ...record, version }).lastInsertRowid);
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
export function latestRecordsOfYear(db: Db, schoolYear: SchoolYearId): Map<string, LatestRecord> {
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
 * Where the history is cut for a moment: a 'YYYY-MM-DD' day includes every version that took effect during
 * that day (a withdrawal at 14:00 counts for that day's publication); a timestamp includes versions up to it.
 */
function momentBounds(at: string | Date): { at: string; day: string; cutOp: '<' | '<='; cut: string } {
  if (at instanceof Date) return { at: at.toISOString(), day: localDay(at), cutOp: '<=', cut: at.toISOString() };
  if (isValidIsoDay(at)) {
    const next = new Date(`${at}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    return { at, day: at, cutOp: '<', cut: next.toISOString().slice(0, 10) };
  }
  const parsed = new Date(at);
  if (Number.isNaN(parsed.getTime())) throw new AppError('consent.date.invalid', { value: at });
  return { at, day: localDay(parsed), cutOp: '<=', cut: parsed.toISOString() };
}

// consentOn runs once per visible person per photo in an export: its two statements are prepared once per database.
const consentOnStatements = new WeakMap<ReadableDb, Record<'<' | '<=', Statement>>();

function consentOnStatement(db: ReadableDb, cutOp: '<' | '<='): Statement {
  let statements = consentOnStatements.get(db);
  if (!statements) {
    const make = (op: string) =>
      db.prepare(
        `SELECT id, status, version FROM consent_records
         WHERE person_id = ? AND channel_id = ? AND school_year = ? AND effective_from ${op} ?
         ORDER BY version DESC LIMIT 1`,
      );
    statements = { '<': make('<'), '<=': make('<=') };
    consentOnStatements.set(db, statements);
  }
  return statements[cutOp];
}

/**
 * Consent of one person for one channel at a moment: the newest version of that moment's school year that had
 * taken effect by then. No such version — or anything but 'granted' — means no consent. `recordId` names the
 * consent_records row the answer relied on (null when there was none), for the export to cite.
 */
export function consentOn(db: ReadableDb, personId: number, channelId: string, at: string | Date): ConsentAnswer {
  const bounds = momentBounds(at);
  const schoolYear = schoolYearOf(bounds.day);
  const row = consentOnStatement(db, bounds.cutOp).get(personId, channelId, schoolYear, bounds.cut) as
    { id: number; status: ConsentStatus; version: number } | undefined;
  return {
    personId,
    channelId,
    at: bounds.at,
    schoolYear,
    status: row?.status ?? 'none',
    consented: row?.status === 'granted',
    recordId: row?.id ?? null,
    version: row?.version ?? null,
  };
}

/** Person → channel ids with a granted consent in effect at `at`, for everyone (one query). */
function grantedChannelsAt(db: Db, at: string | Date): Map<number, string[]> {
  const bounds = momentBounds(at);
  const rows = db
    .prepare(
      `SELECT r.person_id, r.channel_id, r.status FROM consent_records r
       JOIN (SELECT person_id, channel_id, max(version) AS version FROM consent_records
             WHERE school_year = ? AND effective_from ${bounds.cutOp} ? GROUP BY person_id, channel_id) latest
         ON latest.person_id = r.person_id AND latest.channel_id = r.channel_id AND latest.version = r.version
       JOIN channels c ON c.id = r.channel_id
       WHERE r.school_year = ? ORDER BY r.person_id, c.sort_order, c.id`,
    )
    .all(schoolYearOf(bounds.day), bounds.cut, schoolYearOf(bounds.day)) as Array<{
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
export function consentHistory(db: Db, personId: number): ConsentRecord[] {
  const rows = db
    .prepare(`${SELECT_RECORDS} WHERE r.person_id = ? ORDER BY r.recorded_at DESC, r.id DESC`)
    .all(personId) as RecordRow[];
  return rows.map(toRecord);
}

/** One person: consent per channel at a moment (default now) and the full history. */
export function personConsent(db: Db, personId: number, at: string | Date = new Date()): PersonConsent {
  const person = getPerson(db, personId);
  const channels = listChannels(db).map((channel) => ({
    ...consentOn(db, personId, channel.id, at),
    channelLabelNl: channel.labelNl,
    channelLabelEn: channel.labelEn,
  }));
  const bounds = momentBounds(at);
  return {
    person,
    schoolYear: schoolYearOf(bounds.day),
    at: bounds.at,
    channels,
    history: consentHistory(db, personId),
  };
}

// ---------------------------------------------------------------- manual changes and withdrawals

/** A day given by a person ('YYYY-MM-DD'), not in the future; default: now (a timestamp). */
function effectiveMoment(date: string | undefined, now: Date): string {
  if (date === undefined) return now.toISOString();
  if (!isValidIsoDay(date)) throw new AppError('consent.date.invalid', { value: date });
  if (date > localDay(now)) throw new AppError('consent.date.future', { value: date });
  return date;
}

function cleanReason(reason: string): string {
  const text = reason.replace(/\s+/g, ' ').trim();
  if (text.length < 3) throw new AppError('consent.reason.required', {});
  if (text.length > 500) throw new AppError('consent.reason.tooLong', { max: 500 });
  return text;
}

export interface ManualChangeInput {
  readonly personId: number;
  readonly channelId: string;
  readonly status: ListConsentStatus;
  /** Default: the school year of `date`, else the current one. */
  readonly schoolYear?: SchoolYearId | undefined;
  readonly signedBy?: Signer | null | undefined;
  readonly signedOn?: string | null | undefined;
  /** The day it takes effect ('YYYY-MM-DD'); default now. */
  readonly date?: string | undefined;
  readonly reason: string;
}

/** A manual change (a paper form handed in late, a correction): a new version with actor and reason. */
export function recordManualConsent(db: Db, actor: Actor, input: ManualChangeInput, now = new Date()): ConsentRecord {
  const reason = cleanReason(input.reason);
  const effectiveFrom = effectiveMoment(input.date, now);
  const schoolYear = input.schoolYear ?? (input.date ? schoolYearOf(input.date) : currentSchoolYear(now));
  if (input.signedOn !== undefined && input.signedOn !== null && !isValidIsoDay(input.signedOn)) {
    throw new AppError('consent.date.invalid', { value: input.signedOn });
  }
  return db.transaction(() => {
    const person = getPerson(db, input.personId);
    const channel = getChannel(db, input.channelId);
    if (channel.retiredAt) throw new AppError('consent.channel.retired', { channel: channel.id });
    ensureSchoolYear(db, schoolYear);
    const before = consentOn(db, person.id, channel.id, now);
    const id = recordWriter(db)({
      personId: person.id,
      schoolYear,
      channelId: channel.id,
      status: input.status,
      signedBy: input.signedBy ?? null,
      signedOn: input.signedOn ?? null,
      effectiveFrom,
      source: 'manual',
      importId: null,
      reason,
      actor: actorLabel(actor),
      recordedAt: now.toISOString(),
    });
    appendAuditEvent(
      db,
      actor,
      {
        action: 'consent.manual',
        subject: `person:${person.id}`,
        details: {
          personId: person.id,
          key: person.externalKey,
          channel: channel.id,
          schoolYear,
          from: before.schoolYear === schoolYear ? before.status : null,
          to: input.status,
          effectiveFrom,
          reason,
          recordId: id,
        },
      },
      now,
    );
    return getRecord(db, id);
  })();
}

export interface WithdrawInput {
  readonly personId: number;
  /** One channel, or every channel the person has a record for in that school year. */
  readonly channelId: string | 'all';
  /** The day it takes effect ('YYYY-MM-DD', today or earlier); default now. */
  readonly date?: string | undefined;
  readonly reason: string;
}

/**
 * A withdrawal: takes effect at once (or from the given day), for the school year of that day. It stays until a
 * person records a new consent by hand; a later import does not undo it.
 */
export function withdrawConsent(db: Db, actor: Actor, input: WithdrawInput, now = new Date()): ConsentRecord[] {
  const reason = cleanReason(input.reason);
  const effectiveFrom = effectiveMoment(input.date, now);
  const schoolYear = schoolYearOf(input.date ?? now);
  return db.transaction(() => {
    const person = getPerson(db, input.personId);
    const channelIds =
      input.channelId === 'all'
        ? (db
            .prepare(
              'SELECT DISTINCT channel_id FROM consent_records WHERE person_id = ? AND school_year = ? ORDER BY 1',
            )
            .pluck()
            .all(person.id, schoolYear) as string[])
        : [getChannel(db, input.channelId).id];
    if (channelIds.length === 0) throw new AppError('consent.withdraw.nothing', { person: person.externalKey ?? '' });
    ensureSchoolYear(db, schoolYear);
    const write = recordWriter(db);
    const records: ConsentRecord[] = [];
    for (const channelId of channelIds) {
      const before = consentOn(db, person.id, channelId, now);
      const id = write({
        personId: person.id,
        schoolYear,
        channelId,
        status: 'withdrawn',
        signedBy: null,
        signedOn: null,
        effectiveFrom,
        source: 'withdrawal',
        importId: null,
        reason,
        actor: actorLabel(actor),
        recordedAt: now.toISOString(),
      });
      appendAuditEvent(
        db,
        actor,
        {
          action: 'consent.withdraw',
          subject: `person:${person.id}`,
          details: {
            personId: person.id,
            key: person.externalKey,
            channel: channelId,
            schoolYear,
            from: before.schoolYear === schoolYear ? before.status : null,
            effectiveFrom,
            reason,
            recordId: id,
          },
        },
        now,
      );
      records.push(getRecord(db, id));
    }
    return records;
  })();
}

export function getRecord(db: Db, id: number): ConsentRecord {
  const row = db.prepare(`${SELECT_RECORDS} WHERE r.id = ?`).get(id) as RecordRow | undefined;
  if (!row) throw new AppError('consent.record.notFound', { record: id });
  return toRecord(row);
}

/** Changes whenever a person is added or updated (people are never deleted): the name index is rebuilt then. */
export function peopleFingerprint(db: ReadableDb): string {
  const state = db.prepare('SELECT count(*) AS n, max(updated_at) AS at, max(id) AS id FROM people').get() as {
    n: number;
    at: string | null;
    id: number | null;
  };
  return `${state.n}|${state.at ?? ''}|${state.id ?? 0}`;
}
