// Face tracks of clips on the command line, as a script would run it (spawned CLI): `fotowacht review --json` lists
// them beside the photos' faces, `review name-track` names one (or guest, not a person, open), `review split` splits
// one at a time or frame; refusals exit non-zero and change nothing.
import { describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/context';
import { getVideoTrack, listVideoTracks } from '../../electron/core/library';
import { fotowacht } from '../helpers/cli';
import { seedClip } from '../helpers/reviewClips';
import { importPupils, seedReviewEvent } from '../helpers/reviewEvent';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();

interface ReviewJson {
  counts: { open: number; faces: number };
  faces: Array<{ regionId: number }>;
  tracks: Array<{
    trackId: number;
    file: string;
    firstFrame: number;
    lastFrame: number;
    startSeconds: number;
    endSeconds: number;
    observed: number;
    state: string;
    person: { name: string } | null;
  }>;
  clips: Array<{ file: string; scanned: boolean; tracks: number }>;
}

async function library() {
  const dataDir = tempDir();
  const core = openCore({ dataDir, osUser: 'communicatie' });
  await importPupils(core, tempDir(), [
    { key: '2001', roepnaam: 'Sem', tussenvoegsel: "van 't", achternaam: 'Hof', className: 'Groep 7', social: 'ja' },
  ]);
  const seeded = seedReviewEvent(core.db, 'Sportdag 2026', [
    {
      file: 'IMG_1.jpg',
      takenAt: '2026-06-12T10:00:00',
      make: 'Canon',
      model: 'EOS',
      faces: [{ x: 0.2, y: 0.2, w: 0.1, h: 0.1 }],
    },
  ]);
  const clip = seedClip(core.db, seeded.eventId, '/photos/Sportdag 2026-root/Sportdag 2026', {
    file: 'estafette.mp4',
    takenAt: '2026-06-12T10:05:00Z',
    frameRate: 25,
    tracks: [
      { x: 0.1, frames: [0, 10, 20, 30, 40, 50] },
      { x: 0.6, frames: [5, 15] },
    ],
  });
  await core.close();
  return { dataDir, ...seeded, ...clip };
}

function inspect<T>(dataDir: string, read: (core: ReturnType<typeof openCore>) => T): Promise<T> {
  const core = openCore({ dataDir, osUser: 'communicatie' });
  const result = read(core);
  return core.close().then(() => result);
}

describe('fotowacht review with clips', () => {
  it('has help for naming and splitting tracks', () => {
    const help = (...args: string[]) => fotowacht(['review', ...args, '--help']).stdout.replace(/\s+/g, ' ');
    expect(help('name-track')).toContain('in every frame of the track');
    expect(help('split')).toMatch(/--at <seconds\|frame> where the new track starts: seconds with s/);
    expect(help('split', '--lang', 'nl')).toContain('twee personen elkaar kruisen');
    expect(help()).toMatch(/name-track .*split /);
  });

  it('lists tracks beside faces, names one by pupil number, marks one guest, and splits one', async () => {
    const lib = await library();
    const [long, short] = lib.trackIds as [number, number];
    const before = fotowacht(['--data-dir', lib.dataDir, '--json', 'review', 'Sportdag 2026']).json<ReviewJson>();
    expect(before.counts).toMatchObject({ open: 3, faces: 3 });
    expect(before.faces).toHaveLength(1);
    expect(before.clips).toEqual([expect.objectContaining({ file: 'estafette.mp4', scanned: true, tracks: 2 })]);
    expect(before.tracks[0]).toMatchObject({
      trackId: long,
      file: 'estafette.mp4',
      firstFrame: 0,
      lastFrame: 50,
      startSeconds: 0,
      endSeconds: 2,
      observed: 6,
      state: 'open',
      person: null,
    });
    const text = fotowacht(['--data-dir', lib.dataDir, 'review', 'Sportdag 2026']);
    expect(text.stdout).toContain(`track ${long} · estafette.mp4 · 0.00–2.00 s (6 frames with a face) · unknown face`);

    const named = fotowacht(['--data-dir', lib.dataDir, '--json', 'review', 'name-track', String(long), '2001']);
    expect(named.code).toBe(0);
    expect(named.json<{ state: string; key: string; previous: { kind: string } }>()).toMatchObject({
      state: 'person',
      key: '2001',
      previous: { kind: 'open' },
    });
    const guest = fotowacht(['--data-dir', lib.dataDir, 'review', 'name-track', String(short), '--guest']);
    expect(guest.stdout).toContain(`Track ${short} is now: guest / not known.`);
    const all = fotowacht(['--data-dir', lib.dataDir, '--json', 'review', 'Sportdag 2026', '--all']).json<ReviewJson>();
    expect(all.counts.open).toBe(1);
    expect(all.tracks.map((track) => [track.state, track.person?.name ?? null])).toEqual([
      ['person', "Sem van 't Hof"],
      ['guest', null],
    ]);

    // 1.2 s at 25 fps is frame 30: frames 30, 40 and 50 become a new track; neither part keeps the name.
    const split = fotowacht(['--data-dir', lib.dataDir, '--json', 'review', 'split', String(long), '--at', '1.2s']);
    expect(split.code).toBe(0);
    const { newTrackId, atFrame } = split.json<{ newTrackId: number; atFrame: number }>();
    expect(atFrame).toBe(30);
    await inspect(lib.dataDir, (core) => {
      expect(getVideoTrack(core.db, long)).toMatchObject({ state: 'open', firstFrame: 0, lastFrame: 20 });
      expect(getVideoTrack(core.db, newTrackId)).toMatchObject({ state: 'open', firstFrame: 30, splitFrom: long });
    });
    // By frame number as well.
    const again = fotowacht(['--data-dir', lib.dataDir, 'review', 'split', String(newTrackId), '--at', '40']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(new RegExp(`Track ${newTrackId} was split at frame 40`));
  });

  it('undoes a split with review unsplit, and refuses it with a message once a part was named', async () => {
    const lib = await library();
    const [long] = lib.trackIds as [number];
    expect(fotowacht(['review', 'unsplit', '--help']).stdout.replace(/\s+/g, ' ')).toContain(
      'undo a split: the track split off becomes part of the track it came from again',
    );
    const split = fotowacht(['--data-dir', lib.dataDir, '--json', 'review', 'split', String(long), '--at', '30']);
    const { newTrackId } = split.json<{ newTrackId: number }>();
    // Named since: refused, nothing changes.
    fotowacht(['--data-dir', lib.dataDir, 'review', 'name-track', String(newTrackId), '2001']);
    const refused = fotowacht(['--data-dir', lib.dataDir, 'review', 'unsplit', String(newTrackId)]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      `The split cannot be undone: track ${newTrackId} was named or marked since the split. Set it back to open first`,
    );
    const notSplit = fotowacht(['--data-dir', lib.dataDir, 'review', 'unsplit', String(long), '--lang', 'nl']);
    expect(notSplit.code).not.toBe(0);
    expect(notSplit.stderr).toContain(`Spoor ${long} is niet door splitsen ontstaan`);
    await inspect(lib.dataDir, (core) => {
      expect(getVideoTrack(core.db, newTrackId)).toMatchObject({ state: 'linked', splitFrom: long });
    });
    // Open again: the split is undone, the track is whole (and open).
    fotowacht(['--data-dir', lib.dataDir, 'review', 'name-track', String(newTrackId), '--open']);
    const undone = fotowacht(['--data-dir', lib.dataDir, '--json', 'review', 'unsplit', String(newTrackId)]);
    expect(undone.code).toBe(0);
    expect(undone.json()).toEqual({
      trackId: long,
      removedTrackId: newTrackId,
      track: { firstFrame: 0, lastFrame: 50, state: 'open' },
    });
    await inspect(lib.dataDir, (core) => {
      expect(getVideoTrack(core.db, newTrackId)).toBeNull();
      expect(getVideoTrack(core.db, long)!.observations).toHaveLength(6);
    });
  });

  it('refuses a bad track, time, frame or state with a message and a non-zero exit, changing nothing', async () => {
    const lib = await library();
    const [long] = lib.trackIds as [number];
    const cases: Array<[string[], RegExp]> = [
      [['review', 'name-track', 'abc', '2001'], /"abc" is not a track number/],
      [['review', 'name-track', '999999', '2001'], /Track 999999 does not exist/],
      [['review', 'name-track', String(long)], /Give a pupil or staff number, or --guest/],
      [['review', 'name-track', String(long), '2001', '--guest'], /Give a pupil or staff number, or --guest/],
      [['review', 'name-track', String(long), '9999'], /9999/],
      [['review', 'split', String(long), '--at', 'soon'], /"soon" is not a time or frame/],
      [['review', 'split', String(long), '--at', '0'], /cannot be split at frame 0: choose a frame from 10 to 50/],
      [['review', 'split', String(long), '--at', '9s'], /cannot be split at frame 225/],
    ];
    for (const [args, message] of cases) {
      const run = fotowacht(['--data-dir', lib.dataDir, ...args]);
      expect(run.code, args.join(' ')).not.toBe(0);
      expect(run.stderr, args.join(' ')).toMatch(message);
    }
    await inspect(lib.dataDir, (core) => {
      expect(listVideoTracks(core.db, lib.videoHash).map((track) => [track.state, track.observations.length])).toEqual([
        ['open', 6],
        ['open', 2],
      ]);
    });
  });
});
