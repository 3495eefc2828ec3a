// SQL of the workstation's side of offline work (local SQLite): its id on the board's trail and the outbox of local
// audit events waiting to go up, oldest first. The only module that reads or writes board_workstation and board_outbox.
import type { ReadableDb, WritableDb } from '../db';

export interface OutboxEntry {
  readonly localSeq: number;
  readonly queuedAt: string;
  readonly payload: string;
}

export function workstationId(db: ReadableDb): string {
  return db.prepare('SELECT workstation FROM board_workstation WHERE id = 1').pluck().get() as string;
}

export function insertOutboxEntry(db: WritableDb, localSeq: number, queuedAt: string, payload: string): void {
  db.prepare('INSERT INTO board_outbox (local_seq, queued_at, payload) VALUES (?, ?, ?)').run(
    localSeq,
    queuedAt,
    payload,
  );
}

/** Replaces what goes up with a queued event; false when the event is not queued. */
export function setOutboxPayload(db: WritableDb, localSeq: number, payload: string): boolean {
  return db.prepare('UPDATE board_outbox SET payload = ? WHERE local_seq = ?').run(payload, localSeq).changes === 1;
}

/** The oldest `limit` entries, in the order of the local trail. */
export function oldestOutboxEntries(db: ReadableDb, limit: number): OutboxEntry[] {
  return db
    .prepare(
      'SELECT local_seq AS localSeq, queued_at AS queuedAt, payload FROM board_outbox ORDER BY local_seq LIMIT ?',
    )
    .all(limit) as OutboxEntry[];
}

export function countOutbox(db: ReadableDb): { count: number; oldestQueuedAt: string | null } {
  return db.prepare('SELECT count(*) AS count, min(queued_at) AS oldestQueuedAt FROM board_outbox').get() as {
    count: number;
    oldestQueuedAt: string | null;
  };
}

export function deleteOutboxEntries(db: WritableDb, localSeqs: readonly number[]): void {
  const remove = db.prepare('DELETE FROM board_outbox WHERE local_seq = ?');
  db.transaction(() => {
    for (const seq of localSeqs) remove.run(seq);
  }).immediate();
}
