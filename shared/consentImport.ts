// Reading a consent list: which column holds what (the mapping proposed from the headers) and what an import
// would change (the preview). Pure: main, renderer and CLI share it.
import {
  normaliseCell,
  stripAccents,
  type SchoolYearId,
  type ConsentStatus,
  type ListConsentStatus,
  type Signer,
  type ImportPersonKind,
  type NameParts,
  type Channel,
} from './consent';

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
  'protected',
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
  // Student administrations mark such pupils "geheim" or "vertrouwelijk" (address secret, custody, shelter).
  [
    'protected',
    /^(vertrouwelijk|vertrouwelijke leerling|geheim|geheime leerling|adres geheim|afgeschermd|beschermd|beschermde leerling|niet publiceren|nooit publiceren|nooit in beeld|protected|protected pupil|confidential|never publish|do not publish)$/,
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
  /** The list marks this person "never publish" (an unclear value marks them too: doubt protects). */
  readonly protected: boolean;
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

/** Someone already in the registry whose name the list writes differently: shown old → new, confirmed by a person. */
export interface NameChange {
  readonly row: number;
  readonly personId: number;
  readonly key: string;
  readonly from: string;
  readonly to: string;
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
  /**
   * People whose name this list changes (a wrongly encoded list would rename them silently, and their tags would
   * stop matching): a commit needs an explicit confirmation when there are any.
   */
  readonly renamed: readonly NameChange[];
  /** People listed by the previous import of this school year and kind, but not by this file. */
  readonly missing: readonly PreviewPerson[];
  /**
   * People this list marks "never publish" who are not marked yet. An import only adds the mark: taking it off is
   * a privacy officer's change by hand.
   */
  readonly protect: readonly PreviewPerson[];
  readonly errors: readonly ConsentRowIssue[];
  readonly warnings: readonly ConsentRowIssue[];
  readonly previousImportId: number | null;
  /** SHA-256 over what a commit would write; a commit refuses when it no longer matches. */
  readonly fingerprint: string;
}
