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
  /**
   * False: the observer does not see these events (board mode: the caller put them on the board's trail itself, so
   * they are not queued for it a second time). Default true.
   */
  readonly observed?: boolean | undefined;
}

/**
 * Sees each event `audited` appends, inside the same transaction: board mode queues it for the board's trail
 * (electron/core/board/outbox.ts). It decides per database whether to do anything; single-laptop mode does nothing.
 */
export type AuditObserver = (db: WritableDb, event: AuditEvent) => void;

let observer: AuditObserver | null = null;

/** Sets (or with null removes) the one observer of appended events; openCore sets the board's outbox. */
export function observeAuditedEvents(next: AuditObserver | null): void {
  observer = next;
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
  const log: AuditLog = (input) => {
    const event = appendAuditEvent(db, actor, input, options.now);
    if (observer && options.observed !== false) observer(db, event);
    return event;
  };
  return db.transaction(() => change(log)).immediate();
}
