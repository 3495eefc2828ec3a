// SQL of the regions table: where people are on photos — read from files, found by the detector, drawn by users —
// and which person a user linked each to. The only module that reads or writes regions.
import type { Box } from '../../../shared/geometry';
import type { FileRegion } from '../../../shared/library';
import { classHintFromTagPath } from '../../../shared/names';
import type { PhotoRegion } from '../../../shared/people';
import type { ReadableDb, WritableDb } from '../db';

export const DETECTOR_NAMESPACE = 'fotowacht-detector';
export const USER_NAMESPACE = 'fotowacht-user';

/** SQLite's default limit on bound parameters is far above this; chunks keep statements small and cacheable. */
const CHUNK = 500;

interface RegionRow {
  id: number;
  photo_hash: string;
  source: PhotoRegion['source'];
  namespace: string;
  kind: PhotoRegion['kind'];
  x: number | null;
  y: number | null;
  w: number | null;
  h: number | null;
  name: string;
  raw: string;
  score: number | null;
  person_id: number | null;
  created_at: string;
  created_by: string | null;
  dismissed_at: string | null;
  dismissed_by: string | null;
  guest_at: string | null;
  guest_by: string | null;
}

/** The tag paths a region was built from ("People/Groep 7/Sem de Vries"), including tags merged into a box. */
function tagPaths(raw: unknown): string[] {
  if (!raw || typeof raw !== 'object') return [];
  const record = raw as { tag?: unknown; also?: unknown };
  const own = typeof record.tag === 'string' ? [record.tag] : [];
  const merged = Array.isArray(record.also)
    ? record.also.flatMap((entry: { raw?: unknown }) => tagPaths(entry?.raw))
    : [];
  return [...own, ...merged];
}

/** The class a hierarchical people tag names, from the region's raw metadata. */
function classHintOf(raw: string): string | null {
  // Only regions built from tags carry a tag path; most raw values need no parsing at all.
  if (!raw.includes('"tag"')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  for (const path of tagPaths(parsed)) {
    const hint = classHintFromTagPath(path, path.includes('|') ? '|' : '/');
    if (hint) return hint;
  }
  return null;
}

function toRegion(row: RegionRow): PhotoRegion {
  return {
    id: row.id,
    photoHash: row.photo_hash,
    source: row.source,
    namespace: row.namespace,
    kind: row.kind,
    box:
      row.x === null || row.y === null || row.w === null || row.h === null
        ? null
        : { x: row.x, y: row.y, w: row.w, h: row.h },
    name: row.name,
    classHint: classHintOf(row.raw),
    score: row.score,
    personId: row.person_id,
    createdAt: row.created_at,
    createdBy: row.created_by,
    dismissedAt: row.dismissed_at,
    dismissedBy: row.dismissed_by,
    guestAt: row.guest_at,
    guestBy: row.guest_by,
  };
}

export function getRegion(db: ReadableDb, regionId: number): PhotoRegion | null {
  const row = db.prepare('SELECT * FROM regions WHERE id = ?').get(regionId) as RegionRow | undefined;
  return row ? toRegion(row) : null;
}

/** Every region of a photo, dismissed ones included, in the order they were made. */
export function regionsOfPhoto(db: ReadableDb, photoHash: string): PhotoRegion[] {
  return (db.prepare('SELECT * FROM regions WHERE photo_hash = ? ORDER BY id').all(photoHash) as RegionRow[]).map(
    toRegion,
  );
}

/**
 * The regions of many photos in one query (an event of 20,000 photos is one decision screen): the hashes go in as
 * one JSON array, which SQLite reads with json_each, rather than as thousands of bound parameters.
 */
export function regionsOfPhotos(db: ReadableDb, photoHashes: readonly string[]): Map<string, PhotoRegion[]> {
  const byPhoto = new Map<string, PhotoRegion[]>(photoHashes.map((hash) => [hash, []]));
  if (photoHashes.length === 0) return byPhoto;
  const rows = db
    .prepare('SELECT * FROM regions WHERE photo_hash IN (SELECT value FROM json_each(?)) ORDER BY id')
    .all(JSON.stringify(photoHashes)) as RegionRow[];
  for (const row of rows) byPhoto.get(row.photo_hash)?.push(toRegion(row));
  return byPhoto;
}

/** Distinct names (with their class hints) on the given photos' regions a user did not dismiss. */
export function namesOnPhotos(
  db: ReadableDb,
  photoHashes: readonly string[],
): Array<{ readonly name: string; readonly classHint: string | null }> {
  const seen = new Map<string, { name: string; classHint: string | null }>();
  if (photoHashes.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT DISTINCT name, raw FROM regions
       WHERE photo_hash IN (SELECT value FROM json_each(?)) AND name <> '' AND dismissed_at IS NULL`,
    )
    .all(JSON.stringify(photoHashes)) as Array<{ name: string; raw: string }>;
  for (const row of rows) {
    const classHint = classHintOf(row.raw);
    seen.set(`${row.name}\u0000${classHint ?? ''}`, { name: row.name, classHint });
  }
  return [...seen.values()];
}

/** Names users linked to a person on the given photos, oldest link first: name → person. */
export function linkedNamesOnPhotos(
  db: ReadableDb,
  photoHashes: readonly string[],
): Array<{ readonly name: string; readonly personId: number }> {
  const links: Array<{ id: number; name: string; personId: number }> = [];
  for (let start = 0; start < photoHashes.length; start += CHUNK) {
    const chunk = photoHashes.slice(start, start + CHUNK);
    links.push(
      ...(db
        .prepare(
          `SELECT id, name, person_id AS personId FROM regions
           WHERE photo_hash IN (${chunk.map(() => '?').join(',')}) AND person_id IS NOT NULL AND name <> ''`,
        )
        .all(...chunk) as Array<{ id: number; name: string; personId: number }>),
    );
  }
  return links.sort((a, b) => a.id - b.id).map(({ name, personId }) => ({ name, personId }));
}

export interface RegionCounts {
  /** Regions with a box that a user did not dismiss. */
  readonly regions: number;
  /** Distinct names (case ignored) on regions a user did not dismiss. */
  readonly names: number;
}

/** How many boxed regions and distinct names the given photos hold, for the library's counts. */
export function countRegionsOfPhotos(db: ReadableDb, photoHashes: readonly string[]): RegionCounts {
  let regions = 0;
  const names = new Set<string>();
  for (let start = 0; start < photoHashes.length; start += CHUNK) {
    const chunk = photoHashes.slice(start, start + CHUNK);
    const marks = chunk.map(() => '?').join(',');
    regions += db
      .prepare(`SELECT count(*) FROM regions WHERE photo_hash IN (${marks}) AND x IS NOT NULL AND dismissed_at IS NULL`)
      .pluck()
      .get(...chunk) as number;
    for (const name of db
      .prepare(
        `SELECT DISTINCT lower(name) FROM regions WHERE photo_hash IN (${marks}) AND name <> '' AND dismissed_at IS NULL`,
      )
      .pluck()
      .all(...chunk) as string[])
      names.add(name);
  }
  return { regions, names: names.size };
}

/** The regions a file's metadata gives (people tags with or without a box), stored once when a photo is new. */
export function insertFileRegions(
  db: WritableDb,
  photoHash: string,
  regions: readonly FileRegion[],
  now: string,
): void {
  const insert = db.prepare(
    `INSERT INTO regions (photo_hash, source, namespace, kind, x, y, w, h, name, raw, created_at)
     VALUES (@photoHash, 'file', @namespace, @kind, @x, @y, @w, @h, @name, @raw, @now)`,
  );
  for (const region of regions) {
    insert.run({
      photoHash,
      namespace: region.namespace,
      kind: region.kind,
      x: region.box?.x ?? null,
      y: region.box?.y ?? null,
      w: region.box?.w ?? null,
      h: region.box?.h ?? null,
      name: region.name,
      raw: JSON.stringify(region.raw),
      now,
    });
  }
}

export interface NewDetectorRegion extends Box {
  readonly score: number;
  readonly raw: Readonly<Record<string, unknown>>;
}

/**
 * Replaces a photo's live detector regions with a new result. A detector region a user dismissed stays
 * (dismissed) so the dismissal is kept; a new box on the same spot as a dismissed one is not stored.
 */
export function replaceDetectorRegions(
  db: WritableDb,
  photoHash: string,
  modelId: string,
  regions: readonly NewDetectorRegion[],
  now: string,
  sameFace: (a: Box, b: Box) => boolean,
): { stored: number; keptDismissed: number } {
  const dismissed = regionsOfPhoto(db, photoHash).filter(
    (r) => r.source === 'detector' && r.dismissedAt !== null && r.box !== null,
  );
  db.prepare("DELETE FROM regions WHERE photo_hash = ? AND source = 'detector' AND dismissed_at IS NULL").run(
    photoHash,
  );
  const insert = db.prepare(
    `INSERT INTO regions (photo_hash, source, namespace, kind, x, y, w, h, raw, score, created_at, created_by)
     VALUES (?, 'detector', ?, 'face', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let stored = 0;
  for (const region of regions) {
    if (dismissed.some((d) => sameFace(d.box!, region))) continue;
    insert.run(
      photoHash,
      DETECTOR_NAMESPACE,
      region.x,
      region.y,
      region.w,
      region.h,
      JSON.stringify(region.raw),
      region.score,
      now,
      modelId,
    );
    stored++;
  }
  return { stored, keptDismissed: dismissed.length };
}

export function insertUserRegion(db: WritableDb, photoHash: string, box: Box, at: string, by: string): number {
  return Number(
    db
      .prepare(
        `INSERT INTO regions (photo_hash, source, namespace, kind, x, y, w, h, created_at, created_by)
         VALUES (?, 'user', ?, 'face', ?, ?, ?, ?, ?, ?)`,
      )
      .run(photoHash, USER_NAMESPACE, box.x, box.y, box.w, box.h, at, by).lastInsertRowid,
  );
}

export function markRegionDismissed(db: WritableDb, regionId: number, at: string, by: string): void {
  db.prepare('UPDATE regions SET dismissed_at = ?, dismissed_by = ? WHERE id = ?').run(at, by, regionId);
}

/** A dismissal taken back (the review's undo): the region counts again. */
export function clearRegionDismissed(db: WritableDb, regionId: number): void {
  db.prepare('UPDATE regions SET dismissed_at = NULL, dismissed_by = NULL WHERE id = ?').run(regionId);
}

/** "Guest / not known" set (with when and by whom) or taken back (null). */
export function setRegionGuest(db: WritableDb, regionId: number, mark: { at: string; by: string } | null): void {
  db.prepare('UPDATE regions SET guest_at = ?, guest_by = ? WHERE id = ?').run(
    mark?.at ?? null,
    mark?.by ?? null,
    regionId,
  );
}

export function setRegionPerson(db: WritableDb, regionId: number, personId: number | null): void {
  db.prepare('UPDATE regions SET person_id = ? WHERE id = ?').run(personId, regionId);
}

/**
 * Erasure: every region linked to the person is unlinked, and every region whose name `names` says is theirs loses
 * the name and the raw tag it was copied from. The box stays (an unknown face is hidden by the rules). Returns the
 * photos that showed the person.
 */
export function eraseRegionsOf(
  db: WritableDb,
  personId: number,
  names: (name: string) => boolean,
): { readonly unlinked: number; readonly tagsRemoved: number; readonly photoHashes: readonly string[] } {
  const rows = db
    .prepare(
      "SELECT id, photo_hash AS photoHash, name, person_id AS personId FROM regions WHERE person_id = ? OR name <> ''",
    )
    .all(personId) as Array<{ id: number; photoHash: string; name: string; personId: number | null }>;
  const photos = new Set<string>();
  const unlink = db.prepare('UPDATE regions SET person_id = NULL WHERE id = ?');
  const scrub = db.prepare("UPDATE regions SET name = '', raw = '{}' WHERE id = ?");
  let unlinked = 0;
  let tagsRemoved = 0;
  for (const row of rows) {
    if (row.personId === personId) {
      unlink.run(row.id);
      unlinked += 1;
      photos.add(row.photoHash);
    }
    if (row.name !== '' && (row.personId === personId || names(row.name))) {
      scrub.run(row.id);
      tagsRemoved += 1;
      photos.add(row.photoHash);
    }
  }
  return { unlinked, tagsRemoved, photoHashes: [...photos] };
}
