// SQL of exports: one row per export run, one per photo it decided on, and who was visible in each exported file on
// which consent version. The only module that reads or writes exports, export_items and export_item_people.
import type { ExportListItem, PublicationView } from '../../../shared/ipc/publish';
import type { DecisionStatus } from '../../../shared/policy';
import type { ExportItemState } from '../../../shared/publish';
import type { ReadableDb, WritableDb } from '../db';

export type ExportState = 'running' | 'done' | 'failed' | 'cancelled';

export interface NewExport {
  readonly channelId: string;
  readonly publishDate: string;
  readonly schoolYear: string;
  readonly outDir: string;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly actor: string;
  readonly startedAt: string;
}

export function insertExport(db: WritableDb, row: NewExport): number {
  return Number(
    db
      .prepare(
        `INSERT INTO exports (channel_id, publish_date, school_year, out_dir, settings, state, actor, started_at)
         VALUES (@channelId, @publishDate, @schoolYear, @outDir, @settings, 'running', @actor, @startedAt)`,
      )
      .run({ ...row, settings: JSON.stringify(row.settings) }).lastInsertRowid,
  );
}

export interface NewExportItem {
  readonly exportId: number;
  readonly photoHash: string;
  readonly outputName: string | null;
  readonly outputSha256: string | null;
  readonly decision: DecisionStatus;
  readonly overrideReason: string | null;
  readonly hiddenCount: number;
  readonly state: ExportItemState;
  readonly errorCode: string | null;
  readonly details: Readonly<Record<string, unknown>>;
  /** Who was visible in the written file, and on which consent version (only for state 'done'). */
  readonly visible: ReadonlyArray<{ readonly personId: number; readonly consentRecordId: number }>;
}

/** One photo's outcome with its visible people; call inside the transaction that logs it. */
export function insertExportItem(db: WritableDb, item: NewExportItem): number {
  const itemId = Number(
    db
      .prepare(
        `INSERT INTO export_items (export_id, photo_hash, output_name, output_sha256, decision, override_reason,
           hidden_count, state, error_code, details)
         VALUES (@exportId, @photoHash, @outputName, @outputSha256, @decision, @overrideReason, @hiddenCount, @state,
           @errorCode, @details)`,
      )
      .run({
        exportId: item.exportId,
        photoHash: item.photoHash,
        outputName: item.outputName,
        outputSha256: item.outputSha256,
        decision: item.decision,
        overrideReason: item.overrideReason,
        hiddenCount: item.hiddenCount,
        state: item.state,
        errorCode: item.errorCode,
        details: JSON.stringify(item.details),
      }).lastInsertRowid,
  );
  const insertPerson = db.prepare(
    'INSERT INTO export_item_people (export_item_id, person_id, consent_record_id) VALUES (?, ?, ?)',
  );
  for (const person of item.visible) insertPerson.run(itemId, person.personId, person.consentRecordId);
  return itemId;
}

export function finishExport(
  db: WritableDb,
  exportId: number,
  state: Exclude<ExportState, 'running'>,
  finishedAt: string,
  manifestSha256: string | null = null,
): void {
  db.prepare('UPDATE exports SET state = ?, finished_at = ?, manifest_sha256 = ? WHERE id = ?').run(
    state,
    finishedAt,
    manifestSha256,
    exportId,
  );
}

export interface RunningExport {
  readonly id: number;
  readonly outDir: string;
  readonly settings: Readonly<Record<string, unknown>>;
}

export function runningExports(db: ReadableDb): RunningExport[] {
  return (
    db.prepare(`SELECT id, out_dir, settings FROM exports WHERE state = 'running'`).all() as Array<{
      id: number;
      out_dir: string;
      settings: string;
    }>
  ).map((row) => ({
    id: row.id,
    outDir: row.out_dir,
    settings: JSON.parse(row.settings) as RunningExport['settings'],
  }));
}

/** The file names an export had already put in its folder. */
export function writtenOutputs(db: ReadableDb, exportId: number): string[] {
  return db
    .prepare(`SELECT output_name FROM export_items WHERE export_id = ? AND state = 'done'`)
    .pluck()
    .all(exportId) as string[];
}

export function listExports(db: ReadableDb, limit: number): ExportListItem[] {
  return db
    .prepare(
      `SELECT e.id AS exportId, e.channel_id AS channelId, e.publish_date AS publishDate, e.out_dir AS outDir, e.state,
              e.started_at AS startedAt, e.finished_at AS finishedAt, e.manifest_sha256 AS manifestSha256,
              (SELECT count(*) FROM export_items i WHERE i.export_id = e.id AND i.state = 'done') AS exported
       FROM exports e ORDER BY e.id DESC LIMIT ?`,
    )
    .all(limit) as ExportListItem[];
}

/** The folder of a finished export (the only folders the app opens in the file manager). */
export function finishedExportFolder(db: ReadableDb, exportId: number): string | null {
  return (
    (db.prepare(`SELECT out_dir FROM exports WHERE id = ? AND state = 'done'`).pluck().get(exportId) as
      string | undefined) ?? null
  );
}

/** Every finished export in which this person was visible, newest first. Hidden appearances are not publications. */
export function publicationsOfPerson(db: ReadableDb, personId: number): PublicationView[] {
  return db
    .prepare(
      `SELECT e.id AS exportId, e.channel_id AS channelId, e.publish_date AS publishDate, e.school_year AS schoolYear,
              e.finished_at AS exportedAt, e.out_dir AS outDir, i.output_name AS outputName,
              i.output_sha256 AS outputSha256, i.photo_hash AS photoHash, p.consent_record_id AS consentRecordId
       FROM export_item_people p
       JOIN export_items i ON i.id = p.export_item_id AND i.state = 'done'
       JOIN exports e ON e.id = i.export_id AND e.state = 'done'
       WHERE p.person_id = ?
       ORDER BY e.finished_at DESC, i.output_name`,
    )
    .all(personId) as PublicationView[];
}

/** Finished or failed exports published before `day` (YYYY-MM-DD): candidates for pruning under retention. */
export function exportsPublishedBefore(
  db: ReadableDb,
  day: string,
): Array<{ readonly id: number; readonly channelId: string; readonly publishDate: string; readonly files: number }> {
  return db
    .prepare(
      `SELECT e.id, e.channel_id AS channelId, e.publish_date AS publishDate,
         (SELECT count(*) FROM export_items i WHERE i.export_id = e.id AND i.state = 'done') AS files
       FROM exports e WHERE e.publish_date < ? AND e.state <> 'running' ORDER BY e.id`,
    )
    .all(day) as Array<{ id: number; channelId: string; publishDate: string; files: number }>;
}

/** Removes an export's records: who was visible, its items, the export. */
export function deleteExportRecords(db: WritableDb, exportId: number): void {
  db.prepare(
    'DELETE FROM export_item_people WHERE export_item_id IN (SELECT id FROM export_items WHERE export_id = ?)',
  ).run(exportId);
  db.prepare('DELETE FROM export_items WHERE export_id = ?').run(exportId);
  db.prepare('DELETE FROM exports WHERE id = ?').run(exportId);
}

/** Erasure: the free-text override reasons recorded for these photos' export items. Returns how many were cleared. */
export function clearOverrideReasons(db: WritableDb, photoHashes: readonly string[]): number {
  const clear = db.prepare(
    'UPDATE export_items SET override_reason = NULL WHERE photo_hash = ? AND override_reason IS NOT NULL',
  );
  let cleared = 0;
  for (const hash of photoHashes) cleared += clear.run(hash).changes;
  return cleared;
}
