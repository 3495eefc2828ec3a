// SQL of the consent lists (turning 16, renewal): the last form each person signed.
import type { SchoolYearId, Signer } from '../../../shared/consent';
import type { SignedForm } from '../../../shared/consentLists';
import type { ReadableDb } from '../db';

/**
 * The last form each person signed: the newest signing day of a list row or a change by hand that is an answer
 * (not "not returned"); without a signing date, the day it was recorded. Withdrawals are not forms.
 */
export function lastSignedForms(db: ReadableDb): Map<number, SignedForm> {
  const rows = db
    .prepare(
      `SELECT person_id, school_year, signed_by, coalesce(signed_on, substr(effective_from, 1, 10)) AS day
       FROM consent_records WHERE source IN ('import', 'manual') AND status <> 'not_returned'
       ORDER BY person_id, day, id`,
    )
    .raw()
    .all() as Array<[number, SchoolYearId, Signer | null, string]>;
  const forms = new Map<number, SignedForm>();
  for (const [personId, schoolYear, signedBy, signedOn] of rows)
    forms.set(personId, { signedOn, signedBy, schoolYear });
  return forms;
}
