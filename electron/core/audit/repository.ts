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

/** An event with its personal details from outside the chain (null: none stored, or erased). */
export interface AuditRowWithPersonal extends AuditRow {
  readonly personal_salt: string | null;
  readonly personal_details: string | null;
}

/** The key in an event's details that holds the commitment to its personal details. */
export const PERSONAL_COMMITMENT = 'personal';

export function toAuditEvent(row: AuditRow | AuditRowWithPersonal): AuditEvent {
  const details = JSON.parse(row.details) as JsonValue;
  const committed =
    details !== null && typeof details === 'object' && !Array.isArray(details) && PERSONAL_COMMITMENT in details;
  const stored = 'personal_details' in row ? row.personal_details : null;
  return {
    ...(committed ? { personal: stored === null ? null : (JSON.parse(stored) as JsonValue) } : {}),
    seq: row.seq,
    at: row.at,
    actorOs: row.actor_os,
    actorName: row.actor_name,
    action: row.action,
    subject: row.subject,
    details,
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

const WITH_PERSONAL = `SELECT e.*, p.salt AS personal_salt, p.details AS personal_details
  FROM audit_events e LEFT JOIN audit_personal p ON p.seq = e.seq`;

/** Every event with its personal details, oldest first, one at a time (a trail of millions need not fit in memory). */
export function iterateAuditRows(db: ReadableDb): IterableIterator<AuditRowWithPersonal> {
  return db.prepare(`${WITH_PERSONAL} ORDER BY e.seq`).iterate() as IterableIterator<AuditRowWithPersonal>;
}

/** One event with its personal details, and whom those are about (pseudonyms); null when there is no such event. */
export function auditRowBySeq(db: ReadableDb, seq: number): { row: AuditRowWithPersonal; about: string[] } | null {
  const row = db.prepare(`${WITH_PERSONAL} WHERE e.seq = ?`).get(seq) as AuditRowWithPersonal | undefined;
  if (!row) return null;
  const about = db
    .prepare('SELECT pseudonym FROM audit_personal_people WHERE seq = ? ORDER BY pseudonym')
    .pluck()
    .all(seq) as string[];
  return { row, about };
}

/** Stores an event's personal details and whom they are about (pseudonyms). */
export function insertPersonalRow(
  db: WritableDb,
  seq: number,
  salt: string,
  details: string,
  about: readonly string[],
): void {
  db.prepare('INSERT INTO audit_personal (seq, salt, details) VALUES (?, ?, ?)').run(seq, salt, details);
  const person = db.prepare('INSERT OR IGNORE INTO audit_personal_people (pseudonym, seq) VALUES (?, ?)');
  for (const pseudonym of about) person.run(pseudonym, seq);
}

/** Deletes the personal details of every event about this pseudonym; returns those events' sequence numbers. */
export function deletePersonalRowsAbout(db: WritableDb, pseudonym: string): number[] {
  const seqs = db
    .prepare('SELECT seq FROM audit_personal_people WHERE pseudonym = ? ORDER BY seq')
    .pluck()
    .all(pseudonym) as number[];
  const remove = db.prepare('DELETE FROM audit_personal WHERE seq = ?');
  for (const seq of seqs) remove.run(seq);
  return seqs;
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
export function queryAuditRows(db: ReadableDb, query: AuditRowQuery): AuditRowWithPersonal[] {
  const where = ['e.seq < ?'];
  const params: Array<string | number> = [query.beforeSeq ?? Number.MAX_SAFE_INTEGER];
  if (query.action) {
    where.push('e.action = ?');
    params.push(query.action);
  }
  if (query.actorOs) {
    where.push('e.actor_os = ?');
    params.push(query.actorOs);
  }
  if (query.from) {
    where.push('e.at >= ?');
    params.push(query.from);
  }
  if (query.to) {
    where.push('e.at < ?');
    params.push(query.to);
  }
  for (const word of query.words ?? []) {
    where.push(
      "(e.action || ' ' || e.subject || ' ' || e.details || ' ' || coalesce(p.details, '') || ' ' || e.actor_name || ' ' || e.actor_os) LIKE ? ESCAPE '\\'",
    );
    params.push(likePattern(word));
  }
  return db
    .prepare(`${WITH_PERSONAL} WHERE ${where.join(' AND ')} ORDER BY e.seq DESC LIMIT ?`)
    .all(...params, query.limit) as AuditRowWithPersonal[];
}

/** Events with `from` ≤ at < `to` (ISO timestamps), oldest first. */
export function auditRowsBetween(db: ReadableDb, from: string, to: string): AuditRowWithPersonal[] {
  return db
    .prepare(`${WITH_PERSONAL} WHERE e.at >= ? AND e.at < ? ORDER BY e.seq`)
    .all(from, to) as AuditRowWithPersonal[];
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
