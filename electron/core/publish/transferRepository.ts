// SQL of moving a laptop's export records into a school board (`fotowacht board migrate`): exports, their items and
// who was visible in each, as stored; and, once the board has taken the registry, the renumbering of the people and
// consent versions those records point at (the laptop's export ids stay its own).
import type { IdMap, ReadableDb, WritableDb } from '../db';
import { loadTempIdMap } from '../db';

export interface TransferExport {
  readonly id: number;
  readonly channel_id: string;
  readonly publish_date: string;
  readonly school_year: string;
  readonly settings: string;
  readonly state: string;
  readonly actor: string;
  readonly started_at: string;
  readonly finished_at: string | null;
  readonly manifest_sha256: string | null;
}

export interface TransferExportItem {
  readonly id: number;
  readonly export_id: number;
  readonly photo_hash: string;
  readonly output_name: string | null;
  readonly output_sha256: string | null;
  readonly decision: string;
  readonly override_reason: string | null;
  readonly hidden_count: number;
  readonly state: string;
  readonly error_code: string | null;
  readonly details: string;
}

export interface TransferExportItemPerson {
  readonly export_item_id: number;
  readonly person_id: number;
  readonly consent_record_id: number;
}

export interface ExportsTransfer {
  readonly exports: TransferExport[];
  readonly items: TransferExportItem[];
  readonly itemPeople: TransferExportItemPerson[];
}

/** Every export record as stored (the folder it was written to stays on the laptop), oldest first. */
export function exportsForTransfer(db: ReadableDb): ExportsTransfer {
  return {
    exports: db
      .prepare(
        `SELECT id, channel_id, publish_date, school_year, settings, state, actor, started_at, finished_at,
           manifest_sha256 FROM exports ORDER BY id`,
      )
      .all() as TransferExport[],
    items: db.prepare('SELECT * FROM export_items ORDER BY id').all() as TransferExportItem[],
    itemPeople: db
      .prepare('SELECT export_item_id, person_id, consent_record_id FROM export_item_people ORDER BY export_item_id')
      .all() as TransferExportItemPerson[],
  };
}

/** Points the visible people of exported files at the board's people and consent versions (caller's transaction). */
export function renumberExportPeople(db: WritableDb, people: IdMap, records: IdMap): void {
  const peopleMap = loadTempIdMap(db, 'transfer_export_people', people);
  const recordMap = loadTempIdMap(db, 'transfer_export_records', records);
  for (const [column, map] of [
    ['person_id', peopleMap],
    ['consent_record_id', recordMap],
  ] as const)
    db.exec(`UPDATE export_item_people SET ${column} = -${column} WHERE ${column} IN (SELECT from_id FROM ${map});
      UPDATE export_item_people SET ${column} = (SELECT to_id FROM ${map} WHERE from_id = -export_item_people.${column})
        WHERE ${column} < 0;`);
}
