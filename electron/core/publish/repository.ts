// SQL of exports: one row per export run, one per photo or clip it decided on, and who was visible in each exported
// file on which consent version. The only module that reads or writes exports, export_items, export_item_people,
// export_clips and export_clip_people.
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

export interface NewExportClip {
  readonly exportId: number;
  readonly videoHash: string;
  readonly outputName: string | null;
  readonly outputSha256: string | null;
  readonly decision: DecisionStatus;
  readonly overrideReason: string | null;
  readonly hiddenTracks: number;
  readonly audioKept: boolean;
  readonly frames: number | null;
  readonly state: ExportItemState;
  readonly errorCode: string | null;
  readonly details: Readonly<Record<string, unknown>>;
  /** Who was visible in the written clip, and on which consent version (only for state 'done'). */
  readonly visible: ReadonlyArray<{ readonly personId: number; readonly consentRecordId: number }>;
}

/** One clip's outcome with its visible people; call inside the transaction that logs it. */
export function insertExportClip(db: WritableDb, clip: NewExportClip): number {
  const clipId = Number(
    db
      .prepare(
        `INSERT INTO export_clips (export_id, video_hash, output_name, output_sha256, decision, override_reason,
           hidden_tracks, audio_kept, frames, state, error_code, details)
         VALUES (@exportId, @videoHash, @outputName, @outputSha256, @decision, @overrideReason, @hiddenTracks,
           @audioKept, @frames, @state, @errorCode, @details)`,
      )
      .run({
        exportId: clip.exportId,
        videoHash: clip.videoHash,
        outputName: clip.outputName,
        outputSha256: clip.outputSha256,
        decision: clip.decision,
        overrideReason: clip.overrideReason,
        hiddenTracks: clip.hiddenTracks,
        audioKept: clip.audioKept ? 1 : 0,
        frames: clip.frames,
        state: clip.state,
        errorCode: clip.errorCode,
        details: JSON.stringify(clip.details),
      }).lastInsertRowid,
  );
  const insertPerson = db.prepare(
    'INSERT INTO export_clip_people (export_clip_id, person_id, consent_record_id) VALUES (?, ?, ?)',
  );
  for (const person of clip.visible) insertPerson.run(clipId, person.personId, person.consentRecordId);
  return clipId;
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

/** The file names an export had already put in its folder (photos and clips). */
export function writtenOutputs(db: ReadableDb, exportId: number): string[] {
  return db
    .prepare(
      `SELECT output_name FROM export_items WHERE export_id = @exportId AND state = 'done'
       UNION ALL SELECT output_name FROM export_clips WHERE export_id = @exportId AND state = 'done'`,
    )
    .pluck()
    .all({ exportId }) as string[];
}

export function listExports(db: ReadableDb, limit: number): ExportListItem[] {
  return db
    .prepare(
      `SELECT e.id AS exportId, e.channel_id AS channelId, e.publish_date AS publishDate, e.out_dir AS outDir, e.state,
              e.started_at AS startedAt, e.finished_at AS finishedAt, e.manifest_sha256 AS manifestSha256,
              (SELECT count(*) FROM export_items i WHERE i.export_id = e.id AND i.state = 'done')
                + (SELECT count(*) FROM export_clips c WHERE c.export_id = e.id AND c.state = 'done') AS exported
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

/**
 * Every finished export in which this person was visible, in a photo or a clip (photoHash is then the clip's content
 * hash), newest first. Hidden appearances are not publications.
 */
export function publicationsOfPerson(db: ReadableDb, personId: number): PublicationView[] {
  return db
    .prepare(
      `SELECT * FROM (
         SELECT e.id AS exportId, e.channel_id AS channelId, e.publish_date AS publishDate,
                e.school_year AS schoolYear, e.finished_at AS exportedAt, e.out_dir AS outDir,
                i.output_name AS outputName, i.output_sha256 AS outputSha256, i.photo_hash AS photoHash,
                p.consent_record_id AS consentRecordId
         FROM export_item_people p
         JOIN export_items i ON i.id = p.export_item_id AND i.state = 'done'
         JOIN exports e ON e.id = i.export_id AND e.state = 'done'
         WHERE p.person_id = @personId
         UNION ALL
         SELECT e.id, e.channel_id, e.publish_date, e.school_year, e.finished_at, e.out_dir, c.output_name,
                c.output_sha256, c.video_hash, p.consent_record_id
         FROM export_clip_people p
         JOIN export_clips c ON c.id = p.export_clip_id AND c.state = 'done'
         JOIN exports e ON e.id = c.export_id AND e.state = 'done'
         WHERE p.person_id = @personId
       ) ORDER BY exportedAt DESC, outputName`,
    )
    .all({ personId }) as PublicationView[];
}

/** Finished or failed exports published before `day` (YYYY-MM-DD): candidates for pruning under retention. */
export function exportsPublishedBefore(
  db: ReadableDb,
  day: string,
): Array<{ readonly id: number; readonly channelId: string; readonly publishDate: string; readonly files: number }> {
  return db
    .prepare(
      `SELECT e.id, e.channel_id AS channelId, e.publish_date AS publishDate,
         (SELECT count(*) FROM export_items i WHERE i.export_id = e.id AND i.state = 'done')
           + (SELECT count(*) FROM export_clips c WHERE c.export_id = e.id AND c.state = 'done') AS files
       FROM exports e WHERE e.publish_date < ? AND e.state <> 'running' ORDER BY e.id`,
    )
    .all(day) as Array<{ id: number; channelId: string; publishDate: string; files: number }>;
}

/** Removes an export's records: who was visible, its items and clips, the export. */
export function deleteExportRecords(db: WritableDb, exportId: number): void {
  db.prepare(
    'DELETE FROM export_clip_people WHERE export_clip_id IN (SELECT id FROM export_clips WHERE export_id = ?)',
  ).run(exportId);
  db.prepare('DELETE FROM export_clips WHERE export_id = ?').run(exportId);
  db.prepare(
    'DELETE FROM export_item_people WHERE export_item_id IN (SELECT id FROM export_items WHERE export_id = ?)',
  ).run(exportId);
  db.prepare('DELETE FROM export_items WHERE export_id = ?').run(exportId);
  db.prepare('DELETE FROM exports WHERE id = ?').run(exportId);
}

/**
 * Erasure: the free-text override reasons recorded for these photos' export items (and these clips' export rows).
 * Returns how many were cleared.
 */
export function clearOverrideReasons(
  db: WritableDb,
  photoHashes: readonly string[],
  videoHashes: readonly string[] = [],
): number {
  const clear = db.prepare(
    'UPDATE export_items SET override_reason = NULL WHERE photo_hash = ? AND override_reason IS NOT NULL',
  );
  const clearClip = db.prepare(
    'UPDATE export_clips SET override_reason = NULL WHERE video_hash = ? AND override_reason IS NOT NULL',
  );
  let cleared = 0;
  for (const hash of photoHashes) cleared += clear.run(hash).changes;
  for (const hash of videoHashes) cleared += clearClip.run(hash).changes;
  return cleared;
}
