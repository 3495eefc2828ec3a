// SQL behind the audit report's sentences: a pseudonym's person now, and who had signed the consent a withdrawal ended.
import type { Signer } from '../../../shared/consent';
import type { ReadableDb } from '../db';

export interface PseudonymPerson {
  readonly roepnaam: string | null;
  readonly voornamen: string | null;
  readonly tussenvoegsel: string | null;
  readonly achternaam: string;
  readonly erasedAt: string | null;
}

export function personByPseudonym(db: ReadableDb, pseudonym: string): PseudonymPerson | null {
  const row = db
    .prepare(
      `SELECT roepnaam, voornamen, tussenvoegsel, achternaam, erased_at AS erasedAt FROM people WHERE pseudonym = ?`,
    )
    .get(pseudonym) as PseudonymPerson | undefined;
  return row ?? null;
}

/** The signer of the latest signed version before record `recordId` of the same person, channel and school year. */
export function signerBeforeRecord(db: ReadableDb, recordId: number): Signer | null {
  const signer = db
    .prepare(
      `SELECT earlier.signed_by FROM consent_records AS later
       JOIN consent_records AS earlier ON earlier.person_id = later.person_id
        AND earlier.channel_id = later.channel_id AND earlier.school_year = later.school_year
        AND earlier.version < later.version AND earlier.signed_by IS NOT NULL
       WHERE later.id = ? ORDER BY earlier.version DESC LIMIT 1`,
    )
    .pluck()
    .get(recordId) as Signer | undefined;
  return signer ?? null;
}
