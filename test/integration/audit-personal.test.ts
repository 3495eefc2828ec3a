// Personal details outside the chain: the chain holds a salted commitment; the details can be erased and the trail
// still verifies ("details erased"); details changed or removed without a sealed erasure are caught.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appendAuditEvent,
  audited,
  ERASED_DETAILS_KEY,
  erasePersonalDetails,
  listAuditEvents,
  verifyAuditTrail,
} from '../../electron/core/audit';
import { openDatabase, type WritableDb } from '../../electron/core/db';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const actor = { os: 'els', name: 'Els de Wit' };

function withdrawalTrail(): WritableDb {
  const db = openDatabase(path.join(tempDir(), 'audit.sqlite'));
  appendAuditEvent(db, actor, { action: 'channel.add', subject: 'channel:krant', details: { id: 'krant' } });
  for (const [pseudonym, key] of [
    ['a1b2c3d4e5f60718', 'S-1001'],
    ['ffeeddccbbaa9988', 'S-1003'],
  ] as const) {
    appendAuditEvent(db, actor, {
      action: 'consent.withdraw',
      subject: `person:${pseudonym}`,
      details: { person: pseudonym, channel: 'social' },
      personal: { about: [pseudonym], details: { key, reason: 'Brief van ouders' } },
    });
  }
  return db;
}

describe('personal details outside the chain', () => {
  it('seals a commitment, not the details; shows and searches the details while they exist', () => {
    const db = withdrawalTrail();
    const raw = db.prepare('SELECT details FROM audit_events WHERE seq = 2').pluck().get() as string;
    expect(raw).not.toMatch(/S-1001|Brief/);
    expect(JSON.parse(raw)).toEqual({
      channel: 'social',
      person: 'a1b2c3d4e5f60718',
      personal: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const [second] = listAuditEvents(db, { limit: 10, search: 'S-1001' });
    expect(second).toMatchObject({ seq: 2, personal: { key: 'S-1001', reason: 'Brief van ouders' } });
    expect(listAuditEvents(db, { limit: 10 }).find((event) => event.seq === 1)).not.toHaveProperty('personal');
    expect(verifyAuditTrail(db)).toEqual({ ok: true, count: 3, headHash: expect.any(String) });
  });

  it('after an erasure: the events stay, their details are gone, and everything else still verifies', () => {
    const db = withdrawalTrail();
    audited(db, actor, (log) => {
      const seqs = erasePersonalDetails(db, 'a1b2c3d4e5f60718');
      expect(seqs).toEqual([2]);
      log({ action: 'person.erased', subject: 'person:a1b2c3d4e5f60718', details: { [ERASED_DETAILS_KEY]: seqs } });
    });
    expect(verifyAuditTrail(db)).toMatchObject({ ok: true, count: 4, detailsErased: 1 });
    const events = listAuditEvents(db, { limit: 10 });
    expect(events.find((event) => event.seq === 2)).toMatchObject({ personal: null });
    expect(events.find((event) => event.seq === 3)).toMatchObject({ personal: { key: 'S-1003' } });
    expect(listAuditEvents(db, { limit: 10, search: 'S-1001' })).toEqual([]);
    expect(
      db.prepare('SELECT count(*) FROM audit_personal_people WHERE pseudonym = ?').pluck().get('a1b2c3d4e5f60718'),
    ).toBe(0);
  });

  it('catches details changed outside the chain, and details removed without a sealed erasure', () => {
    const changed = withdrawalTrail();
    changed
      .prepare(`UPDATE audit_personal SET details = '{"key":"S-1001","reason":"Mondeling akkoord"}' WHERE seq = 2`)
      .run();
    expect(verifyAuditTrail(changed)).toEqual({ ok: false, count: 1, firstBadSeq: 2, reason: 'details' });

    const removed = withdrawalTrail();
    removed.prepare('DELETE FROM audit_personal WHERE seq = 3').run();
    expect(verifyAuditTrail(removed)).toEqual({ ok: false, count: 3, firstBadSeq: 3, reason: 'details' });

    // Details put beside an event that never had any.
    const added = withdrawalTrail();
    added.prepare(`INSERT INTO audit_personal (seq, salt, details) VALUES (1, ?, '{}')`).run('0'.repeat(32));
    expect(verifyAuditTrail(added)).toMatchObject({ ok: false, firstBadSeq: 1, reason: 'details' });
  });

  it('keeps verifying a trail written before pseudonyms, with numbers and reasons sealed in the chain', () => {
    const db = openDatabase(path.join(tempDir(), 'old.sqlite'));
    appendAuditEvent(db, actor, {
      action: 'consent.withdraw',
      subject: 'person:7',
      details: { personId: 7, key: '999001', reason: 'Moeder trekt toestemming in' },
    });
    expect(verifyAuditTrail(db)).toMatchObject({ ok: true, count: 1 });
    expect(listAuditEvents(db, { limit: 1 })[0]).not.toHaveProperty('personal');
  });
});
