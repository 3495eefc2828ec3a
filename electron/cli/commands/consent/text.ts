// What the consent commands share: the school year option and a consent status in the reader's language.
import { currentSchoolYear, isSchoolYearId } from '../../../../shared/consent';
import { AppError } from '../../../../shared/errors';
import { isMessageKey } from '../../../../shared/i18n';
import type { Output } from '../../output';

/** The --year option: a school year such as 2026-2027, default the current one. */
export function year(value: string | undefined): string {
  const id = value ?? currentSchoolYear();
  if (!isSchoolYearId(id)) throw new AppError('consent.year.invalid', { year: id });
  return id;
}

export function statusText(out: Output, status: string): string {
  const key = `consent.status.${status}`;
  return isMessageKey(key) ? out.t(key) : status;
}
