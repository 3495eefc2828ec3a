// The audit trail: append-only, every event sealed with SHA-256 over its canonical form and the previous hash.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../shared/canonicalJson';
import type { AuditEvent, AuditFacets, AuditVerification, JsonValue } from '../../../shared/types';
import type { Actor } from './actor';
import type { Db } from '../db/connection';

export const GENESIS_HASH = '0'.repeat(64);

export type { Actor } from './actor';

export interface AuditInput {
  readonly action: string;
  readonly subject: string;
  readonly details?: JsonValue;
}

interface AuditRow {
  seq: number;
  at: string;
  actor_os: string;
  actor_name: string;
  action: string;
  subject: string;
  details: string;
  prev_hash: string;
  hash: string;
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

function toEvent(row: AuditRow): AuditEvent {
  return {
    seq: row.seq,
    at: row.at,
    actorOs: row.actor_os,
    actorName: row.actor_name,
    action: row.action,
    subject: row.subject,
    details: JSON.parse(row.details) as JsonValue,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * Appends one event. Runs in its own transaction, or joins the caller's, so a domain change and
 * its audit event are committed together or not at all.
 */
export function appendAuditEvent(db: Db, actor: Actor, input: AuditInput, now: Date = new Date()): AuditEvent {
  const append = db.transaction((): AuditEvent => {
    const last = db.prepare('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: string } | undefined;
    const sealable: Sealable = {
      seq: (last?.seq ?? 0) + 1,
      at: now.toISOString(),
      actor_os: actor.os,
      actor_name: actor.name,
      action: input.action,
      subject: input.subject,
      details: canonicalJson(input.details ?? {}),
      prev_hash: last?.hash ?? GENESIS_HASH,
    };
    const row: AuditRow = { ...sealable, hash: auditEventHash(sealable) };
    db.prepare(
      `INSERT INTO audit_events (seq, at, actor_os, actor_name, action, subject, details, prev_hash, hash)
       VALUES (@seq, @at, @actor_os, @actor_name, @action, @subject, @details, @prev_hash, @hash)`,
    ).run(row);
    return toEvent(row);
  });
  return append.immediate();
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

function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Newest first, filtered; page on with beforeSeq = the last seq seen. */
export function listAuditEvents(db: Db, query: AuditQuery): AuditEvent[] {
  const where = ['seq < ?'];
  const params: Array<string | number> = [query.beforeSeq ?? Number.MAX_SAFE_INTEGER];
  if (query.action) {
    where.push('action = ?');
    params.push(query.action);
  }
  if (query.actorOs) {
    where.push('actor_os = ?');
    params.push(query.actorOs);
  }
  if (query.from) {
    where.push('at >= ?');
    params.push(query.from);
  }
  if (query.to) {
    where.push('at < ?');
    params.push(query.to);
  }
  for (const word of (query.search ?? '').split(/\s+/).filter((w) => w !== '')) {
    where.push(
      "(action || ' ' || subject || ' ' || details || ' ' || actor_name || ' ' || actor_os) LIKE ? ESCAPE '\\'",
    );
    params.push(likePattern(word));
  }
  const rows = db
    .prepare(`SELECT * FROM audit_events WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT ?`)
    .all(...params, query.limit) as AuditRow[];
  return rows.map(toEvent);
}

/** The actions and actors in the trail, for the filter lists. */
export function auditFacets(db: Db): AuditFacets {
  const actions = db.prepare('SELECT DISTINCT action FROM audit_events ORDER BY action').pluck().all() as string[];
  const actors = db
    .prepare(
      `SELECT actor_os AS os, (SELECT actor_name FROM audit_events l WHERE l.actor_os = a.actor_os ORDER BY seq DESC LIMIT 1) AS name
       FROM audit_events a GROUP BY actor_os ORDER BY actor_os`,
    )
    .all() as Array<{ os: string; name: string }>;
  return { actions, actors };
}

/**
 * Walks the whole trail and names the first sequence number where it does not hold:
 * an edited row fails its own hash, a deleted or inserted row breaks the numbering or the chain,
 * reordered rows break the chain, and removed newest rows no longer reach the recorded head.
 */
export function verifyAuditTrail(db: Db): AuditVerification {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for (const row of db.prepare('SELECT * FROM audit_events ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
    if (row.seq !== expectedSeq) return { ok: false, count, firstBadSeq: expectedSeq, reason: 'sequence' };
    if (row.prev_hash !== prevHash) return { ok: false, count, firstBadSeq: row.seq, reason: 'chain' };
    if (auditEventHash(row) !== row.hash) return { ok: false, count, firstBadSeq: row.seq, reason: 'hash' };
    prevHash = row.hash;
    expectedSeq += 1;
    count += 1;
  }
  const head = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as
    { seq: number; hash: string } | undefined;
  const headSeq = head?.seq ?? 0;
  const headHash = head?.hash ?? GENESIS_HASH;
  if (headSeq !== count || headHash !== prevHash) {
    // Newest rows removed: the first missing one. Rows added behind the trigger's back: the first of those.
    const firstBadSeq = headSeq > count ? count + 1 : headSeq < count ? headSeq + 1 : count;
    return { ok: false, count, firstBadSeq, reason: 'head' };
  }
  return { ok: true, count, headHash: prevHash };
}
