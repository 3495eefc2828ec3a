// The SQL of a clip's faces (migration 010): a scan replaces the clip's tracks, observations come back sorted with
// their spans, a track has one state at a time, a split keeps where it came from, erasure turns linked tracks into
// guest tracks (still hidden).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/context';
import { insertVideo } from '../../electron/core/library/videoRepository';
import {
  getVideoScan,
  getVideoTrack,
  insertVideoTrack,
  listVideoTracks,
  replaceVideoScan,
  setVideoTrackObservations,
  setVideoTrackState,
  unlinkVideoTracksOfPerson,
} from '../../electron/core/library/videoTrackRepository';
import type { VideoScan } from '../../shared/videoTracks';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const clip = 'c'.repeat(64);
const at = '2026-09-15T10:00:00.000Z';

function coreWithClip() {
  const core = openCore({ dataDir: path.join(tempDir(), 'data'), osUser: 'communicatie' });
  insertVideo(
    core.db,
    {
      hash: clip,
      container: 'mov,mp4',
      videoCodec: 'h264',
      durationSeconds: 2,
      frameRate: 25,
      width: 320,
      height: 240,
      rotation: 0,
      displayWidth: 320,
      displayHeight: 240,
      takenAt: null,
      cameraMake: null,
      cameraModel: null,
      hasGps: false,
      hasAudio: false,
      otherStreams: 0,
      title: null,
      comment: null,
      keywords: [],
      people: [],
      previewFrames: 0,
    },
    at,
  );
  const person = Number(
    core.db
      .prepare(
        `INSERT INTO people (kind, external_key, roepnaam, voornamen, achternaam, class_name, created_at, updated_at)
         VALUES ('pupil', '1001', 'Zoë', 'Zoë', 'Bakker', '6A', ?, ?)`,
      )
      .run(at, at).lastInsertRowid,
  );
  return { core, person };
}

const scan: VideoScan = {
  videoHash: clip,
  model: 'yunet-2023mar',
  sampleEvery: 3,
  frameCount: 50,
  framesSampled: 17,
  options: { minIou: 0.1, marginFrames: 8 },
  scannedAt: at,
  scannedBy: 'communicatie',
};
const box = (x: number) => ({ x, y: 0.2, w: 0.1, h: 0.15 });

describe('video track repository', () => {
  it('stores a scan with its tracks, and a second scan replaces both', () => {
    const { core } = coreWithClip();
    const ids = replaceVideoScan(core.db, scan, [
      [
        { frame: 9, box: box(0.3), score: 0.8 },
        { frame: 3, box: box(0.2), score: 0.9 },
      ],
      [{ frame: 0, box: box(0.6), score: 0.7 }],
    ]);
    expect(getVideoScan(core.db, clip)).toEqual(scan);
    const tracks = listVideoTracks(core.db, clip);
    expect(tracks.map((track) => track.id)).toEqual([ids[1], ids[0]]);
    expect(tracks[1]).toMatchObject({ firstFrame: 3, lastFrame: 9, state: 'open', source: 'detector' });
    expect(tracks[1]!.observations.map((observation) => observation.frame)).toEqual([3, 9]);
    expect(tracks[1]!.observations[0]).toEqual({ frame: 3, box: box(0.2), score: 0.9 });

    replaceVideoScan(core.db, { ...scan, sampleEvery: 1, framesSampled: 50 }, [
      [{ frame: 5, box: box(0.5), score: 0.6 }],
    ]);
    expect(getVideoScan(core.db, clip)!.sampleEvery).toBe(1);
    expect(listVideoTracks(core.db, clip)).toHaveLength(1);
    core.close();
  });

  it('keeps one state per track, splits with a link to the original, and erasure leaves guest tracks', () => {
    const { core, person } = coreWithClip();
    const [id] = replaceVideoScan(core.db, scan, [
      [0, 3, 6, 9].map((frame) => ({ frame, box: box(0.1 + frame / 100), score: 0.9 })),
    ]) as [number];
    expect(setVideoTrackState(core.db, id, { kind: 'guest', at, by: 'communicatie' })).toBe(true);
    expect(getVideoTrack(core.db, id)!.state).toBe('guest');
    setVideoTrackState(core.db, id, { kind: 'linked', personId: person });
    expect(getVideoTrack(core.db, id)).toMatchObject({ state: 'linked', personId: person });
    setVideoTrackState(core.db, id, { kind: 'dismissed', at, by: 'communicatie' });
    expect(getVideoTrack(core.db, id)).toMatchObject({ state: 'dismissed', personId: null });
    setVideoTrackState(core.db, id, { kind: 'open' });
    expect(getVideoTrack(core.db, id)!.state).toBe('open');
    expect(setVideoTrackState(core.db, 9999, { kind: 'open' })).toBe(false);

    const track = getVideoTrack(core.db, id)!;
    setVideoTrackObservations(core.db, id, track.observations.slice(0, 2));
    const split = insertVideoTrack(core.db, {
      videoHash: clip,
      source: 'detector',
      observations: track.observations.slice(2),
      splitFrom: id,
      createdAt: at,
      createdBy: 'communicatie',
    });
    expect(getVideoTrack(core.db, id)).toMatchObject({ firstFrame: 0, lastFrame: 3 });
    expect(getVideoTrack(core.db, split)).toMatchObject({ firstFrame: 6, lastFrame: 9, splitFrom: id });
    expect(() =>
      insertVideoTrack(core.db, {
        ...getVideoTrack(core.db, split)!,
        observations: [],
        createdAt: at,
        createdBy: null,
      }),
    ).toThrow();

    setVideoTrackState(core.db, id, { kind: 'linked', personId: person });
    setVideoTrackState(core.db, split, { kind: 'linked', personId: person });
    expect(unlinkVideoTracksOfPerson(core.db, person, at, 'privacy')).toBe(2);
    expect(listVideoTracks(core.db, clip).map((row) => [row.state, row.personId])).toEqual([
      ['guest', null],
      ['guest', null],
    ]);
    core.close();
  });
});
