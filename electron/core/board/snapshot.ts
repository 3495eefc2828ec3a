// The workstation's local read-only copy of its school's registry in board mode: read from the board in one
// REPEATABLE READ transaction (row-level security decides what this user sees), written into the local registry
// tables with the board's ids, and identified by its refresh time and content hash. Every reader here — decisions,
// the review, the consent screens — reads the copy; only this refresh writes it.
import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import {
  applyRegistryCopy,
  applyRegistryWrites,
  foreignRegistryRows,
  localRegistryJson,
  registryCounts,
  type CopyChanges,
  type RegistryCopy,
  type RegistryCopyJson,
  type RegistryWrites,
} from '../consent';
import type { ReadableDb, WritableDb } from '../db';
import { compactAfterErasures, erasedByBoard, followBoardErasures, type FollowedErasure } from '../privacy';
import { boardError, type BoardSql } from './connection';
import {
  beginRegistryRead,
  endRegistryRead,
  readSchoolRegistry,
  visibleSchools,
  type VisibleSchool,
} from './registryReadRepository';
import { sessionUser } from './repository';
import { readSnapshotRow, writeSnapshotRow, type SnapshotRow } from './snapshotRepository';

/** Which copy this workstation holds: its time and content hash name it in manifests and audit events. */
export type BoardSnapshot = SnapshotRow;

export function readBoardSnapshot(db: ReadableDb): BoardSnapshot | null {
  return readSnapshotRow(db);
}

/** How old the copy is at `now`, in milliseconds (null when there is none). */
export function boardSnapshotAge(db: ReadableDb, now: Date = new Date()): number | null {
  const snapshot = readSnapshotRow(db);
  return snapshot ? now.getTime() - Date.parse(snapshot.refreshedAt) : null;
}

export interface RefreshOptions {
  /** The school's code, for a user of several schools; default: the copy's school, or the user's only one. */
  readonly school?: string | undefined;
  readonly now?: Date | undefined;
}

export interface RefreshResult {
  readonly snapshot: BoardSnapshot;
  /** What the refresh changed in the local copy (all zero when the board had nothing new). */
  readonly changes: CopyChanges;
  /** People the board erased since the last refresh: their traces on this computer were cleared too. */
  readonly erasures: readonly FollowedErasure[];
}

function chooseSchool(schools: readonly VisibleSchool[], wanted: string | undefined, held: SnapshotRow | null) {
  const code = wanted ?? held?.schoolCode;
  if (code !== undefined) {
    const school = schools.find((candidate) => candidate.code === code);
    if (!school) throw new AppError('board.schoolNotVisible', { code });
    return school;
  }
  const [only, ...more] = schools;
  if (!only) throw new AppError('board.noSchool', {});
  if (more.length > 0) throw new AppError('board.schoolChoose', { schools: schools.map((s) => s.code).join(', ') });
  return only;
}

function unchanged(db: ReadableDb, held: SnapshotRow, user: string, school: VisibleSchool): boolean {
  if (held.schoolId !== school.id || held.user !== user || held.registryVersion !== school.version) return false;
  const local = registryCounts(db);
  return (
    local.people === held.counts.people &&
    local.records === held.counts.records &&
    local.imports === held.counts.imports
  );
}

/**
 * The content hash: the same registry gives the same hash on every workstation. Each row's fields come in the order
 * the board's queries name them (mappings and counts as canonical JSON), so plain JSON is canonical here.
 */
export function registryHash(schoolCode: string, copy: Readonly<RegistryCopy>): string {
  return hashOfLists(
    schoolCode,
    Object.entries(copy).map(([list, rows]) => [list as keyof RegistryCopy, JSON.stringify(rows)] as const),
  );
}

/** The content hash of a copy's lists as JSON, in the copy's order. */
function hashOfLists(schoolCode: string, lists: RegistryCopyJson): string {
  const hash = createHash('sha256').update(JSON.stringify({ school: schoolCode }));
  for (const [list, json] of lists) hash.update(`\n${list}:${json}`);
  return hash.digest('hex');
}

/**
 * Reads the school's registry from the board and makes the local copy equal to it. Refused when the local registry
 * holds rows the board does not (a laptop's own registry: it must be migrated into the board first, or the
 * workstation start from an empty data folder), and when the copy is of another school than the one asked for.
 */
export async function refreshBoardSnapshot(
  db: WritableDb,
  sql: BoardSql,
  options: Readonly<RefreshOptions> = {},
): Promise<RefreshResult> {
  const held = readSnapshotRow(db);
  let school: VisibleSchool;
  let copy: RegistryCopy | null = null;
  let user: string;
  try {
    await beginRegistryRead(sql);
    try {
      user = await sessionUser(sql);
      school = chooseSchool(await visibleSchools(sql), options.school, held);
      // Every change to the school's registry raises its version (board migration 002's triggers): the same version
      // for the same user, and a copy still as the last refresh left it, is the same registry — not read again.
      if (!held || !unchanged(db, held, user, school)) copy = await readSchoolRegistry(sql, school.id);
    } finally {
      await endRegistryRead(sql).catch(() => undefined);
    }
  } catch (error) {
    throw boardError(error, '');
  }
  if (held && held.schoolId !== school.id)
    throw new AppError('board.snapshotOtherSchool', { held: held.schoolCode, wanted: school.code });
  const refreshedAt = (options.now ?? new Date()).toISOString();
  if (copy === null && held) {
    const snapshot = { ...held, refreshedAt };
    writeSnapshotRow(db, snapshot);
    return { snapshot, changes: { people: 0, channels: 0, imports: 0, records: 0, reasons: 0 }, erasures: [] };
  }
  if (copy === null) throw new Error('no copy read');
  const foreign = foreignRegistryRows(db, copy);
  if (foreign.people + foreign.records + foreign.imports > 0) throw new AppError('board.localRegistry', { ...foreign });
  const snapshot: BoardSnapshot = {
    refreshedAt,
    contentHash: registryHash(school.code, copy),
    user,
    schoolId: school.id,
    schoolCode: school.code,
    registryVersion: school.version,
    counts: {
      people: copy.people.length,
      channels: copy.channels.length,
      imports: copy.imports.length,
      records: copy.records.length,
      reasons: copy.reasons.length,
    },
  };
  // People the board erased: read with their names before the copy loses them, to clear their traces here too.
  const erased = erasedByBoard(
    db,
    copy.people.filter((person) => person.erasedAt !== null).map((person) => person.id),
  );
  if (erased.length > 0) db.pragma('secure_delete = ON');
  const { changes, erasures } = db.transaction(() => {
    const applied = applyRegistryCopy(db, copy);
    const followed = followBoardErasures(db, erased);
    writeSnapshotRow(db, snapshot);
    return { changes: applied, erasures: followed };
  })();
  compactAfterErasures(db, erasures);
  return { snapshot, changes, erasures };
}

/**
 * After a write committed to the board from the copy `held` — under the school's registry lock, with the copy still
 * at the registry's version then — takes the write's rows over into the copy: the copy is the board's registry at
 * `registryVersion` (the version the write's own transaction left), the same rows and content hash a full refresh
 * would give, without reading the school's registry again. A change by another workstation after the commit raises
 * the version again, so the next refresh reads the registry as usual. Null, and nothing changed, when the copy is no
 * longer `held` (another process of this workstation refreshed it meanwhile) or a written person is erased: the
 * caller refreshes.
 */
export function takeOverBoardWrites(
  db: WritableDb,
  held: Readonly<BoardSnapshot>,
  writes: Readonly<RegistryWrites>,
  registryVersion: number,
  now: Date = new Date(),
): RefreshResult | null {
  // Immediate: no other process writes the copy between the check and the take-over.
  return db
    .transaction((): RefreshResult | null => {
      const current = readSnapshotRow(db);
      if (
        current?.refreshedAt !== held.refreshedAt ||
        current.registryVersion !== held.registryVersion ||
        current.contentHash !== held.contentHash
      )
        return null;
      // An erased person among the rows: the refresh follows the erasure on this computer.
      if (writes.people.some((person) => person.erasedAt !== null)) return null;
      const changes = applyRegistryWrites(db, writes);
      const local = registryCounts(db);
      const snapshot: BoardSnapshot = {
        ...held,
        refreshedAt: now.toISOString(),
        contentHash: hashOfLists(held.schoolCode, localRegistryJson(db, writes.channels, writes.reasons)),
        registryVersion,
        counts: {
          people: local.people,
          channels: writes.channels.length,
          imports: local.imports,
          records: local.records,
          reasons: writes.reasons.length,
        },
      };
      writeSnapshotRow(db, snapshot);
      return { snapshot, changes, erasures: [] };
    })
    .immediate();
}
