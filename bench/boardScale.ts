// The board-sized figures (issue 16), on the bench's throwaway cluster: 50 schools × 1,500 pupils × 5
// channels × 3 school years (about 1.1 million consent versions, made by the server itself with generate_series),
// 500 exports of 100 photos with 3 visible pupils each; then where-published for one pupil (< 100 ms), and the
// decisions for a 20,000-photo event on a workstation in board mode — the refresh of its copy of one school's
// registry plus the local decision (< 500 ms); and a school administrator's import of a 2,000-row list (< 1 s), with
// the CPU time of the workstation and of its server process (the cluster is local: /proc) where the time goes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import {
  addSchool,
  addUser,
  boardConsentImport,
  connectWorkstation,
  refreshBoardSnapshot,
  type BoardWriteStep,
} from '../electron/core/board';
import { listChannels, readConsentList } from '../electron/core/consent';
import { openCore } from '../electron/core/context';
import { memoryKeyStore } from '../test/helpers/keyStore';
import { createIpcRouter } from '../electron/core/ipc/handlers';
import { decideMany, decisionContext, selectPhotos } from '../electron/core/publish';
import { decisionService } from '../electron/core/publish/decisionService';
import { proposeMapping } from '../shared/consentImport';
import { IT_ROLE, type TestBoard } from '../test/helpers/board';
import { generatedListRows, writeUtf8BomCsv } from '../test/helpers/consentLists';
import { fixed, measure, verdict } from './util';

const SCHOOLS = 50;
const PUPILS = 1_500;
const PHOTOS = 20_000;
const YEARS = "(VALUES ('2024-2025', '2024-09-01'), ('2025-2026', '2025-09-01'), ('2026-2027', '2026-09-01'))";

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;
/** The load average over the last minute beside the machine's cores: how noisy a figure is. */
const load = (): string => `load average ${fixed(loadavg()[0] ?? 0, 1)} on ${cpus().length} cores`;

/** Makes the board-sized data as the board's IT person (owner: sees every school). */
async function generateBoard(board: TestBoard): Promise<void> {
  const owner = await board.connect(IT_ROLE);
  try {
    const sql = owner.client;
    const started = performance.now();
    for (let s = 1; s <= SCHOOLS; s += 1) await addSchool(sql, `S${String(s).padStart(3, '0')}`, `Bench school ${s}`);
    await addUser(sql, {
      roleName: 'comm.s001',
      kind: 'communications',
      schools: ['S001'],
      password: 'bench-password-s001',
    });
    board.passwords.set('comm.s001', 'bench-password-s001');
    const bench = "(SELECT id FROM fotowacht.schools WHERE code LIKE 'S%')";
    await sql.query(`
      INSERT INTO fotowacht.people (school_id, kind, external_key, roepnaam, achternaam, class_name, birth_date)
      SELECT s.id, 'pupil', s.code || '-' || n, 'Kind' || n, 'Achter' || n, 'Groep ' || (n % 8 + 1),
             date '2012-01-01' + (n % 2500)
        FROM fotowacht.schools s CROSS JOIN generate_series(1, ${PUPILS}) n WHERE s.id IN ${bench}`);
    await sql.query(`
      INSERT INTO fotowacht.consent_records (school_id, person_id, school_year, channel_id, version, status, signed_by,
                                             signed_on, effective_from, source)
      SELECT p.school_id, p.id, y.year, c.id, 1,
             CASE WHEN (p.id + length(c.id)) % 5 = 0 THEN 'refused' ELSE 'granted' END, 'parent', y.starts, y.starts,
             'import'
        FROM fotowacht.people p JOIN fotowacht.channels c ON c.school_id = p.school_id CROSS JOIN ${YEARS} y(year, starts)
       WHERE p.school_id IN ${bench}`);
    await sql.query(`
      INSERT INTO fotowacht.exports (school_id, channel_id, publish_date, school_year, workstation, settings, state,
                                     finished_at)
      SELECT s.id, 'social', date '2026-10-01' + e, '2026-2027', 'bench', '{}', 'done', now()
        FROM fotowacht.schools s CROSS JOIN generate_series(0, 9) e WHERE s.id IN ${bench}`);
    await sql.query(`
      INSERT INTO fotowacht.export_items (school_id, export_id, photo_hash, output_name, decision, state)
      SELECT x.school_id, x.id, md5(x.id || '-' || i) || md5(i || '-' || x.id), 'foto-' || i || '.jpg', 'publish', 'done'
        FROM fotowacht.exports x CROSS JOIN generate_series(1, 100) i WHERE x.workstation = 'bench'`);
    await sql.query(`
      INSERT INTO fotowacht.export_item_people (school_id, export_item_id, person_id, consent_record_id)
      SELECT i.school_id, i.id, p.id, r.id
        FROM fotowacht.export_items i CROSS JOIN generate_series(0, 2) k
        JOIN fotowacht.schools s ON s.id = i.school_id
        JOIN fotowacht.people p ON p.school_id = i.school_id AND p.kind = 'pupil'
             AND p.external_key = s.code || '-' || ((i.id * 3 + k) % ${PUPILS} + 1)
        JOIN fotowacht.consent_records r ON r.person_id = p.id AND r.school_year = '2026-2027'
             AND r.channel_id = 'social' AND r.version = 1
       WHERE s.id IN ${bench}`);
    await sql.query('ANALYZE');
    const counts = (
      await sql.query<{ people: number; records: number; items: number; visible: number }>(
        `SELECT (SELECT count(*)::int FROM fotowacht.people) AS people,
                (SELECT count(*)::int FROM fotowacht.consent_records) AS records,
                (SELECT count(*)::int FROM fotowacht.export_items) AS items,
                (SELECT count(*)::int FROM fotowacht.export_item_people) AS visible`,
      )
    ).rows[0]!;
    console.log(
      `board of ${SCHOOLS} schools generated in the server (generate_series): ${counts.people.toLocaleString('en')} people, ${counts.records.toLocaleString('en')} consent versions, ${counts.items.toLocaleString('en')} exported photos with ${counts.visible.toLocaleString('en')} visible pupils, in ${fixed((performance.now() - started) / 1000, 1)} s`,
    );
  } finally {
    await owner.close();
  }
}

/** Where-published for one pupil across the board, as the board's privacy officer (row-level security applies). */
async function wherePublished(board: TestBoard): Promise<void> {
  const privacy = await board.connect('privacy');
  try {
    const sql = privacy.client;
    const pseudonym = (
      await sql.query<{ pseudonym: string }>(
        `SELECT p.pseudonym FROM fotowacht.people p
          WHERE p.school_id = (SELECT id FROM fotowacht.schools WHERE code = 'S025')
            AND EXISTS (SELECT 1 FROM fotowacht.export_item_people v WHERE v.person_id = p.id)
          ORDER BY p.id LIMIT 1`,
      )
    ).rows[0]!.pseudonym;
    const query = () =>
      sql.query(
        `SELECT e.id AS "exportId", e.channel_id AS "channelId", e.publish_date AS "publishDate",
                i.output_name AS "outputName", i.photo_hash AS "photoHash", r.version, r.status
           FROM fotowacht.people p
           JOIN fotowacht.export_item_people v ON v.person_id = p.id
           JOIN fotowacht.export_items i ON i.id = v.export_item_id AND i.state = 'done'
           JOIN fotowacht.exports e ON e.id = i.export_id AND e.state = 'done'
           JOIN fotowacht.consent_records r ON r.id = v.consent_record_id
          WHERE p.pseudonym = $1 ORDER BY e.finished_at DESC, i.output_name`,
        [pseudonym],
      );
    await query();
    const times: number[] = [];
    let found = 0;
    for (let run = 0; run < 7; run += 1) {
      const timed = await measure(query);
      found = timed.value.rowCount ?? 0;
      times.push(timed.seconds * 1000);
    }
    const ms = median(times);
    console.log(
      `where-published for one pupil across the board (${found} exported files), privacy officer under row-level security: median ${fixed(ms, 1)} ms of 7 (target < 100 ms): ${verdict(ms < 100)}`,
    );
  } finally {
    await privacy.close();
  }
}

/** A 20,000-photo event on a workstation of school S001 whose people are the school's pupils, three a photo. */
function seedEvent(db: ReturnType<typeof openCore>['db']): void {
  const now = new Date().toISOString();
  db.transaction(() => {
    db.prepare("INSERT INTO library_roots (path, added_at) VALUES ('/school', ?)").run(now);
    db.prepare("INSERT INTO events (root_id, name, folder_path, created_at) VALUES (1, 'Sportdag', '/school', ?)").run(
      now,
    );
    const photo = db.prepare(
      "INSERT INTO photos (hash, format, width, height, display_width, display_height, indexed_at, faces_detected_with) VALUES (?, 'jpeg', 6000, 4000, 6000, 4000, ?, 'bench')",
    );
    const file = db.prepare(
      'INSERT INTO photo_files (path, photo_hash, event_id, size, mtime_ms, indexed_at) VALUES (?, ?, 1, 1, 1, ?)',
    );
    const region = db.prepare(
      "INSERT INTO regions (photo_hash, source, namespace, kind, x, y, w, h, name, created_at) VALUES (?, 'file', 'mwg-rs', 'face', ?, 0.1, 0.05, 0.05, ?, ?)",
    );
    for (let i = 0; i < PHOTOS; i += 1) {
      const hash = i.toString(16).padStart(64, '0');
      photo.run(hash, now);
      file.run(`/school/${i}.jpg`, hash, now);
      for (let r = 0; r < 3; r += 1) {
        const n = ((i * 3 + r) % PUPILS) + 1;
        region.run(hash, 0.1 + r * 0.3, `Kind${n} Achter${n}`, now);
      }
    }
  })();
}

async function boardModeDecisions(board: TestBoard): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fotowacht-bench-board-'));
  const keyStore = memoryKeyStore();
  const core = openCore({ dataDir });
  try {
    await connectWorkstation({
      db: core.db,
      actor: core.actor(),
      dataDir,
      url: board.urlFor('comm.s001'),
      tls: 'disable',
      keyStore,
    });
    const session = await board.connect('comm.s001');
    try {
      const first = await measure(() => refreshBoardSnapshot(core.db, session.client));
      console.log(
        `first copy of one school's registry on a workstation (${first.value.snapshot.counts.people} people, ${first.value.snapshot.counts.records?.toLocaleString('en')} consent versions): ${fixed(first.seconds * 1000, 0)} ms (no target: once per workstation)`,
      );
      seedEvent(core.db);
      const target = { channelId: 'social', date: '2026-10-01', eventId: 1 };
      const router = createIpcRouter(core, { mediaBaseUrl: 'x' });
      const ask = async (method: string, params: unknown) => {
        const response = await router.invoke(method, params);
        if (!response.ok) throw new Error(`${method}: ${JSON.stringify(response.error)}`);
        return response.value;
      };
      // As in the app: the decision worker has decided the event once the database was quiet.
      await ask('countDecisions', target);
      await decisionService(core).settled();
      const pid = (await session.client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      const refreshes: Array<{ wall: number; client: number; server: number }> = [];
      const counted: Array<{ wall: number; client: number; server: number }> = [];
      const decidedAll: Array<{ wall: number; client: number; server: number }> = [];
      let counts: unknown = null;
      let decided = 0;
      let changed: unknown = null;
      for (let run = 0; run < 3; run += 1) {
        const lap = stopwatch(pid);
        changed = (await refreshBoardSnapshot(core.db, session.client)).changes;
        refreshes.push(lap());
        counts = await ask('countDecisions', target);
        counted.push(lap());
        const context = decisionContext(core.db, target.channelId, target.date);
        decided = decideMany(core.db, context, selectPhotos(core.db, { eventId: target.eventId })).length;
        decidedAll.push(lap());
      }
      const of = (runs: ReadonlyArray<{ wall: number; client: number; server: number }>) => ({
        wall: median(runs.map((r) => r.wall)),
        client: median(runs.map((r) => r.client)),
        server: median(runs.map((r) => r.server)),
      });
      const [refresh, count, full] = [of(refreshes), of(counted), of(decidedAll)];
      const libraryMs = refresh.wall + count.wall;
      const exportMs = refresh.wall + full.wall;
      console.log(`  counts: ${JSON.stringify(counts)}; what a refresh changed: ${JSON.stringify(changed)}`);
      console.log(
        `refresh of one school's copy on a workstation, nothing new on the board (the registry's version and the copy's counts compared, nothing read again): median ${fixed(refresh.wall, 0)} ms of 3 (CPU workstation ${fixed(refresh.client, 0)} ms, server ${fixed(refresh.server, 0)} ms)`,
      );
      console.log(
        `decisions for a ${PHOTOS.toLocaleString('en')}-photo event in board mode, the library's counts: refresh + counts from the kept statuses (median ${fixed(count.wall, 0)} ms, CPU ${fixed(count.client, 0)} ms): ${fixed(libraryMs, 0)} ms (target < 500 ms): ${verdict(libraryMs < 500)}; ${load()}`,
      );
      console.log(
        `decisions for a ${PHOTOS.toLocaleString('en')}-photo event in board mode, every photo decided again (as an export does; the same decideMany as on a laptop, the copy being local): refresh + decideMany of ${decided.toLocaleString('en')} photos (median ${fixed(full.wall, 0)} ms, CPU ${fixed(full.client, 0)} ms): ${fixed(exportMs, 0)} ms (target < 500 ms): ${verdict(exportMs < 500)}; ${load()}`,
      );
    } finally {
      await session.close();
    }
  } finally {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchBoardScale(board: TestBoard): Promise<void> {
  await generateBoard(board);
  await wherePublished(board);
  await boardModeDecisions(board);
  await boardImport(board);
}

/** The CPU time (ms) a process of this machine has used, user and system (/proc; the server is local here). */
function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime, fields 14 and 15, in clock ticks of 10 ms (Linux's USER_HZ).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const clientCpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Wall time, this process's CPU and the session's server process's CPU, from one mark to the next. */
function stopwatch(serverPid: number) {
  let last = { wall: performance.now(), client: clientCpuMs(), server: processCpuMs(serverPid) };
  return (): { wall: number; client: number; server: number } => {
    const now = { wall: performance.now(), client: clientCpuMs(), server: processCpuMs(serverPid) };
    const spent = { wall: now.wall - last.wall, client: now.client - last.client, server: now.server - last.server };
    last = now;
    return spent;
  };
}

const IMPORT_SCHOOLS = ['S002', 'S003', 'S004'];
const STEPS: readonly BoardWriteStep[] = ['refresh', 'plan', 'board', 'copy'];
const STEP_NAMES: Record<BoardWriteStep, string> = {
  refresh: 'session user, copy checked against the board',
  plan: 'plan on the copy',
  board: 'board transaction (lock, writes, trail event, commit)',
  copy: 'copy takes the written rows over (+ its content hash)',
};

/**
 * A school administrator's workstation imports a 2,000-row list of new pupils into a school with 1,500 pupils
 * there already — three schools (S002–S004), each its own workstation: the median of three, with where the time goes.
 */
async function boardImport(board: TestBoard): Promise<void> {
  const owner = await board.connect(IT_ROLE);
  let versions = 0;
  try {
    for (const code of IMPORT_SCHOOLS) {
      const role = `admin.${code.toLowerCase()}`;
      await addUser(owner.client, { roleName: role, kind: 'school_admin', schools: [code], password: `bench-${role}` });
      board.passwords.set(role, `bench-${role}`);
    }
    versions = (await owner.client.query<{ n: number }>('SELECT count(*)::int AS n FROM fotowacht.consent_records'))
      .rows[0]!.n;
  } finally {
    await owner.close();
  }
  const runs: Array<{
    total: { wall: number; client: number; server: number };
    steps: Map<BoardWriteStep, [number, number, number]>;
  }> = [];
  let written = 0;
  for (const code of IMPORT_SCHOOLS) {
    const role = `admin.${code.toLowerCase()}`;
    const dataDir = mkdtempSync(path.join(tmpdir(), 'fotowacht-bench-board-import-'));
    const keyStore = memoryKeyStore();
    const core = openCore({ dataDir });
    try {
      await connectWorkstation({
        db: core.db,
        actor: core.actor(),
        dataDir,
        url: board.urlFor(role),
        tls: 'disable',
        keyStore,
      });
      const session = await board.connect(role);
      try {
        const pid = (await session.client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
        await refreshBoardSnapshot(core.db, session.client);
        const source = await readConsentList(writeUtf8BomCsv(dataDir, generatedListRows(2000), ';', 'lijst.csv'));
        const mapping = proposeMapping(source.rows, listChannels(core.db));
        const steps = new Map<BoardWriteStep, [number, number, number]>();
        const lap = stopwatch(pid);
        const whole = stopwatch(pid);
        const result = await boardConsentImport(
          {
            db: core.db,
            sql: session.client,
            displayName: 'bench',
            onStep: (step) => {
              // A step done again (the registry moved on meanwhile and the import planned again) adds up.
              const spent = lap();
              const before = steps.get(step) ?? [0, 0, 0];
              steps.set(step, [before[0]! + spent.wall, before[1]! + spent.client, before[2]! + spent.server]);
            },
          },
          source,
          mapping,
          '2026-2027',
        );
        const total = whole();
        written = result.recordsWritten;
        runs.push({ total, steps });
      } finally {
        await session.close();
      }
    } finally {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const mid = [...runs].sort((a, b) => a.total.wall - b.total.wall)[runs.length >> 1]!;
  const ms = mid.total.wall;
  console.log(
    `import of a 2,000-row list into the board (a school with 1,500 pupils, ${versions.toLocaleString('en')} versions on the board; ${written.toLocaleString('en')} versions written), end to end: median ${fixed(ms, 0)} ms of ${runs.length} (${runs.map((run) => fixed(run.total.wall, 0)).join(', ')}) (target < 1000 ms): ${verdict(ms < 1000)}; CPU of the median: workstation ${fixed(mid.total.client, 0)} ms, its server process ${fixed(mid.total.server, 0)} ms; ${load()}`,
  );
  for (const step of STEPS) {
    const [wall, client, server] = mid.steps.get(step) ?? [0, 0, 0];
    console.log(
      `  ${STEP_NAMES[step]}: ${fixed(wall, 0)} ms (CPU workstation ${fixed(client, 0)} ms, server ${fixed(server, 0)} ms)`,
    );
  }
}
