// The audit trail: append-only, every event sealed with SHA-256 over its canonical form and the previous hash.
import type { AuditAnchor, AuditEvent, AuditFacets, AuditVerification } from '../../../shared/types';
import type { ReadableDb, WritableDb } from '../db';
import type { Actor } from './actor';
import { auditChainCheck, sealAuditEvent, type AuditInput } from './chain';
import {
  auditFacetRows,
  auditHead,
  auditRowBySeq,
  deletePersonalRowsAbout,
  insertAuditRow,
  insertPersonalRow,
  iterateAuditRows,
  lastAuditRow,
  queryAuditRows,
  toAuditEvent,
} from './repository';

export { auditEventHash, ERASED_DETAILS_KEY, GENESIS_HASH, personalCommitment, type AuditInput } from './chain';
export type { Actor } from './actor';

/**
 * Appends one event. Runs in its own transaction, or joins the caller's, so a domain change and
 * its audit event are committed together or not at all.
 */
export function appendAuditEvent(db: WritableDb, actor: Actor, input: AuditInput, now: Date = new Date()): AuditEvent {
  const append = db.transaction((): AuditEvent => {
    const { row, personal } = sealAuditEvent(lastAuditRow(db), actor, input, now);
    if (personal) insertPersonalRow(db, row.seq, personal.salt, personal.details, personal.about);
    insertAuditRow(db, row);
    return { ...toAuditEvent(row), ...(input.personal ? { personal: input.personal.details } : {}) };
  });
  return append.immediate();
}

/**
 * Erases the personal details of every event about this pseudonym (the events and their seals stay). Returns their
 * sequence numbers: the caller logs them under ERASED_DETAILS_KEY in the same transaction, so verification can tell
 * an erasure from details that went missing.
 */
export function erasePersonalDetails(db: WritableDb, pseudonym: string): number[] {
  return deletePersonalRowsAbout(db, pseudonym);
}

/**
 * One event as stored (for handing it on, e.g. to a board's trail): its sealed fields, its personal details (null when
 * erased; absent when it had none) and the pseudonyms those are about.
 */
export function getAuditEvent(db: ReadableDb, seq: number): { event: AuditEvent; about: string[] } | null {
  const found = auditRowBySeq(db, seq);
  return found ? { event: toAuditEvent(found.row), about: found.about } : null;
}

export interface AuditQuery {
  readonly limit: number;
  readonly beforeSeq?: number | undefined;
  /** Only this action ('consent.withdraw'). */
  readonly action?: string | undefined;
  /** Only events by this operating-system user. */
  readonly actorOs?: string | undefined;
  /** Words that must all occur in the action, subject, details or actor (case ignored for ASCII letters). */
  readonly search?: string | undefined;
  /** ISO timestamps: at or after `from`, before `to`. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

/** Newest first, filtered; page on with beforeSeq = the last seq seen. */
export function listAuditEvents(db: ReadableDb, query: AuditQuery): AuditEvent[] {
  const words = (query.search ?? '').split(/\s+/).filter((w) => w !== '');
  return queryAuditRows(db, { ...query, words }).map(toAuditEvent);
}

/** The actions and actors in the trail, for the filter lists. */
export function auditFacets(db: ReadableDb): AuditFacets {
  return auditFacetRows(db);
}

export interface VerifyOptions {
  /** Points of the trail held outside the database: each must still be there, unchanged. */
  readonly anchors?: readonly AuditAnchor[] | undefined;
}

/**
 * Walks the whole trail and names the first sequence number where it does not hold (auditChainCheck says how), with
 * the anchors held outside the database when given.
 */
export function verifyAuditTrail(db: ReadableDb, options: VerifyOptions = {}): AuditVerification {
  const check = auditChainCheck(options.anchors);
  for (const row of iterateAuditRows(db)) {
    const failure = check.add(row);
    if (failure) return failure;
  }
  return check.finish(auditHead(db));
}
