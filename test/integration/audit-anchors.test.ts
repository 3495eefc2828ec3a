// The attacks an anchor outside the database must catch: someone with the database file and a SQL shell who cuts the
// trail short and moves the head, or rewrites an event and re-seals every later one. Without an anchor both look
// intact (the first expectation of each test shows it); with an anchor or a signed checkpoint both are named.
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  anchorFromFileText,
  appendAuditEvent,
  auditEventHash,
  buildAuditReport,
  checkCheckpoint,
  checkpointFileText,
  createCheckpoint,
  currentAuditHead,
  generateCheckpointKeys,
  parseAnchor,
  verifyAuditTrail,
} from '../../electron/core/audit';
import { openDatabase, type WritableDb } from '../../electron/core/db';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const actor = { os: 'jdevries', name: 'Juf de Vries' };

function append(db: WritableDb, n: number): void {
  appendAuditEvent(
    db,
    actor,
    { action: n === 3 ? 'consent.withdraw' : 'test.event', subject: `photo:${n}`, details: { n } },
    new Date(Date.UTC(2026, 8, 1, 12, 0, n)),
  );
}

function trail(count: number): WritableDb {
  const db = openDatabase(path.join(tempDir(), 'audit.sqlite'));
  for (let n = 1; n <= count; n += 1) append(db, n);
  return db;
}

interface Row {
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

/** Cuts the trail after `keep` events and sets the head to match, as an attacker would. */
function truncateAndMoveHead(db: WritableDb, keep: number): void {
  db.exec('DROP TRIGGER audit_events_no_delete');
  db.prepare('DELETE FROM audit_events WHERE seq > ?').run(keep);
  const last = db.prepare('SELECT seq, hash FROM audit_events WHERE seq = ?').get(keep) as {
    seq: number;
    hash: string;
  };
  db.prepare('UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1').run(last.seq, last.hash);
}

/** Removes event `seq` (a withdrawal) and re-seals every later event and the head: a consistent, rewritten trail. */
function removeAndReseal(db: WritableDb, seq: number): void {
  const rows = db.prepare('SELECT * FROM audit_events ORDER BY seq').all() as Row[];
  db.exec(
    'DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete; DROP TRIGGER audit_events_track_head',
  );
  db.exec('DELETE FROM audit_events');
  let prev = rows[seq - 2]!.hash;
  const insert = db.prepare(
    'INSERT INTO audit_events VALUES (@seq, @at, @actor_os, @actor_name, @action, @subject, @details, @prev_hash, @hash)',
  );
  for (const row of rows.slice(0, seq - 1)) insert.run(row);
  for (const row of rows.slice(seq)) {
    const sealable = { ...row, seq: row.seq - 1, prev_hash: prev };
    const hash = auditEventHash(sealable);
    insert.run({ ...sealable, hash });
    prev = hash;
  }
  db.prepare('UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1').run(rows.length - 1, prev);
  // Put the head's trigger back, so the app goes on appending to the rewritten trail as if nothing happened.
  db.exec(`CREATE TRIGGER audit_events_track_head AFTER INSERT ON audit_events BEGIN
    INSERT INTO audit_head (id, seq, hash) VALUES (1, NEW.seq, NEW.hash)
      ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash; END;`);
}

describe('anchors outside the database', () => {
  it('a truncated trail with a moved head passes alone, and fails against an anchor taken before', () => {
    const db = trail(6);
    const anchor = currentAuditHead(db);
    append(db, 7);
    truncateAndMoveHead(db, 4);
    expect(verifyAuditTrail(db)).toMatchObject({ ok: true, count: 4 });
    expect(verifyAuditTrail(db, { anchors: [anchor] })).toEqual({
      ok: false,
      count: 4,
      firstBadSeq: 5,
      reason: 'truncated',
    });
  });

  it('truncated and then grown past the anchor again: the anchored event is not the same', () => {
    const db = trail(6);
    const anchor = currentAuditHead(db);
    truncateAndMoveHead(db, 2);
    db.exec(`CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events BEGIN SELECT RAISE(ABORT, 'x'); END;`);
    for (let n = 3; n <= 8; n += 1) append(db, n + 100);
    expect(verifyAuditTrail(db).ok).toBe(true);
    expect(verifyAuditTrail(db, { anchors: [anchor] })).toMatchObject({
      ok: false,
      firstBadSeq: 6,
      reason: 'resealed',
    });
  });

  it('a withdrawal removed and every later event re-sealed passes alone, and fails against an anchor', () => {
    const db = trail(6);
    const anchor = currentAuditHead(db);
    removeAndReseal(db, 3);
    expect(verifyAuditTrail(db)).toMatchObject({ ok: true, count: 5 });
    // The trail is now one shorter: the anchored seq 6 is gone.
    expect(verifyAuditTrail(db, { anchors: [anchor] })).toMatchObject({ ok: false, reason: 'truncated' });
    // An anchor inside the rewritten part names the event that is no longer the same.
    const db2 = trail(6);
    const early = {
      seq: 4,
      hash: (db2.prepare('SELECT hash FROM audit_events WHERE seq = 4').get() as { hash: string }).hash,
    };
    removeAndReseal(db2, 3);
    append(db2, 9);
    expect(verifyAuditTrail(db2).ok).toBe(true);
    expect(verifyAuditTrail(db2, { anchors: [early] })).toMatchObject({
      ok: false,
      firstBadSeq: 4,
      reason: 'resealed',
    });
  });

  it('an untouched trail holds against every anchor it ever had, and reports how many were checked', () => {
    const db = trail(2);
    const anchors = [currentAuditHead(db)];
    append(db, 3);
    anchors.push(currentAuditHead(db), { seq: 0, hash: '0'.repeat(64) });
    append(db, 4);
    expect(verifyAuditTrail(db, { anchors })).toEqual({
      ok: true,
      count: 4,
      headHash: currentAuditHead(db).hash,
      anchors: 3,
    });
  });

  it('parses anchors as typed, from a manifest and from a report CSV; refuses nonsense', async () => {
    const db = trail(3);
    const head = currentAuditHead(db);
    expect(parseAnchor(`3:${head.hash}`)).toEqual(head);
    expect(() => parseAnchor('3:abc')).toThrow(expect.objectContaining({ code: 'audit.anchor.invalid' }));
    expect(anchorFromFileText(JSON.stringify({ exportId: 1, auditHead: head }), 'manifest.json')).toEqual(head);
    const csv = await buildAuditReport(db, { from: '2026-09-01', to: '2026-09-01' }, 'csv', {
      language: 'en',
      generatedBy: 'x',
    });
    expect(csv.head).toEqual(head);
    expect(anchorFromFileText(csv.bytes.toString('utf8'), 'report.csv')).toEqual(head);
    expect(() => anchorFromFileText('file,sha\r\na,b\r\n', 'x.csv')).toThrow(
      expect.objectContaining({ code: 'audit.anchor.fileInvalid' }),
    );
  });
});

describe('signed checkpoints', () => {
  function officerKeys(): { privatePem: string; publicPem: string } {
    const keys = generateCheckpointKeys(path.join(tempDir(), 'usb'), tempDir());
    return {
      privatePem: readFileSync(keys.privateKeyPath, 'utf8'),
      publicPem: readFileSync(keys.publicKeyPath, 'utf8'),
    };
  }

  it('catches truncation and re-sealing behind a signed checkpoint', () => {
    const { privatePem, publicPem } = officerKeys();
    const db = trail(6);
    const text = checkpointFileText(createCheckpoint(db, privatePem, new Date('2026-09-02T10:00:00Z')));
    const checked = checkCheckpoint(text, 'cp.json', publicPem);
    expect(checked).toMatchObject({ anchor: currentAuditHead(db), at: '2026-09-02T10:00:00.000Z', trustedKey: true });
    expect(verifyAuditTrail(db, { anchors: [checked.anchor] }).ok).toBe(true);

    truncateAndMoveHead(db, 5);
    expect(verifyAuditTrail(db).ok).toBe(true);
    expect(verifyAuditTrail(db, { anchors: [checked.anchor] })).toMatchObject({ ok: false, reason: 'truncated' });

    const db2 = trail(6);
    const cp2 = checkCheckpoint(checkpointFileText(createCheckpoint(db2, privatePem)), 'cp2.json', publicPem);
    removeAndReseal(db2, 3);
    append(db2, 10);
    expect(verifyAuditTrail(db2).ok).toBe(true);
    expect(verifyAuditTrail(db2, { anchors: [cp2.anchor] })).toMatchObject({
      ok: false,
      firstBadSeq: 6,
      reason: 'resealed',
    });
  });

  it('refuses a checkpoint edited after signing, and one signed by another key', () => {
    const { privatePem, publicPem } = officerKeys();
    const db = trail(4);
    const signed = createCheckpoint(db, privatePem);
    // The attacker re-seals, then moves the checkpoint to the new head without the officer's key.
    const edited = { ...signed, hash: 'f'.repeat(64) };
    expect(() => checkCheckpoint(JSON.stringify(edited), 'cp.json', publicPem)).toThrow(
      expect.objectContaining({ code: 'audit.checkpoint.signatureInvalid' }),
    );
    expect(() => checkCheckpoint(JSON.stringify(edited), 'cp.json')).toThrow(
      expect.objectContaining({ code: 'audit.checkpoint.signatureInvalid' }),
    );
    // A checkpoint the attacker signed with a key of their own: refused against the officer's public key, and
    // without it the fingerprint shown is not the officer's.
    const attacker = generateKeyPairSync('ed25519');
    const forged = createCheckpoint(db, attacker.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    expect(() => checkCheckpoint(checkpointFileText(forged), 'forged.json', publicPem)).toThrow(
      expect.objectContaining({ code: 'audit.checkpoint.wrongKey' }),
    );
    const selfSigned = checkCheckpoint(checkpointFileText(forged), 'forged.json');
    expect(selfSigned.trustedKey).toBe(false);
    expect(selfSigned.keyFingerprint).not.toBe(signed.keyFingerprint);
    // Swapping the embedded key for the officer's while keeping the attacker's signature: refused.
    const swapped = { ...forged, publicKey: publicPem, keyFingerprint: signed.keyFingerprint };
    expect(() => checkCheckpoint(JSON.stringify(swapped), 'swapped.json')).toThrow(
      expect.objectContaining({ code: 'audit.checkpoint.signatureInvalid' }),
    );
    expect(() => checkCheckpoint('{"format":"x"}', 'junk.json')).toThrow(
      expect.objectContaining({ code: 'audit.checkpoint.invalid' }),
    );
  });

  it('never writes a private key into the data folder, also not through a symlink, and never over a key', () => {
    const dataDir = tempDir();
    mkdirSync(path.join(dataDir, 'media'), { recursive: true });
    expect(() => generateCheckpointKeys(dataDir, dataDir)).toThrow(
      expect.objectContaining({ code: 'audit.key.insideDataDir' }),
    );
    expect(() => generateCheckpointKeys(path.join(dataDir, 'media', 'keys'), dataDir)).toThrow(
      expect.objectContaining({ code: 'audit.key.insideDataDir' }),
    );
    const elsewhere = tempDir();
    symlinkSync(dataDir, path.join(elsewhere, 'link'));
    expect(() => generateCheckpointKeys(path.join(elsewhere, 'link', 'keys'), dataDir)).toThrow(
      expect.objectContaining({ code: 'audit.key.insideDataDir' }),
    );
    const out = path.join(elsewhere, 'keys');
    const keys = generateCheckpointKeys(out, dataDir);
    expect(keys.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    writeFileSync(path.join(elsewhere, 'marker'), '');
    expect(() => generateCheckpointKeys(out, dataDir)).toThrow(expect.objectContaining({ code: 'audit.key.exists' }));
  });
});
