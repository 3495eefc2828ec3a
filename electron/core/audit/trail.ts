// The audit trail: append-only, every event sealed with SHA-256 over its canonical form and the previous hash.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { canonicalJson } from '../../../shared/canonicalJson';
import type { AuditAnchor, AuditEvent, AuditFacets, AuditVerification, JsonValue } from '../../../shared/types';
import type { ReadableDb, WritableDb } from '../db';
import type { Actor } from './actor';
import {
  auditFacetRows,
  auditHead,
  deletePersonalRowsAbout,
  insertAuditRow,
  insertPersonalRow,
  iterateAuditRows,
  lastAuditRow,
  queryAuditRows,
  PERSONAL_COMMITMENT,
  toAuditEvent,
  type AuditRow,
} from './repository';

export const GENESIS_HASH = '0'.repeat(64);

export type { Actor } from './actor';

export interface AuditInput {
  readonly action: string;
  /** What the event is about; a person only by pseudonym (`person:<pseudonym>`), never by number or name. */
  readonly subject: string;
  /** Sealed into the chain: ids, codes, pseudonyms, dates — nothing that names a person. */
  readonly details?: { readonly [key: string]: JsonValue } | undefined;
  /**
   * Personal details the event needs (a student number, a free-text reason): stored outside the chain, erasable,
   * with a salted commitment in the chain. `about` lists the pseudonyms of the people they concern.
   */
  readonly personal?: { readonly about: readonly string[]; readonly details: JsonValue } | undefined;
}

/** Details of an event that record an erasure: the sequence numbers whose personal details were removed. */
export const ERASED_DETAILS_KEY = 'erasedDetailsOf';

/** The commitment the chain holds: HMAC-SHA256 keyed by the row's random salt over the canonical details. */
export function personalCommitment(saltHex: string, details: string): string {
  return createHmac('sha256', Buffer.from(saltHex, 'hex')).update(details, 'utf8').digest('hex');
}

type Sealable = Omit<AuditRow, 'hash'>;

/** The hash of an event: SHA-256 over the canonical JSON of every stored field but the hash itself. */
export function auditEventHash(row: Readonly<Sealable>): string {
  const canonical = canonicalJson({
    seq: row.seq,
    at: row.at,
    actorOs: row.actor_os,
    actorName: row.actor_name,
    action: row.action,
    subject: row.subject,
    details: row.details,
    prevHash: row.prev_hash,
  });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/**
 * Appends one event. Runs in its own transaction, or joins the caller's, so a domain change and
 * its audit event are committed together or not at all.
 */
export function appendAuditEvent(db: WritableDb, actor: Actor, input: AuditInput, now: Date = new Date()): AuditEvent {
  const append = db.transaction((): AuditEvent => {
    const last = lastAuditRow(db);
    const seq = (last?.seq ?? 0) + 1;
    let details: { readonly [key: string]: JsonValue } = input.details ?? {};
    if (input.personal) {
      const salt = randomBytes(16).toString('hex');
      const personal = canonicalJson(input.personal.details);
      details = { ...details, [PERSONAL_COMMITMENT]: personalCommitment(salt, personal) };
      insertPersonalRow(db, seq, salt, personal, input.personal.about);
    }
    const sealable: Sealable = {
      seq,
      at: now.toISOString(),
      actor_os: actor.os,
      actor_name: actor.name,
      action: input.action,
      subject: input.subject,
      details: canonicalJson(details),
      prev_hash: last?.hash ?? GENESIS_HASH,
    };
    const row: AuditRow = { ...sealable, hash: auditEventHash(sealable) };
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
 * Walks the whole trail and names the first sequence number where it does not hold:
 * an edited row fails its own hash, a deleted or inserted row breaks the numbering or the chain,
 * reordered rows break the chain, and removed newest rows no longer reach the recorded head.
 * With anchors, a trail cut short before an anchored event ('truncated') or whose anchored event is no longer the
 * one anchored ('resealed': rewritten and sealed again, head and all) fails too, even when it is consistent in itself.
 */
export function verifyAuditTrail(db: ReadableDb, options: VerifyOptions = {}): AuditVerification {
  const anchors = [...(options.anchors ?? [])].sort((a, b) => a.seq - b.seq);
  const anchored = new Map<number, string>();
  for (const anchor of anchors) {
    const earlier = anchored.get(anchor.seq);
    // Two anchors for one event that disagree: at most one of them can hold.
    if (earlier !== undefined && earlier !== anchor.hash)
      return { ok: false, count: 0, firstBadSeq: anchor.seq, reason: 'resealed' };
    anchored.set(anchor.seq, anchor.hash);
  }
  if ((anchored.get(0) ?? GENESIS_HASH) !== GENESIS_HASH)
    return { ok: false, count: 0, firstBadSeq: 0, reason: 'resealed' };
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  /** Events whose personal details are gone, and the ones an erasure event says it removed. */
  const missing: number[] = [];
  const erased = new Set<number>();
  for (const row of iterateAuditRows(db)) {
    if (row.seq !== expectedSeq) return { ok: false, count, firstBadSeq: expectedSeq, reason: 'sequence' };
    if (row.prev_hash !== prevHash) return { ok: false, count, firstBadSeq: row.seq, reason: 'chain' };
    if (auditEventHash(row) !== row.hash) return { ok: false, count, firstBadSeq: row.seq, reason: 'hash' };
    // Only rows that mention a commitment or an erasure are parsed: the rest of a long trail stays a string compare.
    if (
      row.personal_details !== null ||
      row.details.includes(`"${PERSONAL_COMMITMENT}"`) ||
      row.details.includes(`"${ERASED_DETAILS_KEY}"`)
    ) {
      const details = JSON.parse(row.details) as Record<string, JsonValue>;
      const commitment = details[PERSONAL_COMMITMENT];
      if (row.personal_details !== null) {
        if (
          typeof commitment !== 'string' ||
          personalCommitment(row.personal_salt ?? '', row.personal_details) !== commitment
        )
          return { ok: false, count, firstBadSeq: row.seq, reason: 'details' };
      } else if (typeof commitment === 'string') missing.push(row.seq);
      const covered = details[ERASED_DETAILS_KEY];
      if (Array.isArray(covered)) for (const seq of covered) if (typeof seq === 'number') erased.add(seq);
    }
    const anchoredHash = anchored.get(row.seq);
    if (anchoredHash !== undefined && anchoredHash !== row.hash)
      return { ok: false, count, firstBadSeq: row.seq, reason: 'resealed' };
    prevHash = row.hash;
    expectedSeq += 1;
    count += 1;
  }
  const beyond = anchors.find((anchor) => anchor.seq > count);
  if (beyond) return { ok: false, count, firstBadSeq: count + 1, reason: 'truncated' };
  const head = auditHead(db);
  const headSeq = head?.seq ?? 0;
  const headHash = head?.hash ?? GENESIS_HASH;
  if (headSeq !== count || headHash !== prevHash) {
    // Newest rows removed: the first missing one. Rows added behind the trigger's back: the first of those.
    const firstBadSeq = headSeq > count ? count + 1 : headSeq < count ? headSeq + 1 : count;
    return { ok: false, count, firstBadSeq, reason: 'head' };
  }
  // Personal details may be gone only where a sealed erasure says so; anything else was removed behind its back.
  const unexplained = missing.find((seq) => !erased.has(seq));
  if (unexplained !== undefined) return { ok: false, count, firstBadSeq: unexplained, reason: 'details' };
  return {
    ok: true,
    count,
    headHash: prevHash,
    ...(anchors.length > 0 ? { anchors: anchors.length } : {}),
    ...(missing.length > 0 ? { detailsErased: missing.length } : {}),
  };
}
