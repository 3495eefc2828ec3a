// The board's one trail: events from every workstation appended under one lock, so they form a single chain
// without forks; sealed and verified by the same code as the local trail (audit/chain.ts).
import type { AuditAnchor, AuditVerification } from '../../../shared/types';
import {
  auditChainCheck,
  GENESIS_HASH,
  sealAuditEvent,
  signCheckpoint,
  type Actor,
  type AuditCheckpoint,
  type AuditInput,
  type AuditRow,
} from '../audit';
import {
  beginTrailSnapshot,
  boardAuditPage,
  endTrailSnapshot,
  insertBoardAuditRow,
  insertBoardPersonalRow,
  lockAuditAppends,
  readAuditHead,
} from './auditRepository';
import { inTransaction, type BoardSql } from './connection';

/**
 * Appends one event inside the caller's transaction (so a change and its event commit together). The lock is held
 * until that transaction ends: appends from other connections wait, then read the new head. The database checks
 * again that the event follows the head and that its actor is the signed-in user.
 */
export async function appendBoardAuditEvent(
  sql: BoardSql,
  actor: Actor,
  input: AuditInput,
  now: Date = new Date(),
): Promise<AuditRow> {
  await lockAuditAppends(sql);
  const { row, personal } = sealAuditEvent(await readAuditHead(sql), actor, input, now);
  if (personal) await insertBoardPersonalRow(sql, row.seq, personal.salt, personal.details, personal.about);
  await insertBoardAuditRow(sql, row);
  return row;
}

export type BoardAuditLog = (input: AuditInput) => void;

/** The board's `audited`: the change and the events it logs, in one transaction. */
export async function boardAudited<T>(
  sql: BoardSql,
  actor: Actor,
  work: (log: BoardAuditLog) => Promise<T>,
): Promise<T> {
  return inTransaction(sql, async () => {
    const events: AuditInput[] = [];
    const result = await work((input) => events.push(input));
    for (const input of events) await appendBoardAuditEvent(sql, actor, input);
    return result;
  });
}

export interface BoardVerifyOptions {
  /** Heads held outside the database (manifests, reports, signed checkpoints): a trail re-sealed behind one fails. */
  readonly anchors?: readonly AuditAnchor[] | undefined;
  readonly pageSize?: number | undefined;
}

/** Walks the board's whole trail, a page at a time, with the same check (and anchors) as the local trail. */
export async function verifyBoardTrail(
  sql: BoardSql,
  options: Readonly<BoardVerifyOptions> = {},
): Promise<AuditVerification> {
  const pageSize = options.pageSize ?? 5000;
  await beginTrailSnapshot(sql);
  try {
    const check = auditChainCheck(options.anchors);
    let after = 0;
    for (;;) {
      const rows = await boardAuditPage(sql, after, pageSize);
      for (const row of rows) {
        const failure = check.add(row);
        if (failure) return failure;
      }
      if (rows.length < pageSize) break;
      after = rows.at(-1)?.seq ?? after;
    }
    const head = await readAuditHead(sql);
    return check.finish(head && head.seq > 0 ? head : null);
  } finally {
    await endTrailSnapshot(sql).catch(() => undefined);
  }
}

/** The board trail's head now (seq 0 and the genesis hash when empty): an anchor to write down outside it. */
export async function boardAuditHead(sql: BoardSql): Promise<AuditAnchor> {
  const head = await readAuditHead(sql);
  return head && head.seq > 0 ? head : { seq: 0, hash: GENESIS_HASH };
}

/**
 * A signed checkpoint of the board's head, as `fotowacht audit checkpoint` makes one of a laptop's: signed with the
 * privacy officer's key outside the database. Log it with logBoardCheckpoint once the file is written.
 */
export async function createBoardCheckpoint(
  sql: BoardSql,
  privateKeyPem: string | Buffer,
  now: Date = new Date(),
): Promise<AuditCheckpoint> {
  return signCheckpoint(await boardAuditHead(sql), privateKeyPem, now);
}

/** The board trail's `audit.checkpoint` event (the same event a laptop's checkpoint logs), as the signed-in user. */
export async function logBoardCheckpoint(
  sql: BoardSql,
  actor: Actor,
  signed: Readonly<AuditCheckpoint>,
): Promise<void> {
  await boardAudited(sql, actor, async (log) =>
    log({
      action: 'audit.checkpoint',
      subject: `audit:${signed.seq}`,
      details: { seq: signed.seq, hash: signed.hash, keyFingerprint: signed.keyFingerprint },
    }),
  );
}
