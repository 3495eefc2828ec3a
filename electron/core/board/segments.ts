// Checking the laptop trails a board took in (`fotowacht server verify`): each segment's chain with the same check as
// any trail (audit/chain.ts), its events reaching the first and last hash and the count it was sealed with, and the
// one event of the board's trail that sealed it saying the same. The board's own trail is verifyBoardTrail's.
import type { AuditVerification } from '../../../shared/types';
import { auditChainCheck } from '../audit';
import { beginTrailSnapshot, endTrailSnapshot } from './auditRepository';
import type { BoardSql } from './connection';
import { segmentErasures } from './erasureRepository';
import { listSegments, segmentEventPage, segmentSeals } from './segmentRepository';

export interface SegmentVerification {
  readonly segment: number;
  readonly school: string;
  readonly verification: AuditVerification;
  /** Whether exactly one event of the board's trail seals it, with its first and last hash and count. */
  readonly sealed: boolean;
}

export async function verifyLaptopSegments(sql: BoardSql, pageSize = 5000): Promise<SegmentVerification[]> {
  await beginTrailSnapshot(sql);
  try {
    const results: SegmentVerification[] = [];
    // Personal details the board's privacy officer erased (a sealed person.erased event of the board's trail says so).
    const erased = await segmentErasures(sql);
    for (const segment of await listSegments(sql)) {
      const check = auditChainCheck([], erased.get(segment.id) ?? []);
      let verification: AuditVerification | null = null;
      let after = 0;
      let firstHash: string | null = null;
      while (!verification) {
        const rows = await segmentEventPage(sql, segment.id, after, pageSize);
        for (const row of rows) {
          firstHash ??= row.hash;
          verification = check.add(row);
          if (verification) break;
        }
        if (rows.length < pageSize) break;
        after = rows.at(-1)?.seq ?? after;
      }
      verification ??= check.finish({ seq: segment.lastSeq, hash: segment.lastHash });
      if (verification.ok && (firstHash !== segment.firstHash || verification.count !== segment.eventCount))
        verification = { ok: false, count: verification.count, firstBadSeq: 1, reason: 'head' };
      const seals = await segmentSeals(sql, segment.id);
      const seal = seals.length === 1 ? (JSON.parse(seals[0]!.details) as Record<string, unknown>) : null;
      const sealed =
        seal !== null &&
        seal.firstHash === segment.firstHash &&
        seal.lastHash === segment.lastHash &&
        seal.count === segment.eventCount;
      results.push({ segment: segment.id, school: segment.schoolCode, verification, sealed });
    }
    return results;
  } finally {
    await endTrailSnapshot(sql).catch(() => undefined);
  }
}
