// The trail's format and its check, independent of where the rows are stored: sealing a new event over the previous
// one, and walking rows oldest first to name the first place the chain does not hold. The local SQLite trail
// (trail.ts) and a board's PostgreSQL trail (the board domain) both use these, so both seal and verify alike.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { canonicalJson } from '../../../shared/canonicalJson';
import type { AuditAnchor, AuditVerification, JsonValue } from '../../../shared/types';
import type { Actor } from './actor';
import { PERSONAL_COMMITMENT, type AuditRow, type AuditRowWithPersonal } from './repository';

export const GENESIS_HASH = '0'.repeat(64);

/** Details of an event that record an erasure: the sequence numbers whose personal details were removed. */
export const ERASED_DETAILS_KEY = 'erasedDetailsOf';

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

/** A sealed event ready to store, with its personal details (kept outside the chain) when it has any. */
export interface SealedAuditEvent {
  readonly row: AuditRow;
  readonly personal: { readonly salt: string; readonly details: string; readonly about: readonly string[] } | null;
}

/** Seals the event that follows `last` (null: the first event of the trail). */
export function sealAuditEvent(
  last: Readonly<{ seq: number; hash: string }> | null,
  actor: Actor,
  input: AuditInput,
  now: Date,
): SealedAuditEvent {
  let details: { readonly [key: string]: JsonValue } = input.details ?? {};
  let personal: SealedAuditEvent['personal'] = null;
  if (input.personal) {
    const salt = randomBytes(16).toString('hex');
    const text = canonicalJson(input.personal.details);
    details = { ...details, [PERSONAL_COMMITMENT]: personalCommitment(salt, text) };
    personal = { salt, details: text, about: input.personal.about };
  }
  const sealable: Sealable = {
    seq: (last?.seq ?? 0) + 1,
    at: now.toISOString(),
    actor_os: actor.os,
    actor_name: actor.name,
    action: input.action,
    subject: input.subject,
    details: canonicalJson(details),
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  return { row: { ...sealable, hash: auditEventHash(sealable) }, personal };
}

/**
 * Checks a trail fed to it oldest first, one row at a time (a trail of millions need not fit in memory; the rows may
 * come from any store). `add` returns a failure as soon as one shows; `finish` checks the recorded head and anchors.
 */
export interface AuditChainCheck {
  add(row: Readonly<AuditRowWithPersonal>): AuditVerification | null;
  finish(head: Readonly<{ seq: number; hash: string }> | null): AuditVerification;
}

/**
 * An edited row fails its own hash, a deleted or inserted row breaks the numbering or the chain, reordered rows break
 * the chain, and removed newest rows no longer reach the recorded head. With anchors, a trail cut short before an
 * anchored event ('truncated') or whose anchored event is no longer the one anchored ('resealed': rewritten and sealed
 * again, head and all) fails too, even when it is consistent in itself.
 */
export function auditChainCheck(
  anchorList: readonly AuditAnchor[] = [],
  /** Events whose personal details a sealed erasure outside this chain deleted (a board's, for a laptop segment). */
  erasedElsewhere: Iterable<number> = [],
): AuditChainCheck {
  const anchors = [...anchorList].sort((a, b) => a.seq - b.seq);
  const anchored = new Map<number, string>();
  let failure: AuditVerification | null = null;
  for (const anchor of anchors) {
    const earlier = anchored.get(anchor.seq);
    // Two anchors for one event that disagree: at most one of them can hold.
    if (earlier !== undefined && earlier !== anchor.hash) {
      failure ??= { ok: false, count: 0, firstBadSeq: anchor.seq, reason: 'resealed' };
    }
    anchored.set(anchor.seq, anchor.hash);
  }
  if (!failure && (anchored.get(0) ?? GENESIS_HASH) !== GENESIS_HASH)
    failure = { ok: false, count: 0, firstBadSeq: 0, reason: 'resealed' };
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  /** Events whose personal details are gone, and the ones an erasure event says it removed. */
  const missing: number[] = [];
  const erased = new Set<number>(erasedElsewhere);

  const check = (row: Readonly<AuditRowWithPersonal>): AuditVerification | null => {
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
    return null;
  };

  return {
    add(row) {
      failure ??= check(row);
      return failure;
    },
    finish(head) {
      if (failure) return failure;
      const beyond = anchors.find((anchor) => anchor.seq > count);
      if (beyond) return { ok: false, count, firstBadSeq: count + 1, reason: 'truncated' };
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
    },
  };
}
