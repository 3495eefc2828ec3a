// The consent domain's pure logic and types: school years, list values, signers, dates, column mappings,
// the import preview and the registry's answers. No Node, Electron or DOM: main, renderer and CLI share it.
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
  return /^\s*[=+@]/.test(raw) && raw.trim().length > 1 && !/^\s*\+?\d[\d\s-]*$/.test(raw);
}

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

// ---------------------------------------------------------------- column mapping

export const PERSON_FIELDS = [
  'studentNumber',
  'staffNumber',
  'email',
  'roepnaam',
  'voornamen',
  'tussenvoegsel',
  'achternaam',
  'className',
  'birthDate',
  'signedBy',
  'signedOn',
] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

/**
 * How the columns of a list map to Fotowacht: proposed from the headers, confirmed or corrected by a person,
 * saved as mapping.json. Columns are named by their header text (compared without case and extra spaces).
 */
export interface ConsentMapping {
  /** The row (1-based, as a spreadsheet numbers it) that holds the headers; rows above it are titles. */
  readonly headerRow: number;
  readonly personKind: ImportPersonKind;
  /** Field → header text. */
  readonly fields: Readonly<Partial<Record<PersonField, string>>>;
  /** Header text → channel id. */
  readonly channels: Readonly<Record<string, string>>;
}

export function headerKey(header: string): string {
  return normaliseCell(header);
}

const FIELD_LABELS: ReadonlyArray<readonly [PersonField, RegExp]> = [
  ['studentNumber', /^(leerling ?(nummer|nr\.?|id)|llnr\.?|lln ?nr\.?|stamnummer|stamnr\.?|student ?(number|nr|id))$/],
  ['staffNumber', /^(personeels ?(nummer|nr\.?)|medewerker ?(nummer|nr\.?)|staff ?(number|id)|employee ?(number|id))$/],
  ['email', /^(e-?mail|e-?mail ?adres|email ?address)$/],
  ['roepnaam', /^(roepnaam|called name|preferred name)$/],
  ['voornamen', /^(voornamen|officiele voornamen|first names|given names)$/],
  ['tussenvoegsel', /^(tussenvoegsels?|tussenv\.?|voorvoegsels?|prefix)$/],
  ['achternaam', /^(achternaam|geslachtsnaam|familienaam|last ?name|surname|family name)$/],
  ['className', /^(klas|groep|stamgroep|klas ?\/ ?groep|groep ?\/ ?klas|jaargroep|basisgroep|class|group|form)$/],
  ['birthDate', /^(geboortedatum|geb\.? ?datum|geboren( op)?|date of birth|birth ?date|dob)$/],
  ['signedBy', /^((ondertekend|getekend|ingevuld) door|ondertekenaar|handtekening van|signed by|signatory)$/],
  [
    'signedOn',
    /^(datum (ondertekening|ondertekend|getekend|handtekening|formulier|ingevuld)|(ondertekend|getekend|ingevuld) op|signed on|signing date|date signed)$/,
  ],
];

/** Words in a header that point to a channel, per default channel id. Custom channels match on their label or id. */
const CHANNEL_WORDS: Readonly<Record<string, readonly string[]>> = {
  schoolgids: ['schoolgids', 'brochure', 'schoolfolder', 'folder', 'drukwerk', 'school guide'],
  website: ['website', 'webpagina', 'internet', 'site'],
  social: [
    'social media',
    'sociale media',
    'socials',
    'facebook',
    'instagram',
    'twitter',
    'linkedin',
    'tiktok',
    'youtube',
  ],
  newsletter: ['nieuwsbrief', 'newsletter', 'nieuwsblad'],
  parent_app: [
    'ouderapp',
    'ouder app',
    'ouderportaal',
    'ouder portaal',
    'parro',
    'social schools',
    'schoolapp',
    'parent app',
    'parent portal',
  ],
};

/** The person field a header names, if it is one of the usual labels. */
export function fieldForHeader(header: string): PersonField | 'voornaam' | null {
  const key = stripAccents(headerKey(header))
    .replace(/[:*]+$/, '')
    .trim();
  if (/^(voornaam|first ?name)$/.test(key)) return 'voornaam';
  for (const [field, pattern] of FIELD_LABELS) if (pattern.test(key)) return field;
  return null;
}

/** The channel a header names, if exactly one channel fits. Two channels in one header: none (never a guess). */
export function channelForHeader(
  header: string,
  channels: readonly Pick<Channel, 'id' | 'labelNl' | 'labelEn' | 'retiredAt'>[],
): string | null {
  const key = ` ${stripAccents(headerKey(header))
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/ +/g, ' ')
    .trim()} `;
  const hits = new Set<string>();
  for (const channel of channels) {
    if (channel.retiredAt) continue;
    // The default channels by their usual words; a school's own channels by their id and labels.
    const words = [
      ...(CHANNEL_WORDS[channel.id] ?? [channel.id.replace(/[_-]+/g, ' ')]),
      channel.labelNl,
      channel.labelEn,
    ].map((word) =>
      stripAccents(word.toLowerCase())
        .replace(/[^a-z0-9 ]+/g, ' ')
        .replace(/ +/g, ' ')
        .trim(),
    );
    if (words.some((word) => word.length >= 3 && key.includes(` ${word} `))) hits.add(channel.id);
  }
  return hits.size === 1 ? [...hits][0]! : null;
}

/** How many of a row's cells are labels Fotowacht knows: the header row is the one with the most. */
export function recognisedHeaderCount(
  cells: readonly string[],
  channels: Parameters<typeof channelForHeader>[1],
): number {
  return cells.filter(
    (cell) => cell.trim() !== '' && (fieldForHeader(cell) !== null || channelForHeader(cell, channels) !== null),
  ).length;
}

/**
 * A proposed mapping from a list's rows: the header row is the one (of the first 30) with the most known labels.
 * Unknown headers stay unmapped; the person confirms or corrects.
 */
export function proposeMapping(
  rows: readonly (readonly string[])[],
  channels: Parameters<typeof channelForHeader>[1],
): ConsentMapping {
  let headerIndex = -1;
  let best = 0;
  rows.slice(0, 30).forEach((cells, index) => {
    const count = recognisedHeaderCount(cells, channels);
    if (count > best) {
      best = count;
      headerIndex = index;
    }
  });
  if (headerIndex < 0)
    headerIndex = Math.max(
      0,
      rows.findIndex((cells) => cells.filter((c) => c.trim() !== '').length >= 2),
    );
  const headers = rows[headerIndex] ?? [];
  const fields: Partial<Record<PersonField, string>> = {};
  const channelMap: Record<string, string> = {};
  const usedChannels = new Set<string>();
  const voornaam: string[] = [];
  for (const header of headers) {
    if (header.trim() === '') continue;
    const field = fieldForHeader(header);
    if (field === 'voornaam') voornaam.push(header);
    else if (field !== null) fields[field] ??= header;
    else {
      const channel = channelForHeader(header, channels);
      if (channel !== null && !usedChannels.has(channel)) {
        usedChannels.add(channel);
        channelMap[header] = channel;
      }
    }
  }
  // "Voornaam" is the roepnaam when there is no roepnaam column, else the official first names.
  for (const header of voornaam) {
    if (!fields.roepnaam) fields.roepnaam = header;
    else fields.voornamen ??= header;
  }
  const personKind: ImportPersonKind =
    !fields.studentNumber && (fields.staffNumber || fields.email) ? 'staff' : 'pupil';
  return { headerRow: headerIndex + 1, personKind, fields, channels: channelMap };
}

// ---------------------------------------------------------------- import results

export type IssueSeverity = 'error' | 'warning';

/** A problem with one cell or row of a list: row as the spreadsheet numbers it, header text, the raw value. */
export interface ConsentRowIssue {
  readonly severity: IssueSeverity;
  readonly row: number;
  readonly column: string | null;
  readonly value: string;
  /** An error code: the text is 'error.<code>' in the i18n tables. */
  readonly code: string;
  readonly params: Readonly<Record<string, string | number>>;
}

export interface ConsentListRow extends NameParts {
  readonly row: number;
  readonly kind: ImportPersonKind;
  readonly key: string;
  readonly className: string | null;
  readonly birthDate: string | null;
  readonly signedBy: Signer | null;
  /** True when no column said who signed and the age on the signing date did. */
  readonly signedByInferred: boolean;
  readonly signedOn: string | null;
  /** Channel id → the cell's value. */
  readonly consents: Readonly<Record<string, ListConsentStatus>>;
}

export interface PreviewPerson {
  readonly row: number | null;
  readonly personId: number | null;
  readonly key: string;
  readonly name: string;
  readonly className: string | null;
}

export interface ConsentChange {
  readonly row: number;
  readonly personId: number | null;
  readonly key: string;
  readonly name: string;
  readonly channelId: string;
  readonly from: ConsentStatus | null;
  readonly to: ListConsentStatus;
}

export interface ConsentImportCounts {
  readonly rows: number;
  readonly validRows: number;
  readonly errorRows: number;
  readonly warningRows: number;
  readonly newPeople: number;
  readonly updatedPeople: number;
  readonly newConsents: number;
  readonly changedConsents: number;
  readonly withdrawals: number;
  readonly unchangedConsents: number;
  readonly missing: number;
  readonly granted: number;
  readonly refused: number;
  readonly notReturned: number;
}

export interface ConsentImportPreview {
  readonly fileName: string;
  readonly fileSha256: string;
  readonly schoolYear: SchoolYearId;
  readonly mapping: ConsentMapping;
  readonly counts: ConsentImportCounts;
  readonly newPeople: readonly PreviewPerson[];
  /** Changes for people who already had a record this school year (first records are counted, not listed). */
  readonly changes: readonly ConsentChange[];
  /** The changes from granted to refused or not returned. */
  readonly withdrawals: readonly ConsentChange[];
  /** People listed by the previous import of this school year and kind, but not by this file. */
  readonly missing: readonly PreviewPerson[];
  readonly errors: readonly ConsentRowIssue[];
  readonly warnings: readonly ConsentRowIssue[];
  readonly previousImportId: number | null;
  /** SHA-256 over what a commit would write; a commit refuses when it no longer matches. */
  readonly fingerprint: string;
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
