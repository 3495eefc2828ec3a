// SQL of a clip's faces (issue 15, migration 010): its scan and its tracks. The rules (who may name, what a state
// change logs, when a rescan may replace tracks) live in the callers; this file only reads and writes rows.
import type { Box } from '../../../shared/geometry';
import type { TrackState, VideoScan, VideoTrack, VideoTrackObservation } from '../../../shared/videoTracks';
import type { ReadableDb, WritableDb } from '../db';

type ObservationTuple = [frame: number, x: number, y: number, w: number, h: number, score: number | null];

interface TrackRow {
  readonly id: number;
  readonly videoHash: string;
  readonly source: 'detector' | 'user';
  readonly firstFrame: number;
  readonly lastFrame: number;
  readonly observations: string;
  readonly personId: number | null;
  readonly splitFrom: number | null;
  readonly guestAt: string | null;
  readonly dismissedAt: string | null;
}

const SELECT_TRACK = `SELECT id, video_hash AS videoHash, source, first_frame AS firstFrame, last_frame AS lastFrame,
    observations, person_id AS personId, split_from AS splitFrom, guest_at AS guestAt, dismissed_at AS dismissedAt
  FROM video_tracks`;

function stateOf(row: TrackRow): TrackState {
  if (row.personId !== null) return 'linked';
  if (row.guestAt !== null) return 'guest';
  if (row.dismissedAt !== null) return 'dismissed';
  return 'open';
}

function trackOf(row: TrackRow): VideoTrack {
  const tuples = JSON.parse(row.observations) as ObservationTuple[];
  return {
    id: row.id,
    videoHash: row.videoHash,
    source: row.source,
    firstFrame: row.firstFrame,
    lastFrame: row.lastFrame,
    observations: tuples.map(([frame, x, y, w, h, score]) => ({ frame, box: { x, y, w, h }, score })),
    personId: row.personId,
    splitFrom: row.splitFrom,
    state: stateOf(row),
  };
}

function tuplesOf(observations: readonly VideoTrackObservation[]): string {
  const sorted = [...observations].sort((a, b) => a.frame - b.frame);
  return JSON.stringify(
    sorted.map(({ frame, box, score }: { frame: number; box: Box; score: number | null }) => [
      frame,
      box.x,
      box.y,
      box.w,
      box.h,
      score,
    ]),
  );
}

function span(observations: readonly VideoTrackObservation[]): { firstFrame: number; lastFrame: number } {
  if (observations.length === 0) throw new Error('A track needs at least one observation');
  const frames = observations.map((observation) => observation.frame);
  return { firstFrame: Math.min(...frames), lastFrame: Math.max(...frames) };
}

export function getVideoScan(db: ReadableDb, videoHash: string): VideoScan | null {
  const row = db
    .prepare(
      `SELECT video_hash AS videoHash, model, sample_every AS sampleEvery, frame_count AS frameCount,
         frames_sampled AS framesSampled, options, scanned_at AS scannedAt, scanned_by AS scannedBy
       FROM video_scans WHERE video_hash = ?`,
    )
    .get(videoHash) as (Omit<VideoScan, 'options'> & { options: string }) | undefined;
  return row ? { ...row, options: JSON.parse(row.options) as Record<string, number> } : null;
}

/**
 * A clip's scan and its tracks replace whatever was there: the old tracks go (with their names and marks — callers
 * decide whether that may happen). Returns the new tracks' ids in the given order.
 */
export function replaceVideoScan(
  db: WritableDb,
  scan: VideoScan,
  tracks: ReadonlyArray<readonly VideoTrackObservation[]>,
): number[] {
  db.prepare('DELETE FROM video_tracks WHERE video_hash = ?').run(scan.videoHash);
  db.prepare(
    `INSERT INTO video_scans (video_hash, model, sample_every, frame_count, frames_sampled, options, scanned_at,
       scanned_by)
     VALUES (@videoHash, @model, @sampleEvery, @frameCount, @framesSampled, @options, @scannedAt, @scannedBy)
     ON CONFLICT (video_hash) DO UPDATE SET model = excluded.model, sample_every = excluded.sample_every,
       frame_count = excluded.frame_count, frames_sampled = excluded.frames_sampled, options = excluded.options,
       scanned_at = excluded.scanned_at, scanned_by = excluded.scanned_by`,
  ).run({ ...scan, options: JSON.stringify(scan.options) });
  return tracks.map((observations) =>
    insertVideoTrack(db, {
      videoHash: scan.videoHash,
      source: 'detector',
      observations,
      splitFrom: null,
      createdAt: scan.scannedAt,
      createdBy: scan.scannedBy,
    }),
  );
}

export function insertVideoTrack(
  db: WritableDb,
  track: {
    readonly videoHash: string;
    readonly source: 'detector' | 'user';
    readonly observations: readonly VideoTrackObservation[];
    readonly splitFrom: number | null;
    readonly createdAt: string;
    readonly createdBy: string | null;
  },
): number {
  return Number(
    db
      .prepare(
        `INSERT INTO video_tracks (video_hash, source, first_frame, last_frame, observations, split_from,
           created_at, created_by)
         VALUES (@videoHash, @source, @firstFrame, @lastFrame, @observations, @splitFrom, @createdAt, @createdBy)`,
      )
      .run({ ...track, ...span(track.observations), observations: tuplesOf(track.observations) }).lastInsertRowid,
  );
}

/** A track's observations after a split (the part that stays). */
export function setVideoTrackObservations(
  db: WritableDb,
  id: number,
  observations: readonly VideoTrackObservation[],
): void {
  db.prepare(
    `UPDATE video_tracks SET observations = @observations, first_frame = @firstFrame, last_frame = @lastFrame
     WHERE id = @id`,
  ).run({ id, ...span(observations), observations: tuplesOf(observations) });
}

export function getVideoTrack(db: ReadableDb, id: number): VideoTrack | null {
  const row = db.prepare(`${SELECT_TRACK} WHERE id = ?`).get(id) as TrackRow | undefined;
  return row ? trackOf(row) : null;
}

/** A clip's tracks, in the order they appear (first frame, then id). */
export function listVideoTracks(db: ReadableDb, videoHash: string): VideoTrack[] {
  const rows = db.prepare(`${SELECT_TRACK} WHERE video_hash = ? ORDER BY first_frame, id`).all(videoHash) as TrackRow[];
  return rows.map(trackOf);
}

/**
 * A track's state: linked to a person, guest, dismissed or open again. Clears the other marks (a track has one
 * state). `by` and `at` are kept for guest and dismissed.
 */
export function setVideoTrackState(
  db: WritableDb,
  id: number,
  state:
    | { readonly kind: 'open' }
    | { readonly kind: 'linked'; readonly personId: number }
    | {
        readonly kind: 'guest' | 'dismissed';
        readonly at: string;
        readonly by: string | null;
      },
): boolean {
  const values = {
    id,
    personId: state.kind === 'linked' ? state.personId : null,
    guestAt: state.kind === 'guest' ? state.at : null,
    guestBy: state.kind === 'guest' ? state.by : null,
    dismissedAt: state.kind === 'dismissed' ? state.at : null,
    dismissedBy: state.kind === 'dismissed' ? state.by : null,
  };
  return (
    db
      .prepare(
        `UPDATE video_tracks SET person_id = @personId, guest_at = @guestAt, guest_by = @guestBy,
           dismissed_at = @dismissedAt, dismissed_by = @dismissedBy
         WHERE id = @id`,
      )
      .run(values).changes > 0
  );
}

/** The tracks split off this one (a split's undo refuses a part that was split again). */
export function tracksSplitFrom(db: ReadableDb, id: number): number[] {
  return db.prepare('SELECT id FROM video_tracks WHERE split_from = ? ORDER BY id').pluck().all(id) as number[];
}

/** Removes a track a split made (its observations are given back to the track it was split from first). */
export function deleteVideoTrack(db: WritableDb, id: number): boolean {
  return db.prepare('DELETE FROM video_tracks WHERE id = ?').run(id).changes > 0;
}

/** The clips in which a track is linked to this person (erasure clears the override reasons recorded for them). */
export function videosWithPerson(db: ReadableDb, personId: number): string[] {
  return db
    .prepare('SELECT DISTINCT video_hash FROM video_tracks WHERE person_id = ? ORDER BY video_hash')
    .pluck()
    .all(personId) as string[];
}

/** Erasure: every track linked to the person becomes a guest track (still hidden, no longer theirs). */
export function unlinkVideoTracksOfPerson(db: WritableDb, personId: number, at: string, by: string | null): number {
  return db
    .prepare(`UPDATE video_tracks SET person_id = NULL, guest_at = @at, guest_by = @by WHERE person_id = @personId`)
    .run({ personId, at, by }).changes;
}

/** The indexed files of a clip with the size and modification time they had when indexed, by path. */
export function videoFilesOf(
  db: ReadableDb,
  videoHash: string,
): Array<{ readonly path: string; readonly size: number; readonly mtimeMs: number }> {
  return db
    .prepare('SELECT path, size, mtime_ms AS mtimeMs FROM video_files WHERE video_hash = ? ORDER BY path')
    .all(videoHash) as Array<{ path: string; size: number; mtimeMs: number }>;
}

/** Clips with a file in the library that this model has not scanned (never scanned, or by another model). */
export function videosAwaitingScan(db: ReadableDb, model: string): string[] {
  return db
    .prepare(
      `SELECT v.hash FROM videos v LEFT JOIN video_scans s ON s.video_hash = v.hash
       WHERE (s.video_hash IS NULL OR s.model <> ?) AND EXISTS (SELECT 1 FROM video_files f WHERE f.video_hash = v.hash)
       ORDER BY v.hash`,
    )
    .pluck()
    .all(model) as string[];
}

/** Every clip with a file in the library. */
export function allScannableVideos(db: ReadableDb): string[] {
  return db.prepare('SELECT DISTINCT video_hash FROM video_files ORDER BY video_hash').pluck().all() as string[];
}
