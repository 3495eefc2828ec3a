// The board's logbook as a report the privacy officer or the auditor can hand on: the same CSV and PDF as a laptop's
// `audit report`, of the board's one trail (every school, as row-level security lets these roles read it), with the
// verification of the whole chain and its head as the anchor.
import {
  auditPeriodBounds,
  renderAuditReport,
  toAuditEvent,
  type AuditPeriod,
  type ReportOptions,
  type WrittenReport,
} from '../audit';
import { boardAuditRowsBetween } from './auditRepository';
import type { BoardSql } from './connection';
import { boardAuditHead, verifyBoardTrail } from './trail';

export async function buildBoardAuditReport(
  sql: BoardSql,
  period: Readonly<AuditPeriod>,
  format: 'csv' | 'pdf',
  options: Readonly<ReportOptions>,
): Promise<WrittenReport> {
  const { start, end } = auditPeriodBounds(period);
  const verification = await verifyBoardTrail(sql);
  // The events and the head the verification walked: entries appended meanwhile wait for the next report.
  const head = verification.ok ? { seq: verification.count, hash: verification.headHash } : await boardAuditHead(sql);
  const rows = await boardAuditRowsBetween(sql, start, end, head.seq);
  return renderAuditReport(rows.map(toAuditEvent), verification, head, period, format, options);
}
