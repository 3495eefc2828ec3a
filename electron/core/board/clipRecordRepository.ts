// SQL (PostgreSQL) of the clips of an export on the board (board migration 005): one row per clip the export decided
// on, and who was visible in each written clip on which consent version — as photos' items (recordsRepository.ts).
import type { BoardSql } from './connection';

export interface BoardExportClipRow {
  readonly videoHash: string;
  readonly outputName: string | null;
  readonly outputSha256: string | null;
  readonly decision: string;
  readonly overrideReason: string | null;
  readonly hiddenTracks: number;
  readonly audioKept: boolean;
  readonly frames: number | null;
  readonly state: string;
  readonly errorCode: string | null;
  readonly details: Readonly<Record<string, unknown>>;
  readonly visible: ReadonlyArray<{ readonly personId: number; readonly consentRecordId: number }>;
}

export async function insertBoardExportClip(
  sql: BoardSql,
  schoolId: number,
  exportId: number,
  clip: Readonly<BoardExportClipRow>,
): Promise<number> {
  const { rows } = await sql.query<{ id: number }>(
    `INSERT INTO fotowacht.export_clips (school_id, export_id, video_hash, output_name, output_sha256, decision,
       override_reason, hidden_tracks, audio_kept, frames, state, error_code, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id::int AS id`,
    [
      schoolId,
      exportId,
      clip.videoHash,
      clip.outputName,
      clip.outputSha256,
      clip.decision,
      clip.overrideReason,
      clip.hiddenTracks,
      clip.audioKept,
      clip.frames,
      clip.state,
      clip.errorCode,
      JSON.stringify(clip.details),
    ],
  );
  const clipId = rows[0]!.id;
  for (const person of clip.visible)
    await sql.query(
      `INSERT INTO fotowacht.export_clip_people (school_id, export_clip_id, person_id, consent_record_id)
       VALUES ($1, $2, $3, $4)`,
      [schoolId, clipId, person.personId, person.consentRecordId],
    );
  return clipId;
}
