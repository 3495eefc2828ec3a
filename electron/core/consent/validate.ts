// Checking a mapping against a list, then every row of it: what can be imported, and each error or doubt with
// its row, column, value and reason code. Nothing is guessed: an unknown value is an error.
import {
  ageOn,
  isFormulaLike,
  isInSchoolYear,
  localDay,
  looksLikeMojibake,
  MAX_FIELD_LENGTH,
  parseConsentValue,
  parseListDate,
  parentGrantVoidFrom,
  formCountsFrom,
  parseSigner,
  SELF_CONSENT_AGE,
  type Channel,
  type ListConsentStatus,
  type SchoolYearId,
  type Signer,
  withoutFormatCharacters,
} from '../../../shared/consent';
import {
  headerKey,
  type ConsentListRow,
  type ConsentMapping,
  type ConsentRowIssue,
  type IssueSeverity,
  type PersonField,
} from '../../../shared/consentImport';
import { AppError } from '../../../shared/errors';

export interface ValidatedList {
  /** The header row's cells. */
  readonly headers: readonly string[];
  /** Rows below the header that hold anything. */
  readonly rowCount: number;
  readonly valid: readonly ConsentListRow[];
  readonly errors: readonly ConsentRowIssue[];
  readonly warnings: readonly ConsentRowIssue[];
  /** Rows (spreadsheet numbers) with at least one error: none of their cells is imported. */
  readonly errorRows: ReadonlySet<number>;
  /** Every key the list names, on valid rows or not (a person on a broken row is not missing from the list). */
  readonly keys: ReadonlySet<string>;
}

interface ResolvedMapping {
  readonly fields: Partial<Record<PersonField, number>>;
  readonly channels: ReadonlyArray<{ readonly index: number; readonly header: string; readonly channelId: string }>;
}

/** Checks the mapping against the header row; throws a mapping error a person can fix. */
export function resolveMapping(
  rows: readonly (readonly string[])[],
  mapping: Readonly<ConsentMapping>,
  channels: readonly Pick<Channel, 'id' | 'retiredAt'>[],
): { headers: readonly string[]; resolved: ResolvedMapping } {
  const headers = rows[mapping.headerRow - 1];
  if (!headers) throw new AppError('consent.mapping.noHeaderRow', { row: mapping.headerRow, rows: rows.length });
  const positions = new Map<string, number[]>();
  headers.forEach((header, index) => {
    const key = headerKey(header);
    if (key !== '') positions.set(key, [...(positions.get(key) ?? []), index]);
  });
  const find = (header: string): number => {
    const found = positions.get(headerKey(header));
    if (!found) throw new AppError('consent.mapping.columnMissing', { column: header, row: mapping.headerRow });
    if (found.length > 1)
      throw new AppError('consent.mapping.columnAmbiguous', { column: header, count: found.length });
    return found[0]!;
  };
  const fields: Partial<Record<PersonField, number>> = {};
  for (const [field, header] of Object.entries(mapping.fields) as [PersonField, string | undefined][]) {
    if (header !== undefined && header.trim() !== '') fields[field] = find(header);
  }
  const used = new Map<string, string>();
  const channelColumns: Array<{ index: number; header: string; channelId: string }> = [];
  for (const [header, channelId] of Object.entries(mapping.channels)) {
    const channel = channels.find((c) => c.id === channelId);
    if (!channel) throw new AppError('consent.mapping.unknownChannel', { column: header, channel: channelId });
    if (channel.retiredAt) throw new AppError('consent.mapping.retiredChannel', { column: header, channel: channelId });
    const earlier = used.get(channelId);
    if (earlier !== undefined) {
      throw new AppError('consent.mapping.channelTwice', { channel: channelId, first: earlier, second: header });
    }
    used.set(channelId, header);
    channelColumns.push({ index: find(header), header: headers[find(header)]!, channelId });
  }
  const keyFields: PersonField[] = mapping.personKind === 'pupil' ? ['studentNumber'] : ['staffNumber', 'email'];
  if (!keyFields.some((field) => fields[field] !== undefined)) {
    throw new AppError('consent.mapping.requiredMissing', { field: keyFields[0]! });
  }
  if (fields.achternaam === undefined) throw new AppError('consent.mapping.requiredMissing', { field: 'achternaam' });
  if (channelColumns.length === 0) throw new AppError('consent.mapping.noChannels', {});
  return { headers, resolved: { fields, channels: channelColumns } };
}

function fieldLengthKind(field: PersonField): 'name' | 'key' | 'email' | 'other' {
  if (field === 'roepnaam' || field === 'voornamen' || field === 'tussenvoegsel' || field === 'achternaam') {
    return 'name';
  }
  if (field === 'studentNumber' || field === 'staffNumber') return 'key';
  return field === 'email' ? 'email' : 'other';
}

export interface ValidateOptions {
  readonly schoolYear: SchoolYearId;
  /** Today's local day, for signing dates in the future. */
  readonly today?: string;
}

export function validateConsentList(
  rows: readonly (readonly string[])[],
  mapping: Readonly<ConsentMapping>,
  channels: readonly Pick<Channel, 'id' | 'retiredAt'>[],
  options: ValidateOptions,
): ValidatedList {
  const { headers, resolved } = resolveMapping(rows, mapping, channels);
  const today = options.today ?? localDay(new Date());
  const errors: ConsentRowIssue[] = [];
  const warnings: ConsentRowIssue[] = [];
  const candidates: ConsentListRow[] = [];
  const errorRows = new Set<number>();
  const rowsByKey = new Map<string, number[]>();
  let rowCount = 0;

  for (let index = mapping.headerRow; index < rows.length; index += 1) {
    const cells = rows[index]!;
    if (cells.every((cell) => cell.trim() === '')) continue;
    rowCount += 1;
    const row = index + 1;
    let failed = false;
    const issue = (
      severity: IssueSeverity,
      column: number | null,
      code: string,
      params: Record<string, string | number> = {},
    ) => {
      const value = column === null ? '' : (cells[column] ?? '');
      const entry: ConsentRowIssue = {
        severity,
        row,
        column: column === null ? null : (headers[column] ?? null),
        value,
        code,
        params,
      };
      if (severity === 'error') {
        errors.push(entry);
        failed = true;
      } else warnings.push(entry);
    };
    if (cells.length < headers.length) {
      const lastMapped = Math.max(...Object.values(resolved.fields), ...resolved.channels.map((c) => c.index));
      if (cells.length <= lastMapped)
        issue('error', null, 'consent.row.shortRow', { cells: cells.length, expected: headers.length });
    }
    const checked = new Set<PersonField>();
    const text = (field: PersonField): string | null => {
      const column = resolved.fields[field];
      if (column === undefined) return null;
      // Invisible format characters (a right-to-left override turns "Jan" into "naJ" on screen) are taken out.
      const { text: visible, stripped } = withoutFormatCharacters(cells[column] ?? '');
      const value = visible.replace(/[\s\u00a0]+/g, ' ').trim();
      // Each field is read more than once; its remarks are made once.
      if (checked.has(field)) return value === '' ? null : value;
      checked.add(field);
      if (stripped) issue('warning', column, 'consent.row.formatCharacters');
      if (value !== '' && isFormulaLike(value)) issue('warning', column, 'consent.row.formulaKept');
      if (looksLikeMojibake(value)) issue('warning', column, 'consent.row.mojibake');
      const max = MAX_FIELD_LENGTH[fieldLengthKind(field)]!;
      if (value.length > max) issue('error', column, 'consent.row.tooLong', { max, length: value.length });
      return value === '' ? null : value;
    };

    // The key: student number, or staff number / e-mail.
    let key: string | null;
    if (mapping.personKind === 'pupil') {
      key = text('studentNumber');
      if (key === null) issue('error', resolved.fields.studentNumber ?? null, 'consent.row.missingKey');
      else if (isFormulaLike(key)) issue('error', resolved.fields.studentNumber!, 'consent.row.formulaKey');
    } else {
      const staffNumber = text('staffNumber');
      const email = text('email')?.toLowerCase() ?? null;
      key = staffNumber ?? email;
      if (key === null)
        issue('error', resolved.fields.staffNumber ?? resolved.fields.email ?? null, 'consent.row.missingKey');
      else if (staffNumber === null && email !== null && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
        issue('error', resolved.fields.email!, 'consent.row.invalidEmail');
      }
    }

    const achternaam = text('achternaam');
    if (achternaam === null) issue('error', resolved.fields.achternaam!, 'consent.row.missingName');
    // Read (and checked) before the row's verdict: a name too long fails the row.
    const roepnaam = text('roepnaam');
    const voornamen = text('voornamen');
    const tussenvoegsel = text('tussenvoegsel');
    const className = text('className');

    const birthRaw = text('birthDate');
    const birthDate = birthRaw === null ? null : parseListDate(birthRaw);
    if (birthRaw !== null && birthDate === null) issue('error', resolved.fields.birthDate!, 'consent.row.invalidDate');
    if (birthDate !== null && birthDate > today) issue('error', resolved.fields.birthDate!, 'consent.row.futureDate');

    const signedOnRaw = text('signedOn');
    const signedOn = signedOnRaw === null ? null : parseListDate(signedOnRaw);
    if (signedOnRaw !== null && signedOn === null) issue('error', resolved.fields.signedOn!, 'consent.row.invalidDate');
    if (signedOn !== null && signedOn > today) issue('warning', resolved.fields.signedOn!, 'consent.row.futureDate');
    if (signedOn !== null && signedOn > options.schoolYear.slice(5) + '-07-31') {
      issue('error', resolved.fields.signedOn!, 'consent.row.signedAfterYear', { year: options.schoolYear });
    }
    // Forms for next year are often signed in June or July; older ones may be last year's form: a remark.
    if (signedOn !== null && signedOn < options.schoolYear.slice(0, 4) + '-08-01') {
      issue('warning', resolved.fields.signedOn!, 'consent.row.signedBeforeYear', { year: options.schoolYear });
    }

    const signerRaw = text('signedBy');
    let signedBy: Signer | null = signerRaw === null ? null : parseSigner(signerRaw);
    if (signerRaw !== null && signedBy === null) issue('error', resolved.fields.signedBy!, 'consent.row.unknownSigner');
    let signedByInferred = false;
    // The 16th birthday, when a parent or guardian signed for a pupil who is 16 on the day the form counts from: the
    // parent's signature no longer grants a new consent year (refusals still count: doubt hides).
    let parentSignedFrom: string | null = null;
    let grantDay = '';

    // Under 16 on the signing date: a parent or guardian signs; from 16 on, the pupil. Without a signing
    // date the first day of the school year stands in (or today, if the year has begun).
    if (mapping.personKind === 'pupil' && birthDate !== null) {
      const yearStart = `${options.schoolYear.slice(0, 4)}-08-01`;
      const onDay = signedOn ?? (isInSchoolYear(today, options.schoolYear) ? today : yearStart);
      const age = ageOn(birthDate, onDay);
      if (signedBy === null && signerRaw === null) {
        signedBy = age < SELF_CONSENT_AGE ? 'parent' : 'self';
        signedByInferred = true;
      } else if (signedBy === 'self' && age < SELF_CONSENT_AGE) {
        issue('warning', resolved.fields.signedBy!, 'consent.row.signerTooYoung', { age, date: onDay });
      } else if ((signedBy === 'parent' || signedBy === 'guardian') && age >= SELF_CONSENT_AGE) {
        issue('warning', resolved.fields.signedBy!, 'consent.row.signerShouldBeSelf', { age, date: onDay });
      }
      // The school year the form is for begins no earlier than 1 August: a form signed in June by a parent of a
      // pupil who turns 16 in July grants nothing for the new year either.
      grantDay = formCountsFrom(onDay, options.schoolYear);
      if (signedBy === 'parent' || signedBy === 'guardian') parentSignedFrom = parentGrantVoidFrom(birthDate, grantDay);
    } else if (mapping.personKind === 'staff' && signedBy === null && signerRaw === null) {
      signedBy = 'self';
      signedByInferred = true;
    }

    const parentCannotGrant = parentSignedFrom !== null;
    const consents: Record<string, ListConsentStatus> = {};
    for (const column of resolved.channels) {
      const raw = cells[column.index] ?? '';
      if (isFormulaLike(raw)) {
        issue('error', column.index, 'consent.row.formulaValue');
        continue;
      }
      const status = parseConsentValue(raw);
      if (status === null) issue('error', column.index, 'consent.row.unknownValue');
      else if (status === 'granted' && parentCannotGrant) {
        // Not written at all: a record the pupil signed themself must not be replaced by this one.
        issue('warning', column.index, 'consent.row.parentCannotGrant', {
          birthday: parentSignedFrom!,
          date: grantDay,
        });
      } else consents[column.channelId] = status;
    }

    const protectedRaw = text('protected');
    const protectedValue = protectedRaw === null ? 'not_returned' : parseConsentValue(protectedRaw);
    if (protectedValue === null) issue('warning', resolved.fields.protected!, 'consent.row.protectedUnclear');

    if (key !== null) rowsByKey.set(key, [...(rowsByKey.get(key) ?? []), row]);
    if (failed) errorRows.add(row);
    if (!failed && key !== null && achternaam !== null) {
      candidates.push({
        row,
        kind: mapping.personKind,
        key,
        roepnaam,
        voornamen,
        tussenvoegsel,
        achternaam,
        className,
        birthDate,
        signedBy,
        signedByInferred,
        signedOn,
        consents,
        protected: protectedValue === null || protectedValue === 'granted',
      });
    }
  }

  // A key listed twice: which row is right cannot be known, so every row with it is an error.
  const keyColumn =
    mapping.personKind === 'pupil'
      ? resolved.fields.studentNumber
      : (resolved.fields.staffNumber ?? resolved.fields.email);
  for (const [key, keyRows] of rowsByKey) {
    if (keyRows.length < 2) continue;
    for (const row of keyRows) {
      errors.push({
        severity: 'error',
        row,
        column: keyColumn === undefined ? null : (headers[keyColumn] ?? null),
        value: key,
        code: 'consent.row.duplicateKey',
        params: { rows: keyRows.join(', ') },
      });
      errorRows.add(row);
    }
  }
  errors.sort((a, b) => a.row - b.row);
  warnings.sort((a, b) => a.row - b.row);
  return {
    headers,
    rowCount,
    valid: candidates.filter((candidate) => !errorRows.has(candidate.row)),
    errors,
    warnings,
    errorRows,
    keys: new Set(rowsByKey.keys()),
  };
}
