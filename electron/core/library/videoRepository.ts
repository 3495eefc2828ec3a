// SQL of the library's videos (issue 15): what each clip is and where its files are. Events and errors are shared
// with photos (repository.ts).
import path from 'node:path';
import type { VideoInfo } from '../../../shared/library';
import type { ReadableDb, WritableDb } from '../db';
import type { KnownFile } from './repository';

function insideParams(folder: string): { prefix: string; prefixEnd: string } {
  const prefix = folder.endsWith(path.sep) ? folder : folder + path.sep;
  return { prefix, prefixEnd: prefix.slice(0, -1) + String.fromCharCode(path.sep.charCodeAt(0) + 1) };
}
const INSIDE = '(path >= @prefix AND path < @prefixEnd)';

export type NewVideo = Omit<VideoInfo, 'paths'>;

export function videoExists(db: ReadableDb, hash: string): boolean {
  return db.prepare('SELECT 1 FROM videos WHERE hash = ?').get(hash) !== undefined;
}

/** A clip, unless it is already known: true when it was added. */
export function insertVideo(db: WritableDb, video: NewVideo, now: string): boolean {
  return (
    db
      .prepare(
        `INSERT OR IGNORE INTO videos (hash, container, video_codec, duration_s, frame_rate, width, height, rotation,
           display_width, display_height, taken_at, camera_make, camera_model, has_gps, has_audio, other_streams,
           title, comment, keywords, people, preview_frames, indexed_at)
         VALUES (@hash, @container, @videoCodec, @durationSeconds, @frameRate, @width, @height, @rotation,
           @displayWidth, @displayHeight, @takenAt, @cameraMake, @cameraModel, @hasGps, @hasAudio, @otherStreams,
           @title, @comment, @keywords, @people, @previewFrames, @now)`,
      )
      .run({
        ...video,
        hasGps: video.hasGps ? 1 : 0,
        hasAudio: video.hasAudio ? 1 : 0,
        keywords: JSON.stringify(video.keywords),
        people: JSON.stringify(video.people),
        now,
      }).changes > 0
  );
}

export function upsertVideoFile(
  db: WritableDb,
  file: { path: string; hash: string; eventId: number; size: number; mtimeMs: number },
  now: string,
): void {
  db.prepare(
    `INSERT INTO video_files (path, video_hash, event_id, size, mtime_ms, indexed_at)
     VALUES (@path, @hash, @eventId, @size, @mtimeMs, @now)
     ON CONFLICT (path) DO UPDATE SET video_hash = excluded.video_hash, event_id = excluded.event_id,
       size = excluded.size, mtime_ms = excluded.mtime_ms, indexed_at = excluded.indexed_at`,
  ).run({ ...file, now });
  db.prepare('DELETE FROM index_errors WHERE path = ?').run(file.path);
}

/** Video files indexed inside a folder, by path. */
export function knownVideoFiles(db: ReadableDb, folder: string): Map<string, KnownFile> {
  const rows = db
    .prepare(`SELECT path, size, mtime_ms AS mtimeMs, video_hash AS hash FROM video_files WHERE ${INSIDE}`)
    .all(insideParams(folder)) as Array<KnownFile & { path: string }>;
  return new Map(rows.map((row) => [row.path, row]));
}

export function removeVideoFiles(db: WritableDb, paths: Iterable<string>): number {
  const deleteFile = db.prepare('DELETE FROM video_files WHERE path = ?');
  let removed = 0;
  for (const file of paths) removed += deleteFile.run(file).changes;
  return removed;
}

/** Distinct clips with a file inside a folder. */
export function countVideosInside(db: ReadableDb, folder: string): number {
  return db
    .prepare(`SELECT count(DISTINCT video_hash) FROM video_files WHERE ${INSIDE}`)
    .pluck()
    .get(insideParams(folder)) as number;
}

interface VideoRow {
  readonly hash: string;
  readonly container: string;
  readonly videoCodec: string;
  readonly durationSeconds: number;
  readonly frameRate: number;
  readonly width: number;
  readonly height: number;
  readonly rotation: number;
  readonly displayWidth: number;
  readonly displayHeight: number;
  readonly takenAt: string | null;
  readonly cameraMake: string | null;
  readonly cameraModel: string | null;
  readonly hasGps: number;
  readonly hasAudio: number;
  readonly otherStreams: number;
  readonly title: string | null;
  readonly comment: string | null;
  readonly keywords: string;
  readonly people: string;
  readonly previewFrames: number;
  readonly paths: string;
}

const SELECT_VIDEO = `SELECT v.hash, v.container, v.video_codec AS videoCodec, v.duration_s AS durationSeconds,
    v.frame_rate AS frameRate, v.width, v.height, v.rotation, v.display_width AS displayWidth,
    v.display_height AS displayHeight, v.taken_at AS takenAt, v.camera_make AS cameraMake,
    v.camera_model AS cameraModel, v.has_gps AS hasGps, v.has_audio AS hasAudio, v.other_streams AS otherStreams,
    v.title, v.comment, v.keywords, v.people, v.preview_frames AS previewFrames,
    (SELECT json_group_array(f.path) FROM video_files f WHERE f.video_hash = v.hash) AS paths
  FROM videos v`;

function videoOf(row: VideoRow): VideoInfo {
  return {
    ...row,
    hasGps: row.hasGps === 1,
    hasAudio: row.hasAudio === 1,
    keywords: JSON.parse(row.keywords) as string[],
    people: JSON.parse(row.people) as string[],
    paths: (JSON.parse(row.paths) as string[]).sort(),
  };
}

export function getVideo(db: ReadableDb, hash: string): VideoInfo | null {
  const row = db.prepare(`${SELECT_VIDEO} WHERE v.hash = ?`).get(hash) as VideoRow | undefined;
  return row ? videoOf(row) : null;
}

/** The clips of an event, oldest first (by date taken, then hash). */
export function listEventVideos(db: ReadableDb, eventId: number): VideoInfo[] {
  const rows = db
    .prepare(
      `${SELECT_VIDEO} WHERE v.hash IN (SELECT video_hash FROM video_files WHERE event_id = ?)
       ORDER BY v.taken_at IS NULL, v.taken_at, v.hash`,
    )
    .all(eventId) as VideoRow[];
  return rows.map(videoOf);
}

/**
 * Erasure: a clip's names, keywords, title and comment that name a person go. Names and keywords are dropped one by
 * one (`namesTag`); a title or comment that mentions the person (`mentions`) is emptied whole — free text cannot be
 * trusted to lose only the name. Returns how many values were removed.
 */
export function removeVideoNames(
  db: WritableDb,
  namesTag: (tag: string) => boolean,
  mentions: (text: string) => boolean,
): number {
  const rows = db.prepare('SELECT hash, title, comment, keywords, people FROM videos').all() as Array<{
    hash: string;
    title: string | null;
    comment: string | null;
    keywords: string;
    people: string;
  }>;
  const update = db.prepare(
    'UPDATE videos SET title = @title, comment = @comment, keywords = @keywords, people = @people WHERE hash = @hash',
  );
  let removed = 0;
  for (const row of rows) {
    const keywords = JSON.parse(row.keywords) as string[];
    const people = JSON.parse(row.people) as string[];
    const keptKeywords = keywords.filter((keyword) => !namesTag(keyword) && !mentions(keyword));
    const keptPeople = people.filter((name) => !namesTag(name) && !mentions(name));
    const title = row.title !== null && mentions(row.title) ? null : row.title;
    const comment = row.comment !== null && mentions(row.comment) ? null : row.comment;
    const count =
      keywords.length -
      keptKeywords.length +
      (people.length - keptPeople.length) +
      (title === row.title ? 0 : 1) +
      (comment === row.comment ? 0 : 1);
    if (count === 0) continue;
    removed += count;
    update.run({
      hash: row.hash,
      title,
      comment,
      keywords: JSON.stringify(keptKeywords),
      people: JSON.stringify(keptPeople),
    });
  }
  return removed;
}
