// The board's trail as a laptop's: `fotowacht server report` hands it on as CSV or PDF, `server head` prints the
// head to keep, `server checkpoint` signs it with the privacy officer's key (and logs that on the board's trail), and
// `server verify --anchor/--anchor-file/--checkpoint` holds the trail against them — so a trail rewritten and
// re-sealed by someone with the server's own rights, which verifies in itself, fails against the checkpoint.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '../../../shared/consent';
import { auditEventHash } from '../../../electron/core/audit';
import { createBoardDatabase, seedBoard, type TestBoard } from '../../helpers/board';
import { fotowacht } from '../../helpers/cli';
import { postgresMissing, useTestCluster } from '../../helpers/postgres';
import { useTempDirs } from '../../helpers/tempDir';

const missing = postgresMissing();
if (missing) console.warn(missing);

interface Head {
  seq: number;
  hash: string;
}

describe.skipIf(missing !== null)("anchors and signed checkpoints of the board's trail", () => {
  const cluster = useTestCluster();
  const tempDir = useTempDirs();
  let board: TestBoard;
  const server = (user: string, args: readonly string[]) =>
    fotowacht(['--json', 'server', ...args, '--database-url', board.urlFor(user)]);

  beforeAll(async () => {
    board = await createBoardDatabase(cluster(), 'board_anchors');
    await seedBoard(board);
  });

  it("reports the board's trail for a period as CSV and PDF, for the auditor, with the head as its anchor", async () => {
    const day = (offset: number) => localDay(new Date(Date.now() + offset * 86_400_000));
    const period = ['--from', day(-1), '--to', day(1)];
    const csv = path.join(tempDir(), 'logboek-bestuur.csv');
    const made = server('auditor', ['report', ...period, '--format', 'csv', '--out', csv]);
    expect(made.code, made.stderr).toBe(0);
    const head = server('auditor', ['head']).json<Head>();
    expect(made.json()).toMatchObject({ path: csv, format: 'csv', events: head.seq, verification: { ok: true } });
    const text = readFileSync(csv, 'utf8');
    // Every school's set-up is in it (the board's one trail), and its last row is the head: an anchor.
    for (const subject of ['school:A', 'school:B', 'user:comm.a', 'user:auditor']) expect(text).toContain(subject);
    expect(text.trim().split(/\r?\n/).at(-1)).toBe(`audit_head,${head.seq}:${head.hash}`);
    const anchored = server('auditor', ['verify', '--anchor-file', csv]);
    expect(anchored.json()).toMatchObject({ ok: true, anchors: 1 });

    const pdf = path.join(tempDir(), 'logboek-bestuur.pdf');
    expect(server('privacy', ['report', ...period, '--format', 'pdf', '--out', pdf]).code).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    // A communications login may not read the trail: refused, and no file.
    const refused = path.join(tempDir(), 'comm.csv');
    const byComm = server('comm.a', ['report', ...period, '--format', 'csv', '--out', refused]);
    expect(byComm.code).toBe(1);
    expect(byComm.json()).toMatchObject({ ok: false, error: { code: 'board.notAllowed' } });
    expect(existsSync(refused)).toBe(false);
  });

  it('signs the head, logs it, verifies against it, and catches a re-sealed trail behind it', async () => {
    expect(fotowacht(['server', 'checkpoint', '--help']).stdout).toContain('--key');
    expect(fotowacht(['server', 'head', '--help']).stdout).toContain('--database-url');
    const keys = tempDir();
    expect(fotowacht(['--data-dir', tempDir(), 'audit', 'keygen', '--out', keys]).code).toBe(0);
    const privateKey = path.join(keys, 'fotowacht-audit-private.pem');
    const publicKey = path.join(keys, 'fotowacht-audit-public.pem');

    const head = server('auditor', ['head']);
    expect(head.code, head.stderr).toBe(0);
    const before = head.json<Head>();
    expect(before.seq).toBeGreaterThan(5); // the set-up's events: migrations, schools, users

    // The auditor only reads: no checkpoint of theirs on the trail, and no file left that claims one.
    const refusedFile = path.join(tempDir(), 'auditor.json');
    const refused = server('auditor', ['checkpoint', '--key', privateKey, '--out', refusedFile]);
    expect(refused.code).toBe(1);
    expect(existsSync(refusedFile)).toBe(false);

    const file = path.join(tempDir(), 'checkpoint.json');
    const made = server('privacy', ['checkpoint', '--key', privateKey, '--out', file]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.json()).toMatchObject({ path: file, seq: before.seq, hash: before.hash });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ seq: before.seq, hash: before.hash });
    // Logged on the board's trail, after the head it signs, in the privacy officer's name.
    const after = server('auditor', ['head']).json<Head>();
    expect(after.seq).toBe(before.seq + 1);
    const privacy = await board.connect('privacy');
    try {
      const { rows } = await privacy.client.query(
        "SELECT seq::int AS seq, actor_os, details::jsonb AS details FROM audit_events WHERE action = 'audit.checkpoint'",
      );
      expect(rows).toEqual([
        {
          seq: before.seq + 1,
          actor_os: 'privacy',
          details: expect.objectContaining({ seq: before.seq, hash: before.hash }),
        },
      ]);
    } finally {
      await privacy.close();
    }

    // The trail holds against the checkpoint (its key named), a typed anchor and an anchor file
    // (`fotowacht server head --json > head.json` keeps the head in a file.)
    const anchorFile = path.join(tempDir(), 'head.json');
    writeFileSync(anchorFile, server('auditor', ['head']).stdout);
    const proof = [
      '--checkpoint',
      file,
      '--public-key',
      publicKey,
      '--anchor',
      `${before.seq}:${before.hash}`,
      '--anchor-file',
      anchorFile,
    ];
    const verified = server('auditor', ['verify', ...proof]);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.json()).toMatchObject({
      ok: true,
      count: after.seq,
      anchors: 3,
      checkpoints: [{ path: file, trustedKey: true, anchor: { seq: before.seq } }],
    });

    // A checkpoint edited after signing is refused (exit 2, as on a laptop).
    const forged = path.join(tempDir(), 'forged.json');
    writeFileSync(forged, readFileSync(file, 'utf8').replace(`"seq": ${before.seq}`, `"seq": ${before.seq - 1}`));
    const forgedRun = server('auditor', ['verify', '--checkpoint', forged]);
    expect(forgedRun.code).toBe(2);
    expect(forgedRun.json()).toMatchObject({ ok: false, error: { code: 'audit.checkpoint.signatureInvalid' } });

    // Someone with the server's own rights rewrites event 3 and re-seals everything after it, head included.
    const superuser = new pg.Client({
      connectionString: cluster().urlFor('postgres', cluster().password, board.database),
    });
    await superuser.connect();
    try {
      await superuser.query('ALTER TABLE fotowacht.audit_events DISABLE TRIGGER audit_events_add_only');
      const { rows } = await superuser.query<{
        seq: string;
        at: string;
        actor_os: string;
        actor_name: string;
        action: string;
        subject: string;
        details: string;
        prev_hash: string;
      }>('SELECT * FROM fotowacht.audit_events WHERE seq >= 3 ORDER BY seq');
      let prev = rows[0]!.prev_hash;
      for (const row of rows) {
        const subject = Number(row.seq) === 3 ? 'school:Z' : row.subject;
        const hash = auditEventHash({ ...row, seq: Number(row.seq), subject, prev_hash: prev });
        await superuser.query(
          'UPDATE fotowacht.audit_events SET subject = $2, prev_hash = $3, hash = $4 WHERE seq = $1',
          [row.seq, subject, prev, hash],
        );
        prev = hash;
      }
      await superuser.query('UPDATE fotowacht.audit_head SET hash = $1 WHERE id = 1', [prev]);
    } finally {
      await superuser.end();
    }
    // In itself the re-sealed trail holds; against the checkpoint it does not.
    const alone = server('auditor', ['verify']);
    expect(alone.code, alone.stderr).toBe(0);
    const caught = server('auditor', ['verify', '--checkpoint', file, '--public-key', publicKey]);
    expect(caught.code).toBe(2);
    expect(caught.json()).toMatchObject({ ok: false, reason: 'resealed' });
  });
});
