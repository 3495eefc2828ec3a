import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type WritableDb as Db } from '../../electron/core/db/connection';
import {
  appendAuditEvent,
  auditEventHash,
  GENESIS_HASH,
  listAuditEvents,
  verifyAuditTrail,
} from '../../electron/core/audit/trail';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const actor = { os: 'jdevries', name: 'Juf de Vries' };

/** A trail of `count` events in a fresh database. */
function trail(count: number): Db {
  const db = openDatabase(path.join(tempDir(), 'audit.sqlite'));
  for (let i = 1; i <= count; i += 1) {
    appendAuditEvent(
      db,
      actor,
      { action: 'test.event', subject: `photo:${i}`, details: { n: i, note: 'Zoë' } },
      new Date(Date.UTC(2026, 8, 1, 12, 0, i)),
    );
  }
  return db;
}

/** What someone with the database file and a SQL shell could do: drop the guards, then tamper. */
function dropGuards(db: Db): void {
  db.exec('DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;');
}

describe('audit trail', () => {
  it('appends events with a sequence number, UTC time, actor, and a hash chain', () => {
    const db = trail(3);
    const events = listAuditEvents(db, { limit: 10 });
    expect(events.map((event) => event.seq)).toEqual([3, 2, 1]);
    const first = events[2]!;
    expect(first).toMatchObject({
      seq: 1,
      at: '2026-09-01T12:00:01.000Z',
      actorOs: 'jdevries',
      actorName: 'Juf de Vries',
      action: 'test.event',
      subject: 'photo:1',
      details: { n: 1, note: 'Zoë' },
      prevHash: GENESIS_HASH,
    });
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(events[1]!.prevHash).toBe(first.hash);
    expect(verifyAuditTrail(db)).toEqual({ ok: true, count: 3, headHash: events[0]!.hash });
    expect(listAuditEvents(db, { limit: 1, beforeSeq: 3 }).map((event) => event.seq)).toEqual([2]);
  });

  it('an empty trail verifies', () => {
    const db = trail(0);
    expect(verifyAuditTrail(db)).toEqual({ ok: true, count: 0, headHash: GENESIS_HASH });
  });

  it('refuses UPDATE and DELETE through its triggers', () => {
    const db = trail(2);
    expect(() => db.prepare("UPDATE audit_events SET actor_name = 'iemand anders' WHERE seq = 1").run()).toThrow(
      /append-only/,
    );
    expect(() => db.prepare('DELETE FROM audit_events WHERE seq = 2').run()).toThrow(/append-only/);
    expect(verifyAuditTrail(db).ok).toBe(true);
  });

  it('catches an edited row and names it', () => {
    const db = trail(6);
    dropGuards(db);
    db.prepare(`UPDATE audit_events SET details = '{"n":4,"note":"Zoe"}' WHERE seq = 4`).run();
    expect(verifyAuditTrail(db)).toEqual({ ok: false, count: 3, firstBadSeq: 4, reason: 'hash' });
  });

  it('catches an edited row whose own hash was recomputed, at the next row', () => {
    const db = trail(6);
    dropGuards(db);
    const row = db.prepare('SELECT * FROM audit_events WHERE seq = 2').get() as Record<string, string | number>;
    const forged = { ...row, actor_name: 'Meester Jan' } as Parameters<typeof auditEventHash>[0] & { hash: string };
    db.prepare('UPDATE audit_events SET actor_name = ?, hash = ? WHERE seq = 2').run(
      'Meester Jan',
      auditEventHash(forged),
    );
    expect(verifyAuditTrail(db)).toEqual({ ok: false, count: 2, firstBadSeq: 3, reason: 'chain' });
  });

  it('catches a deleted row in the middle', () => {
    const db = trail(6);
    dropGuards(db);
    db.prepare('DELETE FROM audit_events WHERE seq = 3').run();
    expect(verifyAuditTrail(db)).toEqual({ ok: false, count: 2, firstBadSeq: 3, reason: 'sequence' });
  });

  it('catches deleted newest rows through the recorded head', () => {
    const db = trail(6);
    dropGuards(db);
    db.prepare('DELETE FROM audit_events WHERE seq >= 5').run();
    expect(verifyAuditTrail(db)).toEqual({ ok: false, count: 4, firstBadSeq: 5, reason: 'head' });
  });

  it('catches an inserted row', () => {
    const db = trail(6);
    dropGuards(db);
    // Make room at 4 by moving 4..6 up one, then insert a well-formed event chained to row 3.
    for (const seq of [6, 5, 4]) db.prepare('UPDATE audit_events SET seq = seq + 1 WHERE seq = ?').run(seq);
    const prev = db.prepare('SELECT hash FROM audit_events WHERE seq = 3').get() as { hash: string };
    const inserted = {
      seq: 4,
      at: '2026-09-01T12:00:03.500Z',
      actor_os: 'x',
      actor_name: 'x',
      action: 'photo.published',
      subject: 'photo:99',
      details: '{}',
      prev_hash: prev.hash,
    };
    db.prepare(
      'INSERT INTO audit_events VALUES (@seq, @at, @actor_os, @actor_name, @action, @subject, @details, @prev_hash, @hash)',
    ).run({ ...inserted, hash: auditEventHash(inserted) });
    // Row 4 is a valid link; the old row 4, now numbered 5, still points at row 3.
    expect(verifyAuditTrail(db)).toEqual({ ok: false, count: 4, firstBadSeq: 5, reason: 'chain' });
  });

  it('catches an inserted row that does not chain', () => {
    const db = trail(3);
    dropGuards(db);
    db.prepare(`INSERT INTO audit_events VALUES (4, '2026-09-02T00:00:00.000Z', 'x', 'x', 'x', 'x', '{}', ?, ?)`).run(
      '1'.repeat(64),
      '2'.repeat(64),
    );
    expect(verifyAuditTrail(db)).toEqual({ ok: false, count: 3, firstBadSeq: 4, reason: 'chain' });
  });

  it('catches reordered rows', () => {
    const db = trail(6);
    dropGuards(db);
    db.exec(
      'UPDATE audit_events SET seq = 100 WHERE seq = 3; UPDATE audit_events SET seq = 3 WHERE seq = 4; UPDATE audit_events SET seq = 4 WHERE seq = 100;',
    );
    expect(verifyAuditTrail(db)).toEqual({ ok: false, count: 2, firstBadSeq: 3, reason: 'chain' });
  });

  it('commits an event together with the caller’s change, or neither', () => {
    const db = trail(1);
    expect(() =>
      db.transaction(() => {
        appendAuditEvent(db, actor, { action: 'test.rollback', subject: 'x' });
        throw new Error('the change failed');
      })(),
    ).toThrow('the change failed');
    expect(verifyAuditTrail(db)).toMatchObject({ ok: true, count: 1 });
  });
});
