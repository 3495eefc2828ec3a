// The consent registry: people, the versioned consent records, and the one question the publish step asks —
// consentOn(person, channel, moment) — answered from the history together with the record it rests on. Manual
// changes and withdrawals: manualChanges.ts.
import {
  isSchoolYearId,
  isValidIsoDay,
  localDay,
  schoolYearBounds,
  schoolYearOf,
  stripAccents,
  type ConsentAnswer,
  type ConsentRecord,
  type ImportPersonKind,
  type Person,
  type PersonConsent,
  type PersonKind,
  type PersonListItem,
  type SchoolYearId,
} from '../../../shared/consent';
import { AppError } from '../../../shared/errors';
import type { ReadableDb, WritableDb } from '../db';
import { listChannels } from './channels';
import { findRecord, grantedChannelsAt, recordInEffect, recordsOfPerson, type HistoryCut } from './recordsRepository';
import {
  findPerson,
  findPersonByExternalKey,
  insertSchoolYear,
  selectAllPeople,
  selectClasses,
  selectPeople,
} from './repository';

// ---------------------------------------------------------------- school years

export function ensureSchoolYear(db: WritableDb, id: SchoolYearId): void {
  if (!isSchoolYearId(id)) throw new AppError('consent.year.invalid', { year: id });
  const { startsOn, endsOn } = schoolYearBounds(id);
  insertSchoolYear(db, id, startsOn, endsOn);
}

// ---------------------------------------------------------------- people

export function getPerson(db: ReadableDb, id: number): Person {
  const person = findPerson(db, id);
  if (!person) throw new AppError('consent.person.notFound', { person: String(id) });
  return person;
}

/** A person by student number (pupil) or staff number / e-mail (staff); without a kind, pupils first. */
export function findPersonByKey(db: ReadableDb, key: string, kind?: ImportPersonKind): Person | null {
  return findPersonByExternalKey(db, key.trim(), kind);
}

export function requirePersonByKey(db: ReadableDb, key: string, kind?: ImportPersonKind): Person {
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
export function listPeople(db: ReadableDb, query: ListPeopleQuery = {}): PersonListItem[] {
  const people = selectPeople(db, { className: query.className, kind: query.kind });
  const words = folded(query.search ?? '')
    .split(/\s+/)
    .filter((word) => word !== '');
  const matching = people.filter((person) => {
    if (words.length === 0) return true;
    const haystack = folded(
      [
        person.roepnaam,
        person.voornamen,
        person.tussenvoegsel,
        person.achternaam,
        person.externalKey,
        person.className,
      ].join(' '),
    );
    return words.every((word) => haystack.includes(word));
  });
  const offset = query.offset ?? 0;
  const page = matching.slice(offset, offset + (query.limit ?? 500));
  const granted = grantedChannelsAt(db, historyCut(query.at ?? new Date().toISOString()));
  return page.map((person) => ({ ...person, grantedChannels: granted.get(person.id) ?? [] }));
}

/**
 * Everyone in the registry with their name parts, class and key — for matching photo tags to people. No paging,
 * no consent: matching needs the whole set, and consent is asked per export with consentOn.
 */
export function allPeople(db: ReadableDb, kind?: PersonKind): Person[] {
  return selectAllPeople(db, kind);
}

/** The classes people are in, for a filter. */
export function listClasses(db: ReadableDb): string[] {
  return selectClasses(db);
}

// ---------------------------------------------------------------- records

export interface Moment {
  /** The moment as the answer states it. */
  readonly at: string;
  /** The local day it falls on, which decides the school year. */
  readonly day: string;
  readonly cut: HistoryCut;
}

/**
 * Where the history is cut for a moment: a 'YYYY-MM-DD' day includes every version that took effect during
 * that day (a withdrawal at 14:00 counts for that day's publication); a timestamp includes versions up to it.
 */
export function moment(at: string | Date): Moment {
  if (at instanceof Date) {
    const day = localDay(at);
    return { at: at.toISOString(), day, cut: { schoolYear: schoolYearOf(day), op: '<=', value: at.toISOString() } };
  }
  if (isValidIsoDay(at)) {
    const next = new Date(`${at}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    return { at, day: at, cut: { schoolYear: schoolYearOf(at), op: '<', value: next.toISOString().slice(0, 10) } };
  }
  const parsed = new Date(at);
  if (Number.isNaN(parsed.getTime())) throw new AppError('consent.date.invalid', { value: at });
  const day = localDay(parsed);
  return { at, day, cut: { schoolYear: schoolYearOf(day), op: '<=', value: parsed.toISOString() } };
}

function historyCut(at: string | Date): HistoryCut {
  return moment(at).cut;
}

/**
 * Consent of one person for one channel at a moment: the newest version of that moment's school year that had
 * taken effect by then. No such version — or anything but 'granted' — means no consent. `recordId` names the
 * consent_records row the answer relied on (null when there was none), for the export to cite.
 */
export function consentOn(db: ReadableDb, personId: number, channelId: string, at: string | Date): ConsentAnswer {
  const { at: stated, cut } = moment(at);
  const record = recordInEffect(db, personId, channelId, cut);
  return {
    personId,
    channelId,
    at: stated,
    schoolYear: cut.schoolYear,
    status: record?.status ?? 'none',
    consented: record?.status === 'granted',
    recordId: record?.id ?? null,
    version: record?.version ?? null,
  };
}

/** Every version of every channel for a person, all school years, newest first. */
export function consentHistory(db: ReadableDb, personId: number): ConsentRecord[] {
  return recordsOfPerson(db, personId);
}

/** One person: consent per channel at a moment (default now) and the full history. */
export function personConsent(db: ReadableDb, personId: number, at: string | Date = new Date()): PersonConsent {
  const person = getPerson(db, personId);
  const channels = listChannels(db).map((channel) => ({
    ...consentOn(db, personId, channel.id, at),
    channelLabelNl: channel.labelNl,
    channelLabelEn: channel.labelEn,
  }));
  const when = moment(at);
  return {
    person,
    schoolYear: when.cut.schoolYear,
    at: when.at,
    channels,
    history: consentHistory(db, personId),
  };
}

export function getRecord(db: ReadableDb, id: number): ConsentRecord {
  const record = findRecord(db, id);
  if (!record) throw new AppError('consent.record.notFound', { record: id });
  return record;
}
