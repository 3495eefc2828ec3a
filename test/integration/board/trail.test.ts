// One trail per board: workstations in separate processes append at the same moment and the result is one chain,
// without forks, that verifies with the same code as the local trail. The database refuses a fork on its own too.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEventHash } from '../../../electron/core/audit';
import {
  appendBoardAuditEvent,
  boardActor,
  inTransaction,
  verifyBoardTrail,
  type BoardConnection,
} from '../../../electron/core/board';
import { createBoardDatabase, runAppender, seedBoard, type TestBoard } from '../../helpers/board';
import { fotowacht } from '../../helpers/cli';
import { postgresMissing, useTestCluster } from '../../helpers/postgres';

const missing = postgresMissing();
if (missing) console.warn(missing);

describe.skipIf(missing !== null)('one trail per board', () => {
  const cluster = useTestCluster();
  let board: TestBoard;
  const open: BoardConnection[] = [];
  const as = async (user: string): Promise<BoardConnection> => {
    const connection = await board.connect(user);
    open.push(connection);
    return connection;
  };

  beforeAll(async () => {
    board = await createBoardDatabase(cluster(), 'board_trail');
    await seedBoard(board);
  });
  afterAll(async () => {
    await Promise.all(open.map((connection) => connection.close()));
  });

  it('appends from four processes at once form one unforked chain that verifies', async () => {
    const auditor = await as('auditor');
    const before = await verifyBoardTrail(auditor.client);
    expect(before.ok).toBe(true);
    const users = ['comm.a', 'admin.a', 'admin.b', 'privacy'];
    const perProcess = 40;
    // Every process connects first, then all start appending at the same moment.
    const startAt = Date.now() + 6000;
    const results = await Promise.all(users.map((user) => runAppender(board.urlFor(user), perProcess, startAt)));
    for (const result of results) {
      expect(result.code, result.err).toBe(0);
      expect(JSON.parse(result.out)).toMatchObject({ appended: perProcess });
    }
    const after = await verifyBoardTrail(auditor.client);
    expect(after).toMatchObject({ ok: true, count: before.count + users.length * perProcess });

    const { rows } = await auditor.client.query<{
      seq: string;
      prev_hash: string;
      hash: string;
      actor_os: string;
      details: string;
    }>(
      "SELECT seq::text, prev_hash, hash, actor_os, details FROM audit_events WHERE action = 'test.append' ORDER BY audit_events.seq",
    );
    expect(rows).toHaveLength(users.length * perProcess);
    // No fork: every hash is the previous hash of exactly one event, and no two events share a previous hash.
    const all = await auditor.client.query<{ prev_hash: string }>('SELECT prev_hash FROM audit_events');
    expect(new Set(all.rows.map((row) => row.prev_hash)).size).toBe(all.rows.length);
    // Each process's events are in its own order, under its own signed-in user.
    for (const user of users) {
      const own = rows
        .filter((row) => row.actor_os === user)
        .map((row) => (JSON.parse(row.details) as { index: number }).index);
      expect(own).toEqual(Array.from({ length: perProcess }, (_, index) => index));
    }
    // How much the appends interleaved (informative: with real concurrency the actors alternate).
    let switches = 0;
    for (let i = 1; i < rows.length; i += 1) if (rows[i]?.actor_os !== rows[i - 1]?.actor_os) switches += 1;
    console.info(`board trail: ${rows.length} concurrent appends, actor changed ${switches} times along the chain`);
  }, 180_000);

  it('refuses, in the database itself, a second event on the same head (a fork), even without the lock', async () => {
    const first = await as('comm.a');
    const second = await as('admin.b');
    const head = (await first.client.query<{ seq: string; hash: string }>('SELECT seq::text, hash FROM audit_head'))
      .rows[0];
    if (!head) throw new Error('no head');
    const last = { seq: Number(head.seq), hash: head.hash };
    const sealed = (user: string) => {
      const row = {
        seq: last.seq + 1,
        at: new Date().toISOString(),
        actor_os: user,
        actor_name: '',
        action: 'test.fork',
        subject: 'board',
        details: '{}',
        prev_hash: last.hash,
      };
      return { ...row, hash: auditEventHash(row) };
    };
    const insert =
      'INSERT INTO audit_events (seq, at, actor_os, actor_name, action, subject, details, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)';
    const values = (row: ReturnType<typeof sealed>) => [
      row.seq,
      row.at,
      row.actor_os,
      row.actor_name,
      row.action,
      row.subject,
      row.details,
      row.prev_hash,
      row.hash,
    ];
    await first.client.query('BEGIN');
    await first.client.query(insert, values(sealed('comm.a')));
    // The second waits for the first's lock on the head, then finds the head moved on.
    // The expectation is attached at once: the refusal may come before the COMMIT below returns.
    const forked = expect(second.client.query(insert, values(sealed('admin.b')))).rejects.toThrow(
      /does not follow the head/,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    await first.client.query('COMMIT');
    await forked;
    expect((await verifyBoardTrail((await as('auditor')).client)).ok).toBe(true);
    // Through the board's append (lock, head, seal) the second simply comes next.
    const actor = await boardActor(second.client);
    const row = await inTransaction(second.client, () =>
      appendBoardAuditEvent(second.client, actor, { action: 'test.after', subject: 'board' }),
    );
    expect(row.seq).toBe(last.seq + 2);
  });

  it('keeps personal details beside the chain, committed to in it; removing them unsealed is caught', async () => {
    const privacy = await as('privacy');
    const actor = await boardActor(privacy.client);
    const row = await inTransaction(privacy.client, () =>
      appendBoardAuditEvent(privacy.client, actor, {
        action: 'test.personal',
        subject: 'person:0123456789abcdef',
        personal: { about: ['0123456789abcdef'], details: { key: 'A-1001', reason: 'verzoek ouders' } },
      }),
    );
    expect(row.details).not.toContain('A-1001');
    expect((await verifyBoardTrail(privacy.client)).ok).toBe(true);
    // The privacy officer may erase details, but only an erasure logged in the chain explains them being gone.
    await privacy.client.query('DELETE FROM audit_personal WHERE seq = $1', [row.seq]);
    expect(await verifyBoardTrail(privacy.client)).toMatchObject({
      ok: false,
      firstBadSeq: row.seq,
      reason: 'details',
    });
    await inTransaction(privacy.client, () =>
      appendBoardAuditEvent(privacy.client, actor, {
        action: 'people.erase',
        subject: 'person:0123456789abcdef',
        details: { erasedDetailsOf: [row.seq] },
      }),
    );
    expect(await verifyBoardTrail(privacy.client)).toMatchObject({ ok: true, detailsErased: 1 });
  });

  it('names the first altered event when someone with the server’s own rights rewrites the trail', async () => {
    const superuser = new pg.Client({
      connectionString: cluster().urlFor('postgres', cluster().password, board.database),
    });
    await superuser.connect();
    try {
      await superuser.query('ALTER TABLE fotowacht.audit_events DISABLE TRIGGER audit_events_add_only');
      await superuser.query("UPDATE fotowacht.audit_events SET subject = 'school:Z' WHERE seq = 3");
    } finally {
      await superuser.end();
    }
    const result = await verifyBoardTrail((await as('privacy')).client);
    expect(result).toMatchObject({ ok: false, firstBadSeq: 3, reason: 'hash' });
    // The auditor's command says so too, with exit code 2 like the local `audit verify`.
    const cli = fotowacht(['--json', 'server', 'verify', '--database-url', board.urlFor('auditor')]);
    expect(cli.code).toBe(2);
    expect(cli.json()).toMatchObject({ ok: false, firstBadSeq: 3, reason: 'hash' });
    expect(cli.stderr).toContain('3');
  });
});
