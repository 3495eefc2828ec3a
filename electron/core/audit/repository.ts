// SQL of the audit trail: the add-only events table and the head a trigger keeps. The trail's rules (sealing,
// verification) are in trail.ts; nothing else reads or writes these tables.
import type { AuditEvent, AuditFacets, JsonValue } from '../../../shared/types';
import type { ReadableDb, WritableDb } from '../db';

/** An event as stored: every field the hash covers, and the hash. */
export interface AuditRow {
  readonly seq: number;
  readonly at: string;
  readonly actor_os: string;
  readonly actor_name: string;
  readonly action: string;
  readonly subject: string;
  readonly details: string;
  readonly prev_hash: string;
  readonly hash: string;
}

export function toAuditEvent(row: AuditRow): AuditEvent {
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

export function lastAuditRow(db: ReadableDb): { seq: number; hash: string } | null {
  return (
    (db.prepare('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: string } | undefined) ?? null
  );
}

export function insertAuditRow(db: WritableDb, row: AuditRow): void {
  db.prepare(
    `INSERT INTO audit_events (seq, at, actor_os, actor_name, action, subject, details, prev_hash, hash)
     VALUES (@seq, @at, @actor_os, @actor_name, @action, @subject, @details, @prev_hash, @hash)`,
  ).run(row);
}

/** Every event, oldest first, one at a time (a trail of millions need not fit in memory). */
export function iterateAuditRows(db: ReadableDb): IterableIterator<AuditRow> {
  return db.prepare('SELECT * FROM audit_events ORDER BY seq').iterate() as IterableIterator<AuditRow>;
}

/** The last sequence number and hash as the trigger recorded them. */
export function auditHead(db: ReadableDb): { seq: number; hash: string } | null {
  return (
    (db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string } | undefined) ??
    null
  );
}

export interface AuditRowQuery {
  readonly limit: number;
  readonly beforeSeq?: number | undefined;
  readonly action?: string | undefined;
  readonly actorOs?: string | undefined;
  readonly words?: readonly string[] | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Newest first, filtered; page on with beforeSeq = the last seq seen. */
export function queryAuditRows(db: ReadableDb, query: AuditRowQuery): AuditRow[] {
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
  for (const word of query.words ?? []) {
    where.push(
      "(action || ' ' || subject || ' ' || details || ' ' || actor_name || ' ' || actor_os) LIKE ? ESCAPE '\\'",
    );
    params.push(likePattern(word));
  }
  return db
    .prepare(`SELECT * FROM audit_events WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT ?`)
    .all(...params, query.limit) as AuditRow[];
}

/** Events with `from` ≤ at < `to` (ISO timestamps), oldest first. */
export function auditRowsBetween(db: ReadableDb, from: string, to: string): AuditRow[] {
  return db.prepare('SELECT * FROM audit_events WHERE at >= ? AND at < ? ORDER BY seq').all(from, to) as AuditRow[];
}

/** The actions and actors in the trail, for the filter lists. */
export function auditFacetRows(db: ReadableDb): AuditFacets {
  const actions = db.prepare('SELECT DISTINCT action FROM audit_events ORDER BY action').pluck().all() as string[];
  const actors = db
    .prepare(
      `SELECT actor_os AS os, (SELECT actor_name FROM audit_events l WHERE l.actor_os = a.actor_os ORDER BY seq DESC LIMIT 1) AS name
       FROM audit_events a GROUP BY actor_os ORDER BY actor_os`,
    )
    .all() as Array<{ os: string; name: string }>;
  return { actions, actors };
}
