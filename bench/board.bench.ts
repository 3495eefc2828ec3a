// A board's PostgreSQL registry on a throwaway local cluster (the test harness's): appends to the one trail from
// four processes at once, verification time per 100,000 events (the issue asks for the figure, it sets no limit),
// the consent reads of one school's 1,500 pupils for one channel in one query, a 2,000-row consent import into
// the board from a workstation, and the board-sized figures (boardScale.ts). Skipped without PostgreSQL.
import { sealAuditEvent } from '../electron/core/audit';
import { postgresConsentReads, verifyBoardTrail } from '../electron/core/board';
import { consentOnMany } from '../electron/core/consent';
import { createBoardDatabase, IT_ROLE, runAppender, seedBoard } from '../test/helpers/board';
import { postgresMissing, startTestCluster } from '../test/helpers/postgres';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { proposeMapping } from '../shared/consentImport';
import { boardConsentImport, refreshBoardSnapshot } from '../electron/core/board';
import { listChannels } from '../electron/core/consent';
import { openCore } from '../electron/core/context';
import { generatedListRows, toCsv } from '../test/helpers/consentLists';
import { benchBoardScale } from './boardScale';
import type { Benchmark } from './run';
import { fixed, measure, verdict } from './util';

const EVENTS = 100_000;
const PUPILS = 1_500;
const IMPORT_ROWS = 2_000;

export const benchBoard: Benchmark = {
  name: 'board',
  async run() {
    const missing = postgresMissing();
    if (missing) {
      console.log(missing);
      return;
    }
    const cluster = await startTestCluster();
    // Interrupted (Ctrl-C, a time limit): the throwaway server goes with the bench.
    const stopOnSignal = (): void => {
      cluster.stop();
      process.exit(130);
    };
    process.once('SIGINT', stopOnSignal);
    process.once('SIGTERM', stopOnSignal);
    try {
      const board = await createBoardDatabase(cluster, 'board_bench');
      await seedBoard(board);

      const perProcess = 250;
      const users = ['comm.a', 'admin.a', 'admin.b', 'privacy'];
      const startAt = Date.now() + 5000;
      const results = await Promise.all(users.map((user) => runAppender(board.urlFor(user), perProcess, startAt)));
      if (results.some((result) => result.code !== 0)) throw new Error('an appender failed');
      // From the common start to the last process's last commit.
      const finished = Math.max(
        ...results.map((result) => (JSON.parse(result.out) as { finishedAt: number }).finishedAt),
      );
      const appendSeconds = (finished - startAt) / 1000;
      console.log(
        `trail appends, 4 processes × ${perProcess} at once (one transaction each): ${fixed((users.length * perProcess) / appendSeconds, 0)} events/s`,
      );

      // 100,000 more events, sealed here and inserted 1,000 to a transaction (the database checks each follows the
      // head; one transaction of 100,000 would stack up 100,000 versions of the head row that none can prune).
      const owner = await board.connect(IT_ROLE);
      try {
        const sql = owner.client;
        const head = (
          await sql.query<{ seq: string; hash: string }>('SELECT seq::text, hash FROM fotowacht.audit_head')
        ).rows[0];
        let last = { seq: Number(head?.seq ?? 0), hash: head?.hash ?? '' };
        const at = new Date();
        for (let done = 0; done < EVENTS; done += 1000) {
          const values: unknown[] = [];
          const tuples: string[] = [];
          for (let i = 0; i < 1000; i += 1) {
            const { row } = sealAuditEvent(
              last,
              { os: IT_ROLE, name: '' },
              { action: 'bench', subject: `n:${done + i}` },
              at,
            );
            last = row;
            const base = values.length;
            values.push(
              row.seq,
              row.at,
              row.actor_os,
              row.actor_name,
              row.action,
              row.subject,
              row.details,
              row.prev_hash,
              row.hash,
            );
            tuples.push(`(${Array.from({ length: 9 }, (_, k) => `$${base + k + 1}`).join(', ')})`);
          }
          await sql.query('BEGIN');
          await sql.query(
            `INSERT INTO fotowacht.audit_events (seq, at, actor_os, actor_name, action, subject, details, prev_hash, hash) VALUES ${tuples.join(', ')}`,
            values,
          );
          await sql.query('COMMIT');
        }
      } finally {
        await owner.close();
      }
      const auditor = await board.connect('auditor');
      try {
        const verified = await measure(() => verifyBoardTrail(auditor.client));
        if (!verified.value.ok) throw new Error(`the trail did not verify: ${JSON.stringify(verified.value)}`);
        console.log(
          `verify the board trail: ${verified.value.count} events in ${fixed(verified.seconds, 2)} s = ${fixed((verified.seconds * 100_000) / verified.value.count, 2)} s per 100,000 events (no target; peak RSS ${fixed(verified.peakRssMb, 0)} MB)`,
        );
      } finally {
        await auditor.close();
      }

      // One school: 1,500 pupils × 5 channels × 3 school years, then the reads a decision needs for one channel.
      const admin = await board.connect('admin.a');
      const comm = await board.connect('comm.a');
      try {
        const sql = admin.client;
        const school = (await sql.query<{ id: string }>("SELECT id FROM schools WHERE code = 'A'")).rows[0]?.id;
        const channels = ['schoolgids', 'website', 'social', 'newsletter', 'parent_app'];
        for (const channel of channels)
          await sql.query(
            'INSERT INTO channels (school_id, id, label_nl, label_en) VALUES ($1, $2, $2, $2) ON CONFLICT DO NOTHING',
            [school, channel],
          );
        await sql.query(
          `INSERT INTO people (school_id, kind, external_key, achternaam)
           SELECT $1, 'pupil', 'L' || n, 'Leerling' FROM generate_series(1, ${PUPILS}) n`,
          [school],
        );
        await sql.query(
          `INSERT INTO consent_records (school_id, person_id, school_year, channel_id, version, status, effective_from, source)
           SELECT $1, p.id, y.year, c.channel, 1, CASE WHEN p.id % 4 = 0 THEN 'refused' ELSE 'granted' END, y.starts, 'import'
             FROM people p,
                  (VALUES ('2024-2025', '2024-09-01'), ('2025-2026', '2025-09-01'), ('2026-2027', '2026-09-01')) y(year, starts),
                  unnest($2::text[]) c(channel)
            WHERE p.school_id = $1`,
          [school, channels],
        );
        await sql.query('ANALYZE fotowacht.consent_records');
        const ids = (await comm.client.query<{ id: string }>('SELECT id::text FROM people')).rows.map((row) =>
          Number(row.id),
        );
        const reads = postgresConsentReads(comm.client);
        await consentOnMany(reads, ids, 'website', '2026-10-01');
        const timed = await measure(() => consentOnMany(reads, ids, 'website', '2026-10-01'));
        console.log(
          `consent of ${ids.length} pupils for one channel (${ids.length * channels.length * 3} versions in the school), as communications staff under row-level security: ${fixed(timed.seconds * 1000, 0)} ms (no target of its own)`,
        );
      } finally {
        await admin.close();
        await comm.close();
      }

      // A 2,000-row list imported into school B's empty registry from a workstation: refresh, plan on the copy,
      // commit in one transaction under the registry lock with its trail event, the copy takes the written rows over
      // — end to end.
      const workstationDir = mkdtempSync(path.join(tmpdir(), 'fotowacht-bench-board-'));
      const workstation = openCore({ dataDir: workstationDir });
      const adminB = await board.connect('admin.b');
      try {
        const context = { db: workstation.db, sql: adminB.client, displayName: 'bench' };
        await refreshBoardSnapshot(workstation.db, adminB.client);
        const rows = generatedListRows(IMPORT_ROWS);
        const source = { fileName: 'bench.csv', sha256: createHash('sha256').update(toCsv(rows)).digest('hex'), rows };
        const mapping = proposeMapping(rows, listChannels(workstation.db));
        const imported = await measure(() =>
          boardConsentImport(context, source, mapping, '2026-2027', { onlyValid: true }),
        );
        const again = await measure(() => refreshBoardSnapshot(workstation.db, adminB.client));
        console.log(
          `import of a ${IMPORT_ROWS}-row list on the board, end to end (${imported.value.recordsWritten} versions): ${fixed(imported.seconds * 1000, 0)} ms (target < 1000 ms: ${verdict(imported.seconds < 1)}); a refresh of that copy with nothing new: ${fixed(again.seconds * 1000, 0)} ms`,
        );
      } finally {
        await adminB.close();
        await workstation.close();
        rmSync(workstationDir, { recursive: true, force: true });
      }

      // The board-sized figures: 50 schools, 1.1 million consent versions (bench/boardScale.ts).
      await benchBoardScale(board);
    } finally {
      process.off('SIGINT', stopOnSignal);
      process.off('SIGTERM', stopOnSignal);
      cluster.stop();
    }
  },
};
