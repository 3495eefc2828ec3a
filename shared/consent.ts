// The consent domain's pure logic and types: school years, list values, signers, dates, channels and the
// registry's answers (column mappings and the import preview are in consentImport.ts). No Node, Electron or DOM: main, renderer and CLI share it.
import type { SerializedError } from './errors';

// ---------------------------------------------------------------- school years

/** '2026-2027': runs 1 August 2026 to 31 July 2027. */
export type SchoolYearId = string;

const SCHOOL_YEAR = /^(\d{4})-(\d{4})$/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isSchoolYearId(value: string): boolean {
  const match = SCHOOL_YEAR.exec(value);
  return match !== null && Number(match[2]) === Number(match[1]) + 1;
}

export function schoolYearBounds(id: SchoolYearId): { readonly startsOn: string; readonly endsOn: string } {
  const match = SCHOOL_YEAR.exec(id);
  if (!match || !isSchoolYearId(id)) throw new RangeError(`Not a school year: ${id}`);
  return { startsOn: `${match[1]}-08-01`, endsOn: `${match[2]}-07-31` };
}

/** The local calendar day of a Date, as 'YYYY-MM-DD'. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The school year a day falls in. A 'YYYY-MM-DD' string is taken as that calendar day; a Date or a full
 * timestamp as the local day it falls on.
 */
export function schoolYearOf(date: string | Date): SchoolYearId {
  const day = typeof date === 'string' && ISO_DAY.test(date) ? date : localDay(new Date(date));
  const match = ISO_DAY.exec(day);
  if (!match) throw new RangeError(`Not a date: ${String(date)}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const start = month >= 8 ? year : year - 1;
  return `${start}-${start + 1}`;
}

export function currentSchoolYear(today: Date = new Date()): SchoolYearId {
  return schoolYearOf(today);
}

export function isInSchoolYear(day: string, id: SchoolYearId): boolean {
  const { startsOn, endsOn } = schoolYearBounds(id);
  return day >= startsOn && day <= endsOn;
}

// ---------------------------------------------------------------- dates

export function isValidIsoDay(value: string): boolean {
  const match = ISO_DAY.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * A date as Dutch lists write it: 14-03-2012, 14/3/2012, 14.03.2012 or 2012-03-14. Two-digit years and
 * impossible days are refused (null): a birth date is never guessed.
 */
export function parseListDate(raw: string): string | null {
  const text = raw.trim();
  const pad = (n: string) => n.padStart(2, '0');
  let day: string | null = null;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(text);
  if (iso) day = `${iso[1]}-${pad(iso[2]!)}-${pad(iso[3]!)}`;
  const dutch = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text);
  if (dutch) day = `${dutch[3]}-${pad(dutch[2]!)}-${pad(dutch[1]!)}`;
  return day !== null && isValidIsoDay(day) ? day : null;
}

/** Whole years between a birth date and a day ('YYYY-MM-DD' both). Born on 29 February: a year older on 1 March. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

/** From this age on a pupil signs for themself; below it a parent or guardian signs. */
export const SELF_CONSENT_AGE = 16;

/**
 * The day someone born on `birthDate` turns `age` (ageOn's rule: born on 29 February, in a year without it the
 * birthday is 1 March).
 */
export function birthdayAt(birthDate: string, age: number): string {
  const [by, bm, bd] = birthDate.split('-') as [string, string, string];
  const day = `${String(Number(by) + age).padStart(4, '0')}-${bm}-${bd}`;
  return isValidIsoDay(day) ? day : `${String(Number(by) + age).padStart(4, '0')}-03-01`;
}

/** The day a pupil starts to consent for themself. */
export function sixteenthBirthday(birthDate: string): string {
  return birthdayAt(birthDate, SELF_CONSENT_AGE);
}

/** The day a form counts from: the day it was signed, but never before the school year it is for begins (1 August). */
export function formCountsFrom(signedOn: string, schoolYear: SchoolYearId): string {
  const yearStart = schoolYearBounds(schoolYear).startsOn;
  return signedOn > yearStart ? signedOn : yearStart;
}

/**
 * From the 16th birthday on a parent's or guardian's signature grants no new consent year: the birthday when the pupil
 * is 16 on the day the form counts from (the grant is void), else null.
 */
export function parentGrantVoidFrom(birthDate: string, countsFrom: string): string | null {
  const birthday = sixteenthBirthday(birthDate);
  return countsFrom >= birthday ? birthday : null;
}

/** A day plus (or minus) a number of days, 'YYYY-MM-DD' both. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------- consent values

export type ConsentStatus = 'granted' | 'refused' | 'not_returned' | 'withdrawn';
/** What a list cell can say. A withdrawal is never read from a list: it is recorded on its own. */
export type ListConsentStatus = Exclude<ConsentStatus, 'withdrawn'>;

export const CONSENT_STATUSES: readonly ConsentStatus[] = ['granted', 'refused', 'not_returned', 'withdrawn'];

const GRANTED = new Set([
  'ja',
  'j',
  'wel',
  'wel toestemming',
  'toestemming',
  'akkoord',
  'x',
  '✓',
  '✔',
  '☑',
  '1',
  'true',
  'waar',
  'yes',
  'y',
]);
const REFUSED = new Set([
  'nee',
  'n',
  'niet',
  'geen',
  'geen toestemming',
  'niet akkoord',
  '✗',
  '✘',
  '☒',
  '0',
  'false',
  'onwaar',
  'no',
]);

/** Lower case, no surrounding or doubled spaces (non-breaking spaces too). */
export function normaliseCell(raw: string): string {
  return raw
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * A consent cell: granted, refused, not returned (empty), or null for a value nobody can be sure of
 * ('misschien', 'ja?', a formula). Null is a row error, never a guess.
 */
export function parseConsentValue(raw: string): ListConsentStatus | null {
  const value = normaliseCell(raw);
  if (value === '') return 'not_returned';
  if (GRANTED.has(value)) return 'granted';
  if (REFUSED.has(value)) return 'refused';
  return null;
}

export type Signer = 'parent' | 'guardian' | 'self';

/** Who signed, as a list writes it. Null: not recognised. */
export function parseSigner(raw: string): Signer | null {
  const value = normaliseCell(raw);
  if (/^(ouders?|moeder|vader|parents?|mother|father)$/.test(value)) return 'parent';
  if (/^(ouder ?\/ ?verzorger|ouders ?\/ ?verzorgers|ouder of verzorger)$/.test(value)) return 'parent';
  if (/^(verzorgers?|voogd|guardian|wettelijk vertegenwoordiger)$/.test(value)) return 'guardian';
  if (/^(zelf|leerling|self|pupil|student|medewerker|staff)$/.test(value)) return 'self';
  return null;
}

/** A cell that a spreadsheet would run as a formula. Read as text, never evaluated. */
export function isFormulaLike(raw: string): boolean {
  // '-' starts a formula as much as '=', '+' and '@' do ('-2+3', '-cmd|…'); a phone or a negative number does not.
  return /^\s*[=+\-@]/.test(raw) && raw.trim().length > 1 && !/^\s*[+-]?\d[\d\s-]*$/.test(raw);
}

/** Unicode format characters (right-to-left override, zero-width space and joiners, BOM…): invisible in a name. */
const FORMAT_CHARACTERS = /\p{Cf}/gu;

/** A cell without its invisible format characters, and whether it had any. */
export function withoutFormatCharacters(raw: string): { readonly text: string; readonly stripped: boolean } {
  const text = raw.replace(FORMAT_CHARACTERS, '');
  return { text, stripped: text.length !== raw.length };
}

/**
 * Text that looks like UTF-8 read as Windows-1252 or Latin-1 ("ZoÃ«" for "Zoë", "Â " for a no-break space,
 * "â€™" for ’): the list was converted wrongly somewhere, and the names in it are not the real names.
 */
export function looksLikeMojibake(text: string): boolean {
  return /[ÃÂ][\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc]|â€/.test(text);
}

/** The longest a field of a consent list may be: longer is a mistake (or an attack), never a name. */
export const MAX_FIELD_LENGTH: Readonly<Record<string, number>> = { name: 100, key: 64, email: 254, other: 100 };

// ---------------------------------------------------------------- reasons

/** A manual change or a withdrawal needs a reason (the history and the audit trail keep it) of this many characters… */
export const CONSENT_REASON_MIN = 3;
/** …up to this many. */
export const CONSENT_REASON_MAX = 500;

/** A reason as it is kept: white space folded into single spaces, none around it. */
export function foldReason(reason: string): string {
  return reason.replace(/\s+/g, ' ').trim();
}

/** Why a reason cannot be recorded, as the error the registry raises for it; null when it can. */
export function consentReasonProblem(reason: string): SerializedError | null {
  const length = foldReason(reason).length;
  if (length < CONSENT_REASON_MIN) return { code: 'consent.reason.required', params: {} };
  if (length > CONSENT_REASON_MAX) return { code: 'consent.reason.tooLong', params: { max: CONSENT_REASON_MAX } };
  return null;
}

// ---------------------------------------------------------------- people, channels

export type PersonKind = 'pupil' | 'staff' | 'guest';
/** What an import can hold: pupils (key: student number) or staff (key: staff number, else e-mail). */
export type ImportPersonKind = 'pupil' | 'staff';

export interface NameParts {
  readonly roepnaam: string | null;
  readonly voornamen: string | null;
  readonly tussenvoegsel: string | null;
  readonly achternaam: string;
}

/** 'Sem van 't Hof': roepnaam (else first of voornamen), tussenvoegsel, achternaam. */
export function displayName(
  name: Pick<Partial<NameParts>, 'roepnaam' | 'voornamen' | 'tussenvoegsel'> & { readonly achternaam: string },
): string {
  const first = name.roepnaam?.trim() || name.voornamen?.trim().split(/\s+/)[0] || null;
  return [first, name.tussenvoegsel, name.achternaam].filter((part) => part && part.trim() !== '').join(' ');
}

export interface Person extends NameParts {
  readonly id: number;
  readonly kind: PersonKind;
  /** Student number for pupils; staff number or e-mail (lower case) for staff. */
  readonly externalKey: string | null;
  readonly className: string | null;
  readonly birthDate: string | null;
  /** Never publish (a custody dispute, a shelter, foster care): every photo they are in or may be in is blocked. */
  readonly protected: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface Channel {
  readonly id: string;
  readonly labelNl: string;
  readonly labelEn: string;
  readonly sortOrder: number;
  readonly exportLongSide: number | null;
  readonly createdAt: string;
  readonly retiredAt: string | null;
  /** A channel that has consent records can be retired, never deleted. */
  readonly used: boolean;
}

export const CHANNEL_ID = /^[a-z0-9_-]{1,40}$/;

/** A channel id from a label: 'Jaarboek 2027' → 'jaarboek-2027'. */
export function channelIdFromLabel(label: string): string {
  return stripAccents(label)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

export function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

// ---------------------------------------------------------------- registry answers

export type ConsentSource = 'import' | 'manual' | 'withdrawal';

export interface ConsentRecord {
  readonly id: number;
  readonly personId: number;
  readonly schoolYear: SchoolYearId;
  readonly channelId: string;
  readonly version: number;
  readonly status: ConsentStatus;
  readonly signedBy: Signer | null;
  readonly signedOn: string | null;
  readonly effectiveFrom: string;
  readonly source: ConsentSource;
  readonly importId: number | null;
  readonly importFileName: string | null;
  readonly importSha256: string | null;
  readonly reason: string | null;
  readonly actor: string;
  readonly recordedAt: string;
}

/** The answer to "may this person be published on this channel at this moment?", with the record it rests on. */
export interface ConsentAnswer {
  readonly personId: number;
  readonly channelId: string;
  readonly at: string;
  readonly schoolYear: SchoolYearId;
  readonly status: ConsentStatus | 'none';
  /** True only for a granted version in effect: no record, not returned, refused and withdrawn all mean no. */
  readonly consented: boolean;
  /** The consent_records row the answer relied on; null when there was none. */
  readonly recordId: number | null;
  readonly version: number | null;
}

export interface PersonConsent {
  readonly person: Person;
  readonly schoolYear: SchoolYearId;
  readonly at: string;
  readonly channels: readonly (ConsentAnswer & { readonly channelLabelNl: string; readonly channelLabelEn: string })[];
  /** Every version of every channel, all school years, newest first. */
  readonly history: readonly ConsentRecord[];
}

export interface PersonListItem extends Person {
  /** Channels with a granted consent in effect now (current school year). */
  readonly grantedChannels: readonly string[];
}
