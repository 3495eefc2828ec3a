// SQL of the board's trail: the same rows as the local trail (audit/chain.ts seals and checks them), in PostgreSQL.
import type { AuditRow, AuditRowWithPersonal } from '../audit';
import type { BoardSql } from './connection';

/** One advisory lock serialises appends from every workstation: each reads the head only once it holds it. */
const AUDIT_APPEND_LOCK = 7_416_016;

export async function lockAuditAppends(sql: BoardSql): Promise<void> {
  await sql.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_APPEND_LOCK]);
}

export async function readAuditHead(sql: BoardSql): Promise<{ seq: number; hash: string } | null> {
  const { rows } = await sql.query<{ seq: string; hash: string }>(
    'SELECT seq::text, hash FROM fotowacht.audit_head WHERE id = 1',
  );
  const head = rows[0];
  return head ? { seq: Number(head.seq), hash: head.hash } : null;
}

export async function insertBoardAuditRow(sql: BoardSql, row: Readonly<AuditRow>): Promise<void> {
  await sql.query(
    `INSERT INTO fotowacht.audit_events (seq, at, actor_os, actor_name, action, subject, details, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [row.seq, row.at, row.actor_os, row.actor_name, row.action, row.subject, row.details, row.prev_hash, row.hash],
  );
}

export async function insertBoardPersonalRow(
  sql: BoardSql,
  seq: number,
  salt: string,
  details: string,
  about: readonly string[],
): Promise<void> {
  await sql.query('INSERT INTO fotowacht.audit_personal (seq, salt, details) VALUES ($1, $2, $3)', [
    seq,
    salt,
    details,
  ]);
  for (const pseudonym of about)
    await sql.query(
      'INSERT INTO fotowacht.audit_personal_people (pseudonym, seq) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [pseudonym, seq],
    );
}

/** Rows oldest first after `afterSeq`, a page at a time (keyset paging: a long trail never sits in memory whole). */
export async function boardAuditPage(sql: BoardSql, afterSeq: number, limit: number): Promise<AuditRowWithPersonal[]> {
  const { rows } = await sql.query<AuditRowWithPersonal & { seq: string }>(
    `SELECT e.seq::text AS seq, e.at, e.actor_os, e.actor_name, e.action, e.subject, e.details, e.prev_hash, e.hash,
            p.salt AS personal_salt, p.details AS personal_details
       FROM fotowacht.audit_events e LEFT JOIN fotowacht.audit_personal p ON p.seq = e.seq
      WHERE e.seq > $1 ORDER BY e.seq LIMIT $2`,
    [afterSeq, limit],
  );
  return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
}

/** Events with `from` ≤ at < `to` (ISO timestamps) up to `maxSeq`, oldest first (a report's period). */
export async function boardAuditRowsBetween(
  sql: BoardSql,
  from: string,
  to: string,
  maxSeq: number,
): Promise<AuditRowWithPersonal[]> {
  const { rows } = await sql.query<AuditRowWithPersonal & { seq: string }>(
    `SELECT e.seq::text AS seq, e.at, e.actor_os, e.actor_name, e.action, e.subject, e.details, e.prev_hash, e.hash,
            p.salt AS personal_salt, p.details AS personal_details
       FROM fotowacht.audit_events e LEFT JOIN fotowacht.audit_personal p ON p.seq = e.seq
      WHERE e.at >= $1 AND e.at < $2 AND e.seq <= $3 ORDER BY e.seq`,
    [from, to, maxSeq],
  );
  return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
}

/** One snapshot for a walk over the trail and its head: appends that commit meanwhile are not half seen. */
export async function beginTrailSnapshot(sql: BoardSql): Promise<void> {
  await sql.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
}

export async function endTrailSnapshot(sql: BoardSql): Promise<void> {
  await sql.query('COMMIT');
}
