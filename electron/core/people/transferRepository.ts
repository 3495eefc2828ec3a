// SQL of moving a laptop's links of regions to people into a school board (`fotowacht board migrate`): the linked
// regions as stored, and the renumbering of their person ids to the board's once the board has taken the people.
import type { IdMap, ReadableDb, WritableDb } from '../db';
import { loadTempIdMap } from '../db';

export interface LinkedRegionRow {
  readonly id: number;
  readonly photo_hash: string;
  readonly source: string;
  readonly namespace: string;
  readonly name: string;
  readonly x: number | null;
  readonly y: number | null;
  readonly w: number | null;
  readonly h: number | null;
  readonly person_id: number;
}

/** Every region linked to a person (dismissed ones too: the link is what was relied on), by id. */
export function linkedRegionRows(db: ReadableDb): LinkedRegionRow[] {
  return db
    .prepare(
      `SELECT id, photo_hash, source, namespace, name, x, y, w, h, person_id FROM regions
       WHERE person_id IS NOT NULL ORDER BY id`,
    )
    .all() as LinkedRegionRow[];
}

/** Renumbers the regions' people to the board's ids (inside the caller's transaction; foreign keys deferred). */
export function renumberRegionPeople(db: WritableDb, people: IdMap): void {
  const map = loadTempIdMap(db, 'transfer_region_people', people);
  db.exec(`UPDATE regions SET person_id = -person_id WHERE person_id IN (SELECT from_id FROM ${map});
    UPDATE regions SET person_id = (SELECT to_id FROM ${map} WHERE from_id = -regions.person_id) WHERE person_id < 0;`);
}
