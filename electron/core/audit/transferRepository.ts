// SQL of handing a laptop's trail to a school board (`fotowacht board migrate`): every event as sealed, with its
// personal details (kept outside the chain) and the pseudonyms those are about, oldest first.
import type { ReadableDb } from '../db';
import type { AuditRowWithPersonal } from './repository';

export interface TransferAuditRow extends AuditRowWithPersonal {
  /** Pseudonyms the personal details are about, comma-separated (null: none). */
  readonly personal_about: string | null;
}

export function auditRowsForTransfer(db: ReadableDb): IterableIterator<TransferAuditRow> {
  return db
    .prepare(
      `SELECT e.*, p.salt AS personal_salt, p.details AS personal_details,
         (SELECT group_concat(pseudonym) FROM audit_personal_people pp WHERE pp.seq = e.seq) AS personal_about
       FROM audit_events e LEFT JOIN audit_personal p ON p.seq = e.seq ORDER BY e.seq`,
    )
    .iterate() as IterableIterator<TransferAuditRow>;
}
