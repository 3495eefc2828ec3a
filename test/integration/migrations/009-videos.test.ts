// Migration 009, videos, over a version-8 file with rows in every table: two new strict tables (clips by content
// hash, their files by path) and nothing else changed.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../electron/core/db';
import { migratedOneStep, namesOf, schemaDiff, schemaObjects, tableRows } from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();
const clip = 'c'.repeat(64);

function migratedFromVersion8() {
  return migratedOneStep(path.join(tempDir(), 'f.sqlite'), 8);
}

const insertVideo = `INSERT INTO videos (hash, container, video_codec, duration_s, frame_rate, width, height, rotation,
  display_width, display_height, has_gps, has_audio, indexed_at)
  VALUES (@hash, 'mov,mp4', 'h264', 2, 25, 320, 240, @rotation, 320, 240, 1, 0, '2026-09-15T10:00:00.000Z')`;

describe('migration 009 over a version-8 database', () => {
  it('adds the videos and video_files tables, and changes nothing else', () => {
    const { db, schemaBefore, rowsBefore } = migratedFromVersion8();
    expect(schemaVersion(db)).toBe(9);
    const { added, removedOrChanged } = schemaDiff(schemaBefore, schemaObjects(db));
    expect(removedOrChanged).toEqual([]);
    expect(namesOf(added, 'table')).toEqual(['video_files', 'videos']);
    expect(namesOf(added, 'index')).toEqual(['video_files_event', 'video_files_video']);
    for (const table of ['videos', 'video_files']) {
      expect(added.find((object) => object.name === table)!.sql).toMatch(/STRICT\s*$/);
    }
    expect({ ...tableRows(db), videos: undefined, video_files: undefined }).toEqual({
      ...rowsBefore,
      videos: undefined,
      video_files: undefined,
    });
    db.close();
  });

  it('refuses a bad rotation, a file of an unknown clip or event, and a second file row on one path', () => {
    const { db } = migratedFromVersion8();
    db.prepare(insertVideo).run({ hash: clip, rotation: 90 });
    expect(() => db.prepare(insertVideo).run({ hash: 'd'.repeat(64), rotation: 45 })).toThrow(/CHECK/);
    const file = db.prepare(
      `INSERT INTO video_files (path, video_hash, event_id, size, mtime_ms, indexed_at)
       VALUES (?, ?, ?, 10, 1, '2026-09-15T10:00:00.000Z')`,
    );
    file.run('/school/Sportdag/IMG_0100.mp4', clip, 1);
    expect(() => file.run('/school/Sportdag/IMG_0100.mp4', clip, 1)).toThrow(/UNIQUE/);
    expect(() => file.run('/school/Sportdag/b.mp4', 'e'.repeat(64), 1)).toThrow(/FOREIGN KEY/);
    expect(() => file.run('/school/Sportdag/c.mp4', clip, 99)).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
