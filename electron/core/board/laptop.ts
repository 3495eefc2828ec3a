// A single laptop's registry and trail moved into its school's board (`fotowacht board migrate --school <code>`).
// The laptop's chain must verify first. Then, in one PostgreSQL transaction: its people (pseudonyms kept), channels,
// imports, every consent version with its reason, exports with items and visible people, and the links of its
// regions to people — all under ids the board reserves — plus its trail as a segment and one board event sealing it.
// Then, in one local transaction, the laptop renumbers its registry and what points at it to the board's ids: its
// tables become its copy of the board's registry and its regions point at the board's people.
// A board expects one registry per school: a school that already has people with the laptop's keys is refused (a
// merge would make a person decide which consent history holds); a second run is detected and changes nothing.
import { hostname } from 'node:os';
import { AppError } from '../../../shared/errors';
import { auditRowsForTransfer, verifyAuditTrail, type Actor } from '../audit';
import { registryForTransfer, type RegistryTransfer } from '../consent';
import type { ReadableDb, WritableDb } from '../db';
import { linkedRegionRows } from '../people';
import { regionKey } from './exportRecord';
import { exportsForTransfer, type ExportsTransfer } from '../publish';
import type { BoardSql } from './connection';
import { adoptBoardIds, readMigrated } from './laptopLocal';
import {
  findSchool,
  insertChannels,
  insertExportItemPeople,
  insertExportItems,
  insertExports,
  insertImportPeople,
  insertImports,
  insertPeople,
  insertReasons,
  insertRecords,
  insertRegionLinks,
  lockSchoolMigration,
  peopleWithKeys,
  reserveIds,
} from './laptopRepository';
import {
  insertIdMap,
  insertSegment,
  insertSegmentEvents,
  readIdMap,
  segmentById,
  segmentsByFirstHash,
  type SegmentRow,
  type SegmentEventRow,
} from './segmentRepository';
import { boardActor } from './server';
import { refreshBoardSnapshot, type BoardSnapshot } from './snapshot';
import { boardAudited } from './trail';
import type { BoardSettings } from './workstation';

export interface LaptopMigrationCounts {
  readonly people: number;
  readonly channels: number;
  readonly imports: number;
  readonly importPeople: number;
  readonly records: number;
  readonly reasons: number;
  readonly exports: number;
  readonly exportItems: number;
  readonly exportItemPeople: number;
  readonly regionLinks: number;
  readonly events: number;
}

export interface LaptopMigrationResult {
  readonly school: string;
  readonly dryRun: boolean;
  /** A second run: the board already holds this laptop's segment and the laptop its ids. Nothing changed. */
  readonly alreadyMigrated: boolean;
  /** The board had the segment but the laptop had not taken the board's ids yet (an interrupted run): done now. */
  readonly resumed: boolean;
  readonly segmentId: number | null;
  readonly counts: LaptopMigrationCounts;
  readonly trail: { readonly count: number; readonly firstHash: string; readonly lastHash: string };
  /** Channels the school had already (kept with the board's labels), and region links the board already had. */
  readonly channelsKept: number;
  readonly regionLinksKept: number;
  /** The laptop's copy of the board's registry after the move (null in a dry run or a second run). */
  readonly snapshot: BoardSnapshot | null;
}

export type MigrationStep = 'verify' | 'read' | 'board' | 'trail' | 'renumber';

export interface LaptopMigrationOptions {
  readonly db: WritableDb;
  /** The laptop's own actor (for the local event). */
  readonly actor: Actor;
  readonly sql: BoardSql;
  readonly settings: BoardSettings;
  readonly school: string;
  readonly dryRun?: boolean;
  readonly onStep?: (step: MigrationStep) => void;
}

/** The laptop's trail, verified, as rows for the segment. */
function verifiedTrail(db: ReadableDb): SegmentEventRow[] {
  const verification = verifyAuditTrail(db);
  if (!verification.ok)
    throw new AppError('board.migrate.chainBroken', { seq: verification.firstBadSeq, reason: verification.reason });
  const events = [...auditRowsForTransfer(db)];
  if (events.length === 0) throw new AppError('board.migrate.emptyTrail', {});
  return events;
}

function countsOf(
  registry: RegistryTransfer,
  exports: ExportsTransfer,
  links: number,
  events: number,
): LaptopMigrationCounts {
  return {
    people: registry.people.length,
    channels: registry.channels.length,
    imports: registry.imports.length,
    importPeople: registry.importPeople.length,
    records: registry.records.length,
    reasons: registry.records.filter((record) => record.reason !== null).length,
    exports: exports.exports.length,
    exportItems: exports.items.length,
    exportItemPeople: exports.itemPeople.length,
    regionLinks: links,
    events,
  };
}

function mapOf(from: readonly { readonly id: number }[], to: readonly number[]): Map<number, number> {
  return new Map(from.map((row, index) => [row.id, to[index]!]));
}

function need(map: ReadonlyMap<number, number>, id: number): number {
  const mapped = map.get(id);
  if (mapped === undefined) throw new Error(`no board id for laptop id ${id}`);
  return mapped;
}

/**
 * The segment the board took from this laptop, if any: its events are the start of the laptop's chain (same first and
 * same last hash at its length). The laptop's chain has grown since (the connect, the move itself), never shrunk.
 */
async function takenPrefix(sql: BoardSql, events: readonly SegmentEventRow[]): Promise<SegmentRow | null> {
  const candidates = await segmentsByFirstHash(sql, events[0]!.hash);
  return candidates.find((segment) => events[segment.lastSeq - 1]?.hash === segment.lastHash) ?? null;
}

function checkRole(settings: BoardSettings, school: string): void {
  const allowed =
    settings.role === 'privacy_officer' || (settings.role === 'school_admin' && settings.schools.includes(school));
  if (!allowed) throw new AppError('board.migrate.roleRefused', { user: settings.user, role: settings.role, school });
}

export async function migrateLaptop(options: Readonly<LaptopMigrationOptions>): Promise<LaptopMigrationResult> {
  const { db, sql, school: code } = options;
  checkRole(options.settings, code);
  options.onStep?.('verify');
  const events = verifiedTrail(db);
  const first = events[0]!;
  const last = events.at(-1)!;
  const trail = { count: events.length, firstHash: first.hash, lastHash: last.hash };
  const school = await findSchool(sql, code);
  if (!school) throw new AppError('board.schoolUnknown', { code });

  const migrated = readMigrated(db);
  const existing = migrated ? await segmentById(sql, migrated.segmentId) : await takenPrefix(sql, events);
  if (migrated && (existing === null || existing.firstHash !== first.hash))
    throw new AppError('board.migrate.elsewhere', { school: migrated.school, at: migrated.at });
  if (existing) {
    const none = countsOf(
      { people: [], channels: [], imports: [], importPeople: [], records: [] },
      { exports: [], items: [], itemPeople: [] },
      0,
      0,
    );
    const result = {
      school: existing.schoolCode,
      dryRun: Boolean(options.dryRun),
      segmentId: existing.id,
      counts: none,
      trail,
      channelsKept: 0,
      regionLinksKept: 0,
      snapshot: null,
    };
    if (migrated?.segmentId === existing.id)
      return { ...result, alreadyMigrated: true, resumed: false, snapshot: null };
    if (options.dryRun) return { ...result, alreadyMigrated: false, resumed: true, snapshot: null };
    // The board took the laptop's rows but the laptop did not get to renumber its own: finish that now.
    options.onStep?.('renumber');
    adoptBoardIds(
      { ...options, school: existing.schoolCode },
      {
        people: await readIdMap(sql, existing.id, 'person'),
        imports: await readIdMap(sql, existing.id, 'consent_import'),
        records: await readIdMap(sql, existing.id, 'consent_record'),
      },
      { id: existing.id, firstHash: first.hash, counts: null },
    );
    const { snapshot } = await refreshBoardSnapshot(db, sql, { school: existing.schoolCode });
    return { ...result, alreadyMigrated: false, resumed: true, snapshot };
  }

  options.onStep?.('read');
  const registry = registryForTransfer(db);
  const exports = exportsForTransfer(db);
  const regions = linkedRegionRows(db);
  const counts = countsOf(registry, exports, regions.length, events.length);
  const keyed = registry.people.flatMap((p) =>
    p.external_key === null ? [] : [{ kind: p.kind, key: p.external_key }],
  );
  const conflicts = async (): Promise<void> => {
    const found = await peopleWithKeys(sql, school.id, keyed);
    if (found.count > 0)
      throw new AppError('board.migrate.keysTaken', { school: code, count: found.count, keys: found.keys.join(', ') });
  };
  await conflicts();
  if (options.dryRun)
    return {
      school: code,
      dryRun: true,
      alreadyMigrated: false,
      resumed: false,
      segmentId: null,
      counts,
      trail,
      channelsKept: 0,
      regionLinksKept: 0,
      snapshot: null,
    };

  options.onStep?.('board');
  const actor = await boardActor(sql);
  const written = await boardAudited(sql, actor, async (log) => {
    await lockSchoolMigration(sql, school.id);
    // Checked again under the lock: another laptop of this school may have gone first.
    if (await takenPrefix(sql, events)) throw new AppError('board.migrate.concurrent', { school: code });
    await conflicts();
    const people = mapOf(registry.people, await reserveIds(sql, 'people', registry.people.length));
    const imports = mapOf(registry.imports, await reserveIds(sql, 'consent_imports', registry.imports.length));
    const records = mapOf(registry.records, await reserveIds(sql, 'consent_records', registry.records.length));
    const exportIds = mapOf(exports.exports, await reserveIds(sql, 'exports', exports.exports.length));
    const items = mapOf(exports.items, await reserveIds(sql, 'export_items', exports.items.length));
    const sid = school.id;
    await insertPeople(
      sql,
      registry.people.map((p) => [
        need(people, p.id),
        sid,
        p.kind,
        p.external_key,
        p.roepnaam,
        p.voornamen,
        p.tussenvoegsel,
        p.achternaam,
        p.class_name,
        p.birth_date,
        p.pseudonym,
        p.erased_at,
        p.created_at,
        p.updated_at,
        p.protected === 1,
      ]),
    );
    const channelsAdded = await insertChannels(
      sql,
      registry.channels.map((c) => [
        sid,
        c.id,
        c.label_nl,
        c.label_en,
        c.sort_order,
        c.export_long_side,
        c.created_at,
        c.retired_at,
      ]),
    );
    await insertImports(
      sql,
      registry.imports.map((i) => [
        need(imports, i.id),
        sid,
        i.school_year,
        i.file_name,
        i.file_sha256,
        i.mapping,
        i.counts,
        i.actor,
        i.imported_at,
      ]),
    );
    await insertImportPeople(
      sql,
      registry.importPeople.map((ip) => [sid, need(imports, ip.import_id), need(people, ip.person_id), ip.row_number]),
    );
    await insertRecords(
      sql,
      registry.records.map((r) => [
        need(records, r.id),
        sid,
        need(people, r.person_id),
        r.school_year,
        r.channel_id,
        r.version,
        r.status,
        r.signed_by,
        r.signed_on,
        r.effective_from,
        r.source,
        r.import_id === null ? null : need(imports, r.import_id),
        r.actor,
        r.recorded_at,
      ]),
    );
    await insertReasons(
      sql,
      registry.records.flatMap((r) => (r.reason === null ? [] : [[sid, need(records, r.id), r.reason]])),
    );
    const workstation = `laptop:${hostname()}`;
    await insertExports(
      sql,
      exports.exports.map((e) => [
        need(exportIds, e.id),
        sid,
        e.channel_id,
        e.publish_date,
        e.school_year,
        workstation,
        e.settings,
        e.state,
        e.actor,
        e.started_at,
        e.finished_at,
        e.manifest_sha256,
      ]),
    );
    await insertExportItems(
      sql,
      exports.items.map((i) => [
        need(items, i.id),
        sid,
        need(exportIds, i.export_id),
        i.photo_hash,
        i.output_name,
        i.output_sha256,
        i.decision,
        i.override_reason,
        i.hidden_count,
        i.state,
        i.error_code,
        i.details,
      ]),
    );
    await insertExportItemPeople(
      sql,
      exports.itemPeople.map((p) => [
        sid,
        need(items, p.export_item_id),
        need(people, p.person_id),
        need(records, p.consent_record_id),
      ]),
    );
    const linksAdded = await insertRegionLinks(
      sql,
      regions.map((r) => [
        sid,
        r.photo_hash,
        // The same key the exports and the queue of offline work give this region (exportRecord.ts).
        regionKey({
          source: r.source,
          namespace: r.namespace,
          name: r.name,
          box: r.x === null || r.y === null || r.w === null || r.h === null ? null : { x: r.x, y: r.y, w: r.w, h: r.h },
        }),
        need(people, r.person_id),
      ]),
    );
    options.onStep?.('trail');
    const segmentId = await insertSegment(sql, {
      schoolId: sid,
      firstHash: first.hash,
      lastSeq: last.seq,
      lastHash: last.hash,
      counts: { ...counts },
    });
    await insertSegmentEvents(sql, sid, segmentId, events);
    await insertIdMap(sql, sid, segmentId, 'person', people);
    await insertIdMap(sql, sid, segmentId, 'consent_import', imports);
    await insertIdMap(sql, sid, segmentId, 'consent_record', records);
    await insertIdMap(sql, sid, segmentId, 'export', exportIds);
    await insertIdMap(sql, sid, segmentId, 'export_item', items);
    log({
      action: 'board.laptop.migrate',
      subject: `school:${code}`,
      details: {
        segment: segmentId,
        firstHash: first.hash,
        lastHash: last.hash,
        count: events.length,
        counts: { ...counts },
      },
    });
    return { segmentId, people, imports, records, channelsAdded, linksAdded };
  });

  options.onStep?.('renumber');
  adoptBoardIds(
    options,
    { people: written.people, imports: written.imports, records: written.records },
    { id: written.segmentId, firstHash: first.hash, counts: { ...counts } },
  );
  // The renumbered tables are the board's registry of the school now: the refresh makes them its copy, officially.
  const { snapshot } = await refreshBoardSnapshot(db, sql, { school: code });
  return {
    school: code,
    dryRun: false,
    alreadyMigrated: false,
    resumed: false,
    segmentId: written.segmentId,
    counts,
    trail,
    channelsKept: registry.channels.length - written.channelsAdded,
    regionLinksKept: regions.length - written.linksAdded,
    snapshot,
  };
}
