// The "never publish" mark on a person (a custody dispute, a shelter, foster care): set by an import column or by
// hand, taken off only by a privacy officer with a reason. Every change is an audit event naming the person by
// pseudonym; the student number and the reason stay outside the chain (erasable), as for consent changes.
import { consentReasonProblem, foldReason, type Person } from '../../../shared/consent';
import { AppError } from '../../../shared/errors';
import type { Actor, AuditLog } from '../audit';
import { audited } from '../audit';
import type { WritableDb } from '../db';
import { isPrivacyOfficer } from '../settings';
import { getPerson } from './registry';
import { pseudonymOf, updatePersonProtected } from './repository';

export interface ProtectionChange {
  readonly personId: number;
  readonly protected: boolean;
  /** Why: optional when marking, required when a privacy officer takes the mark off. */
  readonly reason?: string | undefined;
}

/** Writes the mark and its audit event inside a running audited change (the import marks people this way too). */
export function writeProtection(
  db: WritableDb,
  log: AuditLog,
  person: Pick<Person, 'id' | 'externalKey'>,
  isProtected: boolean,
  context: { readonly at: string; readonly source: 'manual' | 'import'; readonly reason: string | null },
): void {
  updatePersonProtected(db, person.id, isProtected, context.at);
  const pseudonym = pseudonymOf(db, person.id);
  log({
    action: isProtected ? 'person.protect' : 'person.unprotect',
    subject: `person:${pseudonym}`,
    details: { person: pseudonym, source: context.source },
    personal: {
      about: [pseudonym],
      details:
        context.reason === null ? { key: person.externalKey } : { key: person.externalKey, reason: context.reason },
    },
  });
}

/** Marks a person "never publish", or takes the mark off (a privacy officer, with a reason). */
export function setPersonProtected(
  db: WritableDb,
  actor: Actor,
  change: Readonly<ProtectionChange>,
  now = new Date(),
): Person {
  const raw = change.reason === undefined ? '' : foldReason(change.reason);
  if (!change.protected || raw !== '') {
    const problem = consentReasonProblem(raw);
    if (problem) throw new AppError(problem.code, problem.params);
  }
  return audited(
    db,
    actor,
    (log) => {
      const person = getPerson(db, change.personId);
      if (person.protected === change.protected) return person;
      if (!change.protected && !isPrivacyOfficer(db, actor)) {
        throw new AppError('consent.protected.removeNeedsPrivacyOfficer', {});
      }
      writeProtection(db, log, person, change.protected, {
        at: now.toISOString(),
        source: 'manual',
        reason: raw === '' ? null : raw,
      });
      return getPerson(db, person.id);
    },
    { now },
  );
}
