// Migration 010, video tracks, over a version-9 file with rows in every table: a clip's scan and its tracks, two new
// strict tables, and nothing else changed. A track is linked, guest or dismissed — never two of these at once.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../electron/core/db';
import { migratedOneStep, namesOf, schemaDiff, schemaObjects, tableRows } from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();
const clip = 'c'.repeat(64);
const at = '2026-09-15T10:00:00.000Z';

function migratedFromVersion9() {
  const result = migratedOneStep(path.join(tempDir(), 'f.sqlite'), 9);
  result.db
    .prepare(
      `INSERT INTO videos (hash, container, video_codec, duration_s, frame_rate, width, height, rotation,
         display_width, display_height, has_gps, has_audio, indexed_at)
       VALUES (?, 'mov,mp4', 'h264', 2, 25, 320, 240, 0, 320, 240, 0, 1, ?)`,
    )
    .run(clip, at);
  return result;
}

const insertTrack = `INSERT INTO video_tracks (video_hash, source, first_frame, last_frame, observations, person_id,
  split_from, created_at, guest_at, dismissed_at)
  VALUES (@video, 'detector', @first, @last, @observations, @person, @splitFrom, '${at}', @guest, @dismissed)`;
const track = {
  video: clip,
  first: 0,
  last: 10,
  observations: '[[0,0.1,0.1,0.2,0.2,0.9],[10,0.2,0.1,0.2,0.2,0.8]]',
  person: null,
  splitFrom: null,
  guest: null,
  dismissed: null,
};

describe('migration 010 over a version-9 database', () => {
  it('adds the video_scans and video_tracks tables, and changes nothing else', () => {
    const { db, schemaBefore, rowsBefore } = migratedFromVersion9();
    expect(schemaVersion(db)).toBe(10);
    const { added, removedOrChanged } = schemaDiff(schemaBefore, schemaObjects(db));
    expect(removedOrChanged).toEqual([]);
    expect(namesOf(added, 'table')).toEqual(['video_scans', 'video_tracks']);
    expect(namesOf(added, 'index')).toEqual(['video_tracks_person', 'video_tracks_video']);
    for (const table of ['video_scans', 'video_tracks']) {
      expect(added.find((object) => object.name === table)!.sql).toMatch(/STRICT\s*$/);
    }
    const rowsAfter = tableRows(db);
    expect({ ...rowsAfter, videos: undefined }).toEqual({
      ...rowsBefore,
      videos: undefined,
      video_scans: [],
      video_tracks: [],
    });
    db.close();
  });

  it('keeps tracks of known clips and people, one state at a time, with observations as a JSON array', () => {
    const { db } = migratedFromVersion9();
    const insert = db.prepare(insertTrack);
    const first = Number(insert.run(track).lastInsertRowid);
    insert.run({ ...track, person: 1, splitFrom: first });
    insert.run({ ...track, guest: at });
    insert.run({ ...track, dismissed: at });
    expect(() => insert.run({ ...track, video: 'd'.repeat(64) })).toThrow(/FOREIGN KEY/);
    expect(() => insert.run({ ...track, person: 99 })).toThrow(/FOREIGN KEY/);
    expect(() => insert.run({ ...track, splitFrom: 999 })).toThrow(/FOREIGN KEY/);
    expect(() => insert.run({ ...track, person: 1, guest: at })).toThrow(/CHECK/);
    expect(() => insert.run({ ...track, guest: at, dismissed: at })).toThrow(/CHECK/);
    expect(() => insert.run({ ...track, first: 5, last: 4 })).toThrow(/CHECK/);
    expect(() => insert.run({ ...track, observations: '{"frame":0}' })).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO video_scans (video_hash, model, sample_every, frame_count, frames_sampled, options, scanned_at)
           VALUES (?, 'yunet', 0, 50, 10, '{}', ?)`,
        )
        .run(clip, at),
    ).toThrow(/CHECK/);
    db.close();
  });
});
