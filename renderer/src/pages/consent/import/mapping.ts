// The column mapping as the wizard edits it: one use per column header, to and from the registry's ConsentMapping.
import { currentSchoolYear, type ImportPersonKind } from '../../../../../shared/consent';
import { type ConsentMapping, type PersonField } from '../../../../../shared/consentImport';

/** What one column is used for: '' (not used), 'field:<PersonField>' or 'channel:<id>'. */
export type ColumnUse = string;

/** Last school year, this one and the next: a list is imported for one of them. */
export function schoolYearChoices(): string[] {
  const current = currentSchoolYear();
  const start = Number(current.slice(0, 4));
  return [`${start - 1}-${start}`, current, `${start + 1}-${start + 2}`];
}

export function usesFromMapping(mapping: ConsentMapping): Record<string, ColumnUse> {
  const uses: Record<string, ColumnUse> = {};
  for (const [field, header] of Object.entries(mapping.fields)) if (header) uses[header] = `field:${field}`;
  for (const [header, channel] of Object.entries(mapping.channels)) uses[header] = `channel:${channel}`;
  return uses;
}

export function mappingFromUses(
  headerRow: number,
  personKind: ImportPersonKind,
  headers: readonly string[],
  uses: Readonly<Record<string, ColumnUse>>,
): ConsentMapping {
  const fields: Partial<Record<PersonField, string>> = {};
  const channels: Record<string, string> = {};
  for (const header of headers) {
    const use = uses[header] ?? '';
    if (use.startsWith('field:')) fields[use.slice(6) as PersonField] ??= header;
    else if (use.startsWith('channel:')) channels[header] = use.slice(8);
  }
  return { headerRow, personKind, fields, channels };
}
