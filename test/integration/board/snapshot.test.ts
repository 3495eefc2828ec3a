// A workstation's local read-only copy of its school's registry: the board's rows with the board's ids and
// pseudonyms in the local tables, read by the same domain code as a laptop's registry; refreshed without writing
// when nothing changed; what row-level security hides stays out; a laptop's own registry is never mixed in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectWorkstation,
  openBoardSession,
  readBoardSnapshot,
  refreshBoardSnapshot,
  type BoardConnection,
} from '../../../electron/core/board';
import {
  allPeople,
  consentHistory,
  consentOn,
  listChannels,
  recordManualConsent,
} from '../../../electron/core/consent';
import { openCore, type CoreContext } from '../../../electron/core/context';
import { createBoardDatabase, seedBoard, type TestBoard } from '../../helpers/board';
import { postgresMissing, useTestCluster } from '../../helpers/postgres';
import { useTempDirs } from '../../helpers/tempDir';
import { memoryKeyStore } from '../../helpers/keyStore';

const missing = postgresMissing();
if (missing) console.warn(missing);

describe.skipIf(missing !== null)('the local copy of the board registry', () => {
  const cluster = useTestCluster();
  const tempDir = useTempDirs();
  let board: TestBoard;
  const cores: CoreContext[] = [];
  const open: BoardConnection[] = [];
  const ids = { a1: 0, a2: 0, b1: 0, schoolA: 0, schoolB: 0, reasonRecord: 0 };

  /** A fresh workstation connected as `user`, with its session. */
  async function workstation(user: string, core?: CoreContext) {
    const opened = core ?? openCore({ dataDir: tempDir() });
    if (!core) cores.push(opened);
    const keyStore = memoryKeyStore();
    await connectWorkstation({
      db: opened.db,
      actor: opened.actor(),
      dataDir: opened.paths.root,
      url: board.urlFor(user),
      keyStore,
    });
    const session = await openBoardSession({ db: opened.db, dataDir: opened.paths.root, keyStore });
    open.push(session!.connection);
    return { core: opened, sql: session!.connection.client };
  }

  beforeAll(async () => {
    board = await createBoardDatabase(cluster(), 'board_snapshot');
    await seedBoard(board);
    // The administrators enter their school's registry with raw SQL, as a script might.
    for (const [user, code] of [
      ['admin.a', 'A'],
      ['admin.b', 'B'],
    ] as const) {
      const admin = await board.connect(user);
      open.push(admin);
      const sql = admin.client;
      const school = Number((await sql.query('SELECT id FROM schools WHERE code = $1', [code])).rows[0].id);
      const person = async (key: string, name: string) =>
        Number(
          (
            await sql.query(
              `INSERT INTO people (school_id, kind, external_key, roepnaam, achternaam, class_name, birth_date)
               VALUES ($1, 'pupil', $2, $3, 'Jansen', '5B', '2016-03-14') RETURNING id`,
              [school, key, name],
            )
          ).rows[0].id,
        );
      const record = async (personId: number, version: number, status: string, from: string) =>
        Number(
          (
            await sql.query(
              `INSERT INTO consent_records (school_id, person_id, school_year, channel_id, version, status, signed_by,
                 signed_on, effective_from, source)
               VALUES ($1, $2, '2026-2027', 'website', $3, $4, 'parent', '2026-09-01', $5, 'manual') RETURNING id`,
              [school, personId, version, status, from],
            )
          ).rows[0].id,
        );
      if (code === 'A') {
        ids.schoolA = school;
        ids.a1 = await person('1001', 'Sam');
        ids.a2 = await person('1002', 'Zoë');
        await record(ids.a1, 1, 'granted', '2026-09-01');
        ids.reasonRecord = await record(ids.a1, 2, 'withdrawn', '2026-10-15T13:00:00.000Z');
        await sql.query('INSERT INTO consent_reasons (school_id, record_id, reason) VALUES ($1, $2, $3)', [
          school,
          ids.reasonRecord,
          'Brief van ouders',
        ]);
        await record(ids.a2, 1, 'refused', '2026-09-01');
      } else {
        ids.schoolB = school;
        ids.b1 = await person('2001', 'Bram');
        await record(ids.b1, 1, 'granted', '2026-09-01');
      }
    }
  });
  afterAll(async () => {
    await Promise.all(open.map((connection) => connection.close()));
    await Promise.all(cores.map((core) => core.close()));
  });

  it("copies the school's registry with the board's ids and pseudonyms, and the domain reads it as its own", async () => {
    const { core, sql } = await workstation('admin.a');
    const { snapshot, changes } = await refreshBoardSnapshot(core.db, sql, { now: new Date('2026-10-20T08:00:00Z') });
    expect(snapshot).toMatchObject({
      refreshedAt: '2026-10-20T08:00:00.000Z',
      user: 'admin.a',
      schoolCode: 'A',
      schoolId: ids.schoolA,
      counts: { people: 2, channels: 5, records: 3, imports: 0, reasons: 1 },
    });
    expect(snapshot.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(readBoardSnapshot(core.db)).toEqual(snapshot);
    expect(changes.people).toBe(2);
    expect(changes.records).toBe(3);

    const people = allPeople(core.db);
    expect(people.map((person) => [person.id, person.externalKey, person.roepnaam])).toEqual([
      [ids.a1, '1001', 'Sam'],
      [ids.a2, '1002', 'Zoë'],
    ]);
    const pseudonyms = await sql.query('SELECT id::int AS id, pseudonym FROM people ORDER BY id');
    const local = core.db.prepare('SELECT id, pseudonym FROM people ORDER BY id').all();
    expect(local).toEqual(pseudonyms.rows);
    expect(people[0]).toMatchObject({ birthDate: '2016-03-14', className: '5B', protected: false });
    expect(consentOn(core.db, ids.a1, 'website', '2026-10-01')).toMatchObject({ status: 'granted', version: 1 });
    expect(consentOn(core.db, ids.a1, 'website', '2026-10-16')).toMatchObject({
      status: 'withdrawn',
      recordId: ids.reasonRecord,
    });
    expect(consentHistory(core.db, ids.a1)[0]).toMatchObject({ reason: 'Brief van ouders', status: 'withdrawn' });
    expect(listChannels(core.db).map((channel) => channel.id)).toEqual([
      'schoolgids',
      'website',
      'social',
      'newsletter',
      'parent_app',
    ]);
  });

  it('changes nothing when the board has nothing new, and takes in what changed', async () => {
    const { core, sql } = await workstation('admin.a');
    const first = await refreshBoardSnapshot(core.db, sql);
    const again = await refreshBoardSnapshot(core.db, sql);
    expect(again.changes).toEqual({ people: 0, channels: 0, imports: 0, records: 0, reasons: 0 });
    expect(again.snapshot.contentHash).toBe(first.snapshot.contentHash);

    const admin = await board.connect('admin.a');
    open.push(admin);
    await admin.client.query("UPDATE people SET class_name = '6B', protected = true WHERE id = $1", [ids.a2]);
    const privacy = await board.connect('privacy');
    open.push(privacy);
    await privacy.client.query('DELETE FROM consent_reasons WHERE record_id = $1', [ids.reasonRecord]);
    const after = await refreshBoardSnapshot(core.db, sql);
    expect(after.changes).toMatchObject({ people: 1, records: 0, reasons: 1 });
    expect(after.snapshot.contentHash).not.toBe(first.snapshot.contentHash);
    expect(after.snapshot.registryVersion).toBeGreaterThan(first.snapshot.registryVersion);
    expect(allPeople(core.db).find((person) => person.id === ids.a2)).toMatchObject({
      className: '6B',
      protected: true,
    });
    expect(consentHistory(core.db, ids.a1)[0]!.reason).toBeNull();
    // Put back for the other tests.
    await privacy.client.query("UPDATE people SET class_name = '5B', protected = false WHERE id = $1", [ids.a2]);
  });

  it("holds only what row-level security shows: one school's people, no reasons for communications staff", async () => {
    const { core, sql } = await workstation('comm.a');
    const { snapshot } = await refreshBoardSnapshot(core.db, sql);
    expect(snapshot.counts).toMatchObject({ people: 2, records: 3, reasons: 0 });
    expect(allPeople(core.db).map((person) => person.id)).not.toContain(ids.b1);
    expect(consentHistory(core.db, ids.a1)[0]!.reason).toBeNull();
  });

  it('asks a user of several schools which one, and keeps a copy to one school', async () => {
    const { core, sql } = await workstation('privacy');
    await expect(refreshBoardSnapshot(core.db, sql)).rejects.toThrow(/board\.schoolChoose/);
    await expect(refreshBoardSnapshot(core.db, sql, { school: 'Z' })).rejects.toThrow(/board\.schoolNotVisible/);
    const { snapshot } = await refreshBoardSnapshot(core.db, sql, { school: 'B' });
    expect(snapshot).toMatchObject({ schoolCode: 'B', counts: { people: 1 } });
    // The next refresh keeps to the copy's school; another school needs a data folder of its own.
    expect((await refreshBoardSnapshot(core.db, sql)).snapshot.schoolCode).toBe('B');
    await expect(refreshBoardSnapshot(core.db, sql, { school: 'A' })).rejects.toThrow(/board\.snapshotOtherSchool/);
    expect(allPeople(core.db).map((person) => person.id)).toEqual([ids.b1]);
  });

  it("refuses a laptop's own registry and changes nothing: it must be migrated into the board first", async () => {
    const laptop = openCore({ dataDir: tempDir() });
    cores.push(laptop);
    laptop.db
      .prepare(
        `INSERT INTO people (kind, external_key, roepnaam, achternaam, created_at, updated_at)
         VALUES ('pupil', '9001', 'Eigen', 'Leerling', '2026-09-01', '2026-09-01')`,
      )
      .run();
    const own = allPeople(laptop.db)[0]!;
    recordManualConsent(laptop.db, laptop.actor(), {
      personId: own.id,
      channelId: 'website',
      status: 'granted',
      date: '2026-09-01',
      reason: 'Formulier ingeleverd',
    });
    const before = laptop.db.prepare('SELECT count(*) FROM consent_records').pluck().get();
    const { sql } = await workstation('admin.a', laptop);
    await expect(refreshBoardSnapshot(laptop.db, sql)).rejects.toThrow(/board\.localRegistry/);
    await expect(refreshBoardSnapshot(laptop.db, sql)).rejects.toMatchObject({
      params: { people: 1, records: 1, imports: 0 },
    });
    expect(allPeople(laptop.db).map((person) => person.externalKey)).toEqual(['9001']);
    expect(laptop.db.prepare('SELECT count(*) FROM consent_records').pluck().get()).toBe(before);
    expect(readBoardSnapshot(laptop.db)).toBeNull();

    // A row written into a copy after its refresh is found too, though the board's registry has not changed.
    const { core, sql: sqlA } = await workstation('admin.a');
    await refreshBoardSnapshot(core.db, sqlA);
    core.db
      .prepare(
        `INSERT INTO people (kind, external_key, achternaam, created_at, updated_at)
         VALUES ('pupil', '9002', 'Buiten', '2026-10-01', '2026-10-01')`,
      )
      .run();
    await expect(refreshBoardSnapshot(core.db, sqlA)).rejects.toMatchObject({
      code: 'board.localRegistry',
      params: { people: 1 },
    });
  });
});
