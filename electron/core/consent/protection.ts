// The "never publish" mark on a person (a custody dispute, a shelter, foster care): set by an import column or by
// hand, taken off only by a privacy officer with a reason. Every change is an audit event naming the person by
// pseudonym; the student number and the reason stay outside the chain (erasable), as for consent changes.
import { consentReasonProblem, foldReason, type Person } from '../../../shared/consent';
import { AppError } from '../../../shared/errors';
import type { Actor, AuditInput, AuditLog } from '../audit';
import { audited } from '../audit';
import type { ReadableDb, WritableDb } from '../db';
import { isPrivacyOfficer } from '../settings';
import { getPerson } from './registry';
import { pseudonymOf, updatePersonProtected } from './repository';

export interface ProtectionChange {
  readonly personId: number;
  readonly protected: boolean;
  /** Why: optional when marking, required when a privacy officer takes the mark off. */
  readonly reason?: string | undefined;
}

/** The audit event of a mark set or taken off: the person by pseudonym, the number and reason outside the chain. */
export function protectionEvent(
  person: { readonly pseudonym: string; readonly externalKey: string | null },
  isProtected: boolean,
  context: { readonly source: 'manual' | 'import'; readonly reason: string | null },
): AuditInput {
  return {
    action: isProtected ? 'person.protect' : 'person.unprotect',
    subject: `person:${person.pseudonym}`,
    details: { person: person.pseudonym, source: context.source },
    personal: {
      about: [person.pseudonym],
      details:
        context.reason === null ? { key: person.externalKey } : { key: person.externalKey, reason: context.reason },
    },
  };
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
  log(
    protectionEvent({ pseudonym: pseudonymOf(db, person.id), externalKey: person.externalKey }, isProtected, context),
  );
}

/** The reason as it will be kept: optional when marking, required when taking the mark off. */
function protectionReason(change: Readonly<ProtectionChange>): string | null {
  const raw = change.reason === undefined ? '' : foldReason(change.reason);
  if (!change.protected || raw !== '') {
    const problem = consentReasonProblem(raw);
    if (problem) throw new AppError(problem.code, problem.params);
  }
  return raw === '' ? null : raw;
}

/** A mark to set or take off, checked; null when the person already is as asked. */
export interface PlannedProtection {
  readonly person: Person;
  readonly reason: string | null;
}

/**
 * Checks a change of the mark against the registry (here: the laptop's, or a board workstation's copy). Who may
 * take it off is the caller's question: the laptop's privacy officer, or the board's database.
 */
export function planProtection(db: ReadableDb, change: Readonly<ProtectionChange>): PlannedProtection | null {
  const reason = protectionReason(change);
  const person = getPerson(db, change.personId);
  return person.protected === change.protected ? null : { person, reason };
}

/** Marks a person "never publish", or takes the mark off (a privacy officer, with a reason). */
export function setPersonProtected(
  db: WritableDb,
  actor: Actor,
  change: Readonly<ProtectionChange>,
  now = new Date(),
): Person {
  const reason = protectionReason(change);
  return audited(
    db,
    actor,
    (log) => {
      const person = getPerson(db, change.personId);
      if (person.protected === change.protected) return person;
      if (!change.protected && !isPrivacyOfficer(db, actor)) {
        throw new AppError('consent.protected.removeNeedsPrivacyOfficer', {});
      }
      writeProtection(db, log, person, change.protected, { at: now.toISOString(), source: 'manual', reason });
      return getPerson(db, person.id);
    },
    { now },
  );
}
