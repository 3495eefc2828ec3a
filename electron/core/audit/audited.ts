// One way to make a change that is logged: the change and its audit events in one transaction, so both are
// committed or neither is. Every service that changes something a privacy officer may ask about goes through it.
import type { AuditEvent } from '../../../shared/types';
import type { WritableDb } from '../db';
import type { Actor } from './actor';
import { appendAuditEvent, type AuditInput } from './trail';

/** Appends one audit event inside the running change. */
export type AuditLog = (input: AuditInput) => AuditEvent;

export interface AuditedOptions {
  /** The moment the events carry (tests and imports that state their own time). */
  readonly now?: Date | undefined;
}

/**
 * Runs `change` in an immediate transaction (a savepoint when the caller already holds one) and gives it `log`
 * to record what it did. A change that throws leaves neither its rows nor its events behind.
 */
export function audited<T>(
  db: WritableDb,
  actor: Actor,
  change: (log: AuditLog) => T,
  options: AuditedOptions = {},
): T {
  const log: AuditLog = (input) => appendAuditEvent(db, actor, input, options.now);
  return db.transaction(() => change(log)).immediate();
}
