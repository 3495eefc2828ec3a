// The seam between decisions and the registry's store: the same repository tests against this laptop's SQLite
// registry and a board's PostgreSQL registry, with the same records, must give the same answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresConsentReads, type BoardConnection } from '../../../electron/core/board';
import { consentOn, consentOnMany, sqliteConsentReads, type ConsentReads } from '../../../electron/core/consent';
import { openCore, type CoreContext } from '../../../electron/core/context';
import { createBoardDatabase, seedBoard, type TestBoard } from '../../helpers/board';
import { postgresMissing, useTestCluster } from '../../helpers/postgres';
import { useTempDirs } from '../../helpers/tempDir';

const missing = postgresMissing();
if (missing) console.warn(missing);

/** The registry every store is loaded with: person → versions (channel, year, status, effective from). */
const SCENARIO = {
  p1: [
    ['website', '2026-2027', 'granted', '2026-09-01'],
    ['website', '2026-2027', 'withdrawn', '2026-10-15T13:00:00.000Z'],
  ],
  p2: [['website', '2026-2027', 'refused', '2026-09-01']],
  p3: [],
  p4: [['website', '2025-2026', 'granted', '2025-09-01']],
  p5: [['newsletter', '2026-2027', 'granted', '2026-09-01']],
  p6: [
    ['website', '2026-2027', 'not_returned', '2026-09-01'],
    ['website', '2026-2027', 'granted', '2026-09-20'],
  ],
} as const;
type PersonName = keyof typeof SCENARIO;

interface LoadedRegistry {
  readonly reads: ConsentReads;
  /** Store ids of the scenario's people, and of each version (`p1:2` = p1's second version). */
  readonly people: Record<PersonName, number>;
  readonly records: Map<string, number>;
}

function consentReadsContract(name: string, load: () => LoadedRegistry): void {
  describe(`consent reads for decisions: ${name}`, () => {
    const all = (registry: LoadedRegistry) => Object.values(registry.people);
    const ask = async (registry: LoadedRegistry, at: string | Date, channel = 'website') => {
      const answers = await consentOnMany(registry.reads, all(registry), channel, at);
      const by = (person: PersonName) => answers.get(registry.people[person]);
      return by;
    };

    it('answers from the newest version in effect of the moment’s school year; no record means no consent', async () => {
      const registry = load();
      const on = await ask(registry, '2026-10-01');
      expect(on('p1')).toMatchObject({
        status: 'granted',
        consented: true,
        version: 1,
        recordId: registry.records.get('p1:1'),
      });
      expect(on('p2')).toMatchObject({ status: 'refused', consented: false, version: 1 });
      expect(on('p3')).toMatchObject({ status: 'none', consented: false, recordId: null, version: null });
      expect(on('p4')).toMatchObject({ status: 'none', consented: false, schoolYear: '2026-2027' });
      expect(on('p5')).toMatchObject({ status: 'none', consented: false });
      expect(on('p6')).toMatchObject({
        status: 'granted',
        consented: true,
        version: 2,
        recordId: registry.records.get('p6:2'),
      });
    });

    it('cuts the history at the moment: a later form, a withdrawal that afternoon, a new school year', async () => {
      const registry = load();
      expect((await ask(registry, '2026-09-10'))('p6')).toMatchObject({ status: 'not_returned', version: 1 });
      // A day includes that day's withdrawal; a moment before it does not.
      expect((await ask(registry, '2026-10-15'))('p1')).toMatchObject({
        status: 'withdrawn',
        consented: false,
        version: 2,
      });
      expect((await ask(registry, new Date('2026-10-15T12:00:00Z')))('p1')).toMatchObject({
        status: 'granted',
        version: 1,
      });
      // Last year's consent never allows a publication in the new year, before or after its forms take effect.
      const august = await ask(registry, '2026-08-15');
      for (const person of Object.keys(SCENARIO) as PersonName[]) expect(august(person)?.consented).toBe(false);
      expect((await ask(registry, '2026-06-01'))('p4')).toMatchObject({ status: 'granted', schoolYear: '2025-2026' });
      expect((await ask(registry, '2026-10-01', 'newsletter'))('p5')).toMatchObject({ status: 'granted' });
    });

    it('takes no people, and the same person twice', async () => {
      const registry = load();
      expect((await consentOnMany(registry.reads, [], 'website', '2026-10-01')).size).toBe(0);
      const twice = await consentOnMany(
        registry.reads,
        [registry.people.p1, registry.people.p1],
        'website',
        '2026-10-01',
      );
      expect([...twice.values()].map((answer) => answer.status)).toEqual(['granted']);
    });
  });
}

// ---------------------------------------------------------------- SQLite: the laptop's registry

const tempDir = useTempDirs();
let core: CoreContext | undefined;
let sqliteRegistry: LoadedRegistry | undefined;

function loadSqlite(): LoadedRegistry {
  core = openCore({ dataDir: tempDir() });
  const db = core.db;
  const now = '2026-09-01T08:00:00.000Z';
  db.prepare(
    "INSERT OR IGNORE INTO school_years (id, starts_on, ends_on) VALUES ('2025-2026', '2025-08-01', '2026-07-31'), ('2026-2027', '2026-08-01', '2027-07-31')",
  ).run();
  const person = db.prepare(
    "INSERT INTO people (kind, external_key, achternaam, created_at, updated_at) VALUES ('pupil', ?, 'Jansen', ?, ?)",
  );
  const record = db.prepare(
    `INSERT INTO consent_records (person_id, school_year, channel_id, version, status, effective_from, source, actor, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, 'manual', 'test', ?)`,
  );
  const people = {} as Record<PersonName, number>;
  const records = new Map<string, number>();
  for (const [name, versions] of Object.entries(SCENARIO) as Array<[PersonName, (typeof SCENARIO)[PersonName]]>) {
    people[name] = Number(person.run(name, now, now).lastInsertRowid);
    versions.forEach(([channel, year, status, from], index) => {
      const version = versions.slice(0, index + 1).filter((v) => v[0] === channel && v[1] === year).length;
      records.set(
        `${name}:${index + 1}`,
        Number(record.run(people[name], year, channel, version, status, from, now).lastInsertRowid),
      );
    });
  }
  return { reads: sqliteConsentReads(db), people, records };
}

describe('SQLite registry', () => {
  beforeAll(() => {
    sqliteRegistry = loadSqlite();
  });
  afterAll(async () => {
    await core?.close();
  });
  consentReadsContract('SQLite', () => sqliteRegistry as LoadedRegistry);

  it('gives the same answers as the registry’s own consentOn', async () => {
    const registry = sqliteRegistry as LoadedRegistry;
    for (const at of ['2026-09-10', '2026-10-01', '2026-10-15', '2026-06-01']) {
      const answers = await consentOnMany(registry.reads, Object.values(registry.people), 'website', at);
      for (const id of Object.values(registry.people))
        expect(answers.get(id)).toEqual(consentOn((core as CoreContext).db, id, 'website', at));
    }
  });
});

// ---------------------------------------------------------------- PostgreSQL: the board's registry

describe.skipIf(missing !== null)('PostgreSQL registry', () => {
  const cluster = useTestCluster();
  let board: TestBoard;
  let registry: LoadedRegistry | undefined;
  const open: BoardConnection[] = [];

  beforeAll(async () => {
    board = await createBoardDatabase(cluster(), 'board_reads');
    await seedBoard(board);
    const admin = await board.connect('admin.a');
    open.push(admin);
    const sql = admin.client;
    const school = (await sql.query<{ id: string }>("SELECT id FROM schools WHERE code = 'A'")).rows[0]?.id;
    await sql.query(
      "INSERT INTO channels (school_id, id, label_nl, label_en) VALUES ($1, 'website', 'Website', 'Website'), ($1, 'newsletter', 'Nieuwsbrief', 'Newsletter') ON CONFLICT DO NOTHING",
      [school],
    );
    const people = {} as Record<PersonName, number>;
    const records = new Map<string, number>();
    for (const [name, versions] of Object.entries(SCENARIO) as Array<[PersonName, (typeof SCENARIO)[PersonName]]>) {
      const person = await sql.query<{ id: string }>(
        "INSERT INTO people (school_id, kind, external_key, achternaam) VALUES ($1, 'pupil', $2, 'Jansen') RETURNING id",
        [school, name],
      );
      people[name] = Number(person.rows[0]?.id);
      for (const [index, [channel, year, status, from]] of versions.entries()) {
        const version = versions.slice(0, index + 1).filter((v) => v[0] === channel && v[1] === year).length;
        const made = await sql.query<{ id: string }>(
          `INSERT INTO consent_records (school_id, person_id, school_year, channel_id, version, status, effective_from, source)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'manual') RETURNING id`,
          [school, people[name], year, channel, version, status, from],
        );
        records.set(`${name}:${index + 1}`, Number(made.rows[0]?.id));
      }
    }
    // Decisions are made by communications staff: their connection, their school's rows.
    const comm = await board.connect('comm.a');
    open.push(comm);
    registry = { reads: postgresConsentReads(comm.client), people, records };
  });
  afterAll(async () => {
    await Promise.all(open.map((connection) => connection.close()));
  });
  consentReadsContract('PostgreSQL', () => registry as LoadedRegistry);

  it("answers 'no consent' for another school's pupil, even one with a granted record", async () => {
    const adminB = await board.connect('admin.b');
    open.push(adminB);
    const sql = adminB.client;
    const school = (await sql.query<{ id: string }>("SELECT id FROM schools WHERE code = 'B'")).rows[0]?.id;
    await sql.query(
      "INSERT INTO channels (school_id, id, label_nl, label_en) VALUES ($1, 'website', 'Website', 'Website') ON CONFLICT DO NOTHING",
      [school],
    );
    const person = await sql.query<{ id: string }>(
      "INSERT INTO people (school_id, kind, external_key, achternaam) VALUES ($1, 'pupil', 'b1', 'Smit') RETURNING id",
      [school],
    );
    const id = Number(person.rows[0]?.id);
    await sql.query(
      `INSERT INTO consent_records (school_id, person_id, school_year, channel_id, version, status, effective_from, source)
       VALUES ($1, $2, '2026-2027', 'website', 1, 'granted', '2026-09-01', 'manual')`,
      [school, id],
    );
    const asCommA = await consentOnMany((registry as LoadedRegistry).reads, [id], 'website', '2026-10-01');
    expect(asCommA.get(id)).toMatchObject({ status: 'none', consented: false });
    const asAdminB = await consentOnMany(postgresConsentReads(sql), [id], 'website', '2026-10-01');
    expect(asAdminB.get(id)).toMatchObject({ status: 'granted', consented: true });
  });
});
