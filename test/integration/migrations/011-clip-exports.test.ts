// Migration 011, clips in exports, over a version-10 file with rows in every table: two new strict tables (a row per
// clip an export decided on, who was visible in it) and nothing else changed. A clip row is written with its name
// and hash, or neither; it names a known clip, export, person and consent record.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../electron/core/db';
import { migratedOneStep, namesOf, schemaDiff, schemaObjects, tableRows } from '../../helpers/migrations';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();
const clip = 'c'.repeat(64);
const at = '2026-09-15T10:00:00.000Z';

function migratedFromVersion10() {
  const result = migratedOneStep(path.join(tempDir(), 'f.sqlite'), 10);
  result.db
    .prepare(
      `INSERT INTO videos (hash, container, video_codec, duration_s, frame_rate, width, height, rotation,
         display_width, display_height, has_gps, has_audio, indexed_at)
       VALUES (?, 'mov,mp4', 'h264', 2, 25, 320, 240, 0, 320, 240, 0, 1, ?)`,
    )
    .run(clip, at);
  return result;
}

const insertClip = `INSERT INTO export_clips (export_id, video_hash, output_name, output_sha256, decision,
  hidden_tracks, audio_kept, frames, state)
  VALUES (@exportId, @video, @name, @sha, @decision, @hidden, @audio, @frames, @state)`;
const written = {
  exportId: 1,
  video: clip,
  name: 'sportdag-2026_0002.mp4',
  sha: 'f'.repeat(64),
  decision: 'hide',
  hidden: 2,
  audio: 0,
  frames: 50,
  state: 'done',
};

describe('migration 011 over a version-10 database', () => {
  it('adds the export_clips and export_clip_people tables, and changes nothing else', () => {
    const { db, schemaBefore, rowsBefore } = migratedFromVersion10();
    expect(schemaVersion(db)).toBe(11);
    const { added, removedOrChanged } = schemaDiff(schemaBefore, schemaObjects(db));
    expect(removedOrChanged).toEqual([]);
    expect(namesOf(added, 'table')).toEqual(['export_clip_people', 'export_clips']);
    expect(namesOf(added, 'index')).toEqual(['export_clip_people_person', 'export_clips_export', 'export_clips_video']);
    for (const table of ['export_clips', 'export_clip_people']) {
      expect(added.find((object) => object.name === table)!.sql).toMatch(/STRICT\s*$/);
    }
    expect({ ...tableRows(db), videos: undefined }).toEqual({
      ...rowsBefore,
      videos: undefined,
      export_clips: [],
      export_clip_people: [],
    });
    db.close();
  });

  it('keeps a written clip with who was visible; refuses unknown clips, exports, people and half-written rows', () => {
    const { db } = migratedFromVersion10();
    const insert = db.prepare(insertClip);
    const id = Number(insert.run(written).lastInsertRowid);
    insert.run({ ...written, name: null, sha: null, decision: 'blocked', hidden: 0, frames: null, state: 'skipped' });
    const person = db.prepare(
      'INSERT INTO export_clip_people (export_clip_id, person_id, consent_record_id) VALUES (?, ?, ?)',
    );
    person.run(id, 1, 1);
    expect(() => person.run(id, 1, 1)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => person.run(id, 99, 1)).toThrow(/FOREIGN KEY/);
    expect(() => person.run(id, 2, 999)).toThrow(/FOREIGN KEY/);
    expect(() => insert.run({ ...written, video: 'd'.repeat(64) })).toThrow(/FOREIGN KEY/);
    expect(() => insert.run({ ...written, exportId: 99 })).toThrow(/FOREIGN KEY/);
    expect(() => insert.run({ ...written, name: null })).toThrow(/CHECK/);
    expect(() => insert.run({ ...written, state: 'failed' })).toThrow(/CHECK/);
    expect(() => insert.run({ ...written, audio: 2 })).toThrow(/CHECK/);
    expect(() => insert.run({ ...written, decision: 'maybe' })).toThrow(/CHECK/);
    db.close();
  });
});
