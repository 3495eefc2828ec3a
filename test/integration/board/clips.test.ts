// Clips in board mode: an export's clips are recorded on the board like its photos — each clip's outcome and who was
// visible in it on which consent version, in the same transaction as the export and its event — online at once, and
// from a snapshot export when the outbox goes up. Where-published and the takedown list across the board (the
// commands and the app in board mode) name the clip.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BOARD_SETTING,
  boardPublicationsOf,
  connectWorkstation,
  openBoardSession,
  outboxStatus,
  readBoardSettings,
  refreshBoardSnapshot,
  syncOutbox,
  verifyBoardTrail,
  type BoardConnection,
} from '../../../electron/core/board';
import { openCore, type CoreContext } from '../../../electron/core/context';
import { createIpcRouter } from '../../../electron/core/ipc/handlers';
import { startIndexJob } from '../../../electron/core/library/indexer';
import { beginExport } from '../../../electron/core/publish';
import { writeSetting } from '../../../electron/core/settings';
import { writeSampleSchool } from '../../../scripts/sample-school';
import type { ApiResponse } from '../../../shared/errors';
import type { ExportSummary } from '../../../shared/publish';
import { createBoardDatabase, seedBoard, type TestBoard } from '../../helpers/board';
import { fotowacht } from '../../helpers/cli';
import { CLIP_FPS, CLIP_FRAMES, CLIP_SIZE, linkTrack, observations, scanClip } from '../../helpers/clipSchool';
import { memoryKeyStore } from '../../helpers/keyStore';
import { closedPort, postgresMissing, useTestCluster } from '../../helpers/postgres';
import { makeClip } from '../../helpers/videos';

const missing = postgresMissing();
if (missing) console.warn(missing);

describe.skipIf(missing !== null)('clips in board mode', () => {
  const cluster = useTestCluster();
  let board: TestBoard;
  const dirs: string[] = [];
  const cores: CoreContext[] = [];
  const open: BoardConnection[] = [];
  const store = memoryKeyStore();
  const ids = { school: 0, zoe: 0, sem: 0, zoeRecord: 0 };
  let core: CoreContext;
  let eventId = 0;
  let clipHash = '';
  const temp = (prefix: string): string => {
    const dir = mkdtempSync(path.join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
  const as = async (user: string): Promise<pg.ClientBase> => {
    const connection = await board.connect(user);
    open.push(connection);
    return connection.client;
  };
  const exportClips = async (allowSnapshot: boolean) => {
    const outDir = path.join(temp('fotowacht-out-'), 'social');
    const handle = await beginExport(
      core,
      { channelId: 'social', date: '2026-10-01', eventId, outDir, allowSnapshot },
      { keyStore: store },
    );
    const finished = await handle.finished;
    expect(finished.state, JSON.stringify(finished.errors ?? finished.error)).toBe('done');
    return finished.result as ExportSummary;
  };
  const clipRows = async (exportId: number) =>
    (
      await (
        await as('privacy')
      ).query(
        `SELECT c.id::int AS id, c.video_hash AS "videoHash", c.decision, c.state, c.hidden_tracks AS "hiddenTracks",
                c.audio_kept AS "audioKept", c.frames, c.output_name IS NOT NULL AS written,
                (SELECT json_agg(json_build_object('person', v.person_id::int, 'record', v.consent_record_id::int))
                   FROM fotowacht.export_clip_people v WHERE v.export_clip_id = c.id) AS visible
           FROM fotowacht.export_clips c WHERE c.export_id = $1 ORDER BY c.id`,
        [exportId],
      )
    ).rows;

  beforeAll(async () => {
    board = await createBoardDatabase(cluster(), 'board_clips');
    await seedBoard(board);
    const sql = await as('admin.a');
    ids.school = Number((await sql.query("SELECT id FROM fotowacht.schools WHERE code = 'A'")).rows[0].id);
    const person = async (key: string, roepnaam: string, tussenvoegsel: string | null, achternaam: string) =>
      Number(
        (
          await sql.query(
            `INSERT INTO fotowacht.people (school_id, kind, external_key, roepnaam, tussenvoegsel, achternaam,
               class_name) VALUES ($1, 'pupil', $2, $3, $4, $5, 'Groep 5') RETURNING id`,
            [ids.school, key, roepnaam, tussenvoegsel, achternaam],
          )
        ).rows[0].id,
      );
    const record = async (personId: number, status: string) =>
      Number(
        (
          await sql.query(
            `INSERT INTO fotowacht.consent_records (school_id, person_id, school_year, channel_id, version, status,
               signed_by, signed_on, effective_from, source)
             VALUES ($1, $2, '2026-2027', 'social', 1, $3, 'parent', '2026-09-01', '2026-09-01', 'manual')
             RETURNING id`,
            [ids.school, personId, status],
          )
        ).rows[0].id,
      );
    ids.zoe = await person('1001', 'Zoë', null, 'Bakker');
    ids.sem = await person('1002', 'Sem', "van 't", 'Hof');
    ids.zoeRecord = await record(ids.zoe, 'granted');
    await record(ids.sem, 'refused');

    // A workstation of school A (communications) with an event of one clip: Zoë and Sem, both reviewed.
    core = openCore({ dataDir: temp('fotowacht-ws-'), osUser: 'communicatie' });
    cores.push(core);
    await connectWorkstation({
      db: core.db,
      actor: core.actor(),
      dataDir: core.paths.root,
      url: board.urlFor('comm.a'),
      keyStore: store,
    });
    const session = await openBoardSession({ db: core.db, dataDir: core.paths.root, keyStore: store });
    open.push(session!.connection);
    await refreshBoardSnapshot(core.db, session!.connection.client);
    const school = await writeSampleSchool(temp('fotowacht-photos-'), []);
    makeClip(path.join(school.eventDir, 'CLIP_0001.mp4'), {
      ...CLIP_SIZE,
      fps: CLIP_FPS,
      seconds: CLIP_FRAMES / CLIP_FPS,
    });
    expect((await (await startIndexJob(core, school.eventDir)).finished).state).toBe('done');
    eventId = core.db.prepare('SELECT id FROM events').pluck().get() as number;
    clipHash = core.db.prepare('SELECT video_hash FROM video_files').pluck().get() as string;
    const [zoe, sem] = scanClip(core, clipHash, [
      observations(0, 45, { x: 0.02, y: 0.05, w: 0.2, h: 0.3 }),
      observations(10, 40, { x: 0.65, y: 0.55, w: 0.15, h: 0.2 }),
    ]) as [number, number];
    linkTrack(core, zoe, ids.zoe);
    linkTrack(core, sem, ids.sem);
  }, 180_000);
  afterAll(async () => {
    await Promise.all(open.map((connection) => connection.close()));
    await Promise.all(cores.map((opened) => opened.close()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('records the clip with the export online: its outcome and who was visible on which consent version', async () => {
    const summary = await exportClips(false);
    expect(summary.clips).toMatchObject([{ videoHash: clipHash, decision: 'hide', state: 'done', hiddenTracks: 1 }]);
    expect(summary.board).toMatchObject({ mode: 'online' });
    expect(await clipRows(summary.board!.exportId!)).toEqual([
      {
        id: expect.any(Number),
        videoHash: clipHash,
        decision: 'hide',
        state: 'done',
        hiddenTracks: 1,
        audioKept: false,
        frames: CLIP_FRAMES,
        written: true,
        visible: [{ person: ids.zoe, record: ids.zoeRecord }],
      },
    ]);
    // Where-published across the board names the clip (by the clip's hash); Sem, hidden, was not published.
    const privacy = await as('privacy');
    expect(await boardPublicationsOf(privacy, ids.zoe)).toEqual([
      expect.objectContaining({
        exportId: summary.board!.exportId,
        channelId: 'social',
        photoHash: clipHash,
        outputName: summary.clips[0]!.outputName,
        consentRecordId: ids.zoeRecord,
      }),
    ]);
    expect(await boardPublicationsOf(privacy, ids.sem)).toEqual([]);
    // The commands in board mode ask the board, for the whole board.
    const env = { PGPASSWORD: board.passwords.get('comm.a')! };
    const where = fotowacht(['--data-dir', core.paths.root, 'audit', 'where-published', '1001', '--json'], { env });
    expect(where.code, where.stderr).toBe(0);
    expect(where.json()).toMatchObject({ publications: [{ photoHash: clipHash, channelId: 'social' }] });
    const takedown = fotowacht(
      ['--data-dir', core.paths.root, 'audit', 'takedown', '1001', '--channel', 'website', '--json'],
      { env },
    );
    expect(takedown.code, takedown.stderr).toBe(0);
    expect(takedown.json()).toMatchObject({ files: [] });
    // And so does the app (the privacy screens' where-published and takedown list).
    const router = createIpcRouter(core, { mediaBaseUrl: 'fotowacht-media://', keyStore: store });
    const viaApp = (await router.invoke('wherePublished', { personId: ids.zoe })) as ApiResponse<unknown[]>;
    expect(viaApp).toMatchObject({
      ok: true,
      value: [{ photoHash: clipHash, outDir: expect.stringMatching(/^board:/) }],
    });
    const takedownViaApp = (await router.invoke('takedownList', {
      personId: ids.zoe,
      channelIds: ['website'],
    })) as ApiResponse<unknown[]>;
    expect(takedownViaApp).toMatchObject({ ok: true, value: [] });
    expect((await verifyBoardTrail(privacy)).ok).toBe(true);
  });

  it('queues the clip with a snapshot export and records it when the server is back', async () => {
    const settings = readBoardSettings(core.db)!;
    const port = await closedPort();
    writeSetting(core.db, BOARD_SETTING, { ...settings, url: settings.url.replace(/:\d+\//, `:${port}/`) });
    const summary = await exportClips(true);
    expect(summary.board).toMatchObject({ mode: 'snapshot', exportId: null });
    expect(summary.clips).toMatchObject([{ state: 'done', hiddenTracks: 1 }]);
    expect(outboxStatus(core.db).queued).toBeGreaterThan(0);

    writeSetting(core.db, BOARD_SETTING, settings);
    const session = await openBoardSession({ db: core.db, dataDir: core.paths.root, keyStore: store });
    open.push(session!.connection);
    await syncOutbox(core.db, session!.connection.client);
    const privacy = await as('privacy');
    const recorded = await privacy.query<{ id: number }>(
      "SELECT id::int AS id FROM fotowacht.exports WHERE (settings ->> 'localExportId')::int = $1",
      [summary.exportId],
    );
    expect(recorded.rows).toHaveLength(1);
    expect(await clipRows(recorded.rows[0]!.id)).toMatchObject([
      { videoHash: clipHash, state: 'done', hiddenTracks: 1, visible: [{ person: ids.zoe, record: ids.zoeRecord }] },
    ]);
    expect(await boardPublicationsOf(privacy, ids.zoe)).toHaveLength(2);
  });
});
