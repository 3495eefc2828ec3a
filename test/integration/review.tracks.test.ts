// A clip's face tracks in the event review (issue 15): each track one row beside the photos' faces, in time order;
// naming, guest, "not a person" and undo with the same incremental answer as a photo face; splitting where two
// people cross; every step in the audit trail by pseudonym only, said in Dutch and English; erasure turns the
// person's tracks into guest tracks in the erasure's own transaction.
import { afterEach, describe, expect, it } from 'vitest';
import { describeAuditEvent, listAuditEvents, verifyAuditTrail } from '../../electron/core/audit';
import { pseudonymOf } from '../../electron/core/consent';
import { openCore, type CoreContext } from '../../electron/core/context';
import { getVideoTrack, listVideoTracks } from '../../electron/core/library';
import { erasePerson } from '../../electron/core/privacy';
import {
  eventReview,
  reviewSplitTrack,
  reviewTrack,
  reviewUnsplitTrack,
  setTrackState,
  splitTrack,
  unsplitTrack,
} from '../../electron/core/review';
import { applyReviewUpdate, type EventReview } from '../../shared/review';
import { reviewGroups, type ReviewTrack } from '../../shared/reviewClips';
import { importPupils, seedReviewEvent, type RosterPupil } from '../helpers/reviewEvent';
import { seedClip } from '../helpers/reviewClips';
import { useTempDirs } from '../helpers/tempDir';
import { withoutDigests } from '../helpers/clearText';

const tempDir = useTempDirs();
const cores: CoreContext[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

const PUPILS: readonly RosterPupil[] = [
  { key: '2001', roepnaam: 'Sem', tussenvoegsel: "van 't", achternaam: 'Hof', className: 'Groep 7', social: 'ja' },
  { key: '2002', roepnaam: 'Zoë', tussenvoegsel: '', achternaam: 'Bakker', className: 'Groep 7', social: 'ja' },
];
const CANON = { make: 'Canon', model: 'EOS 250D' };
const face = (x: number) => ({ x, y: 0.2, w: 0.08, h: 0.12 });

async function school() {
  const core = openCore({ dataDir: tempDir(), osUser: 'communicatie' });
  cores.push(core);
  await importPupils(core, tempDir(), PUPILS);
  const seeded = seedReviewEvent(core.db, 'Sportdag', [
    { file: 'IMG_1.jpg', takenAt: '2026-06-12T09:00:00', ...CANON, faces: [face(0.3)] },
    { file: 'IMG_2.jpg', takenAt: '2026-06-12T11:00:00', ...CANON, faces: [face(0.5)] },
  ]);
  const clip = seedClip(core.db, seeded.eventId, '/photos/Sportdag-root/Sportdag', {
    file: 'estafette.mp4',
    takenAt: '2026-06-12T10:00:00Z',
    tracks: [
      { x: 0.1, frames: [0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30] },
      { x: 0.6, frames: [10, 20, 30, 40] },
    ],
  });
  const personId = (key: string) =>
    core.db.prepare('SELECT id FROM people WHERE external_key = ?').pluck().get(key) as number;
  const query = { eventId: seeded.eventId, channelId: 'social', date: '2026-10-01' };
  const review = () => eventReview(core.db, query);
  return { core, ...seeded, ...clip, personId, review };
}

const trackOf = (review: EventReview, trackId: number): ReviewTrack =>
  review.clips.flatMap((clip) => clip.tracks).find((track) => track.trackId === trackId)!;

describe('tracks in the event review', () => {
  it('lists a clip’s tracks as rows with crops along each, counted with the faces, among the photos by time', async () => {
    const s = await school();
    const review = s.review();
    expect(review.clips).toHaveLength(1);
    const clip = review.clips[0]!;
    expect(clip).toMatchObject({ fileName: 'estafette.mp4', scanned: true, frameRate: 25, width: 640, height: 360 });
    expect(clip.tracks.map((track) => track.trackId)).toEqual(s.trackIds);
    const [first, second] = clip.tracks;
    expect(first).toMatchObject({ state: 'open', needsName: true, firstFrame: 0, lastFrame: 30, observed: 11 });
    expect(first!.endSeconds).toBeCloseTo(30 / 25);
    // Five crops at most: the first and last observation and evenly between.
    expect(first!.crops.map((crop) => crop.frame)).toEqual([0, 9, 15, 24, 30]);
    expect(second!.crops.map((crop) => crop.frame)).toEqual([10, 20, 30, 40]);
    expect(second!.crops[1]!.seconds).toBeCloseTo(0.8);
    // Two photo faces and two tracks, all still to name.
    expect(review.counts).toMatchObject({ open: 4, faces: 4, photos: 2 });
    // The clip (10:00) between the photos of 9:00 and 11:00.
    expect(reviewGroups(review.photos, review.clips).map((group) => group.key)).toEqual([
      `photo:${s.hashes[0]}`,
      `clip:${s.videoHash}`,
      `photo:${s.hashes[1]}`,
    ]);
  });

  it('names a track in every frame, with the incremental answer a full review agrees with, and undoes it', async () => {
    const s = await school();
    let shown = s.review();
    const [trackId] = s.trackIds as [number];
    const named = reviewTrack(s.core, trackId, { kind: 'person', personId: s.personId('2001') });
    expect(named.previous).toEqual({ kind: 'open' });
    expect(named.update.photos).toEqual([]);
    expect(named.update.countsChange).toMatchObject({ open: -1, faces: 0 });
    shown = applyReviewUpdate(shown, named.update);
    expect(shown).toEqual(s.review());
    expect(trackOf(shown, trackId)).toMatchObject({
      state: 'person',
      needsName: false,
      person: { personId: s.personId('2001'), name: "Sem van 't Hof" },
    });
    // One link for the whole track: every frame of it is this person.
    expect(getVideoTrack(s.core.db, trackId)).toMatchObject({ state: 'linked', personId: s.personId('2001') });

    // Guest, then not a person (it leaves the faces), then undo back step by step.
    const guest = reviewTrack(s.core, trackId, { kind: 'guest' });
    expect(guest.previous).toEqual({ kind: 'person', personId: s.personId('2001') });
    shown = applyReviewUpdate(shown, guest.update);
    expect(trackOf(shown, trackId)).toMatchObject({ state: 'guest', person: null, needsName: false });
    const dismissed = reviewTrack(s.core, trackId, { kind: 'notAPerson' });
    expect(dismissed.update.countsChange).toMatchObject({ open: 0, faces: -1 });
    shown = applyReviewUpdate(shown, dismissed.update);
    expect(shown.counts).toMatchObject({ open: 3, faces: 3 });
    for (const step of [dismissed, guest, named])
      shown = applyReviewUpdate(shown, reviewTrack(s.core, trackId, step.previous).update);
    expect(shown).toEqual(s.review());
    expect(trackOf(shown, trackId)).toMatchObject({ state: 'open', needsName: true, person: null });
    expect(shown.counts).toMatchObject({ open: 4, faces: 4 });
    expect(getVideoTrack(s.core.db, trackId)).toMatchObject({ state: 'open', personId: null });
  });

  it('logs every change of a track by pseudonym, never a name or the registry’s number, and says it in words', async () => {
    const s = await school();
    const [trackId] = s.trackIds as [number];
    const sem = s.personId('2001');
    setTrackState(s.core, trackId, { kind: 'person', personId: sem });
    // The same state again changes nothing and logs nothing.
    setTrackState(s.core, trackId, { kind: 'person', personId: sem });
    setTrackState(s.core, trackId, { kind: 'guest' });
    setTrackState(s.core, trackId, { kind: 'notAPerson' });
    setTrackState(s.core, trackId, { kind: 'open' });
    const events = listAuditEvents(s.core.db, { action: 'review.track', limit: 100 }).sort((a, b) => a.seq - b.seq);
    expect(events.map((event) => event.details)).toEqual([
      {
        track: trackId,
        from: 'open',
        to: 'linked',
        person: pseudonymOf(s.core.db, sem),
        previousPerson: null,
        frames: 31,
      },
      {
        track: trackId,
        from: 'linked',
        to: 'guest',
        person: null,
        previousPerson: pseudonymOf(s.core.db, sem),
        frames: 31,
      },
      { track: trackId, from: 'guest', to: 'dismissed', person: null, previousPerson: null, frames: 31 },
      { track: trackId, from: 'dismissed', to: 'open', person: null, previousPerson: null, frames: 31 },
    ]);
    expect(events.every((event) => event.subject === `video:${s.videoHash}`)).toBe(true);
    const sealed = withoutDigests(JSON.stringify(events));
    for (const clear of ['Sem', 'Hof', '2001', `"person":${sem}`]) expect(sealed).not.toContain(clear);
    expect(verifyAuditTrail(s.core.db).ok).toBe(true);

    const lookup = {
      personName: (pseudonym: string) => (pseudonym === pseudonymOf(s.core.db, sem) ? "Sem van 't Hof" : null),
      channelLabel: () => null,
      withdrawnSigner: () => null,
    };
    const nl = events.map((event) => describeAuditEvent(event, 'nl', lookup));
    expect(nl[0]).toBe(`Een persoon in een video (spoor ${trackId}) is benoemd als Sem van 't Hof.`);
    expect(nl[1]).toContain('gast / niet bekend');
    expect(nl[2]).toContain('geen persoon');
    expect(nl[3]).toContain('teruggedraaid');
    // Without the registry (a report handed on), the pseudonym stays.
    const plain = describeAuditEvent(events[0]!, 'en');
    expect(plain).toMatch(new RegExp(`^A person in a clip \\(track ${trackId}\\) was named as .+\\.$`));
    expect(plain).toContain(pseudonymOf(s.core.db, sem));
    expect(plain).not.toContain('Sem');
  });

  it('refuses an unknown track, an unknown person and an erased person', async () => {
    const s = await school();
    const [trackId] = s.trackIds as [number];
    expect(() => setTrackState(s.core, 999_999, { kind: 'guest' })).toThrow(
      expect.objectContaining({ code: 'review.trackUnknown' }),
    );
    expect(() => setTrackState(s.core, trackId, { kind: 'person', personId: 999_999 })).toThrow(
      expect.objectContaining({ code: 'people.personUnknown' }),
    );
    const zoe = s.personId('2002');
    erasePerson(s.core.db, s.core.actor(), zoe, 'leerling vertrokken');
    expect(() => setTrackState(s.core, trackId, { kind: 'person', personId: zoe })).toThrow(
      expect.objectContaining({ code: 'review.personErased' }),
    );
    expect(getVideoTrack(s.core.db, trackId)).toMatchObject({ state: 'open' });
  });

  it('splits a track where two people cross: the part from that frame is a new track, neither keeps the name', async () => {
    const s = await school();
    const [trackId] = s.trackIds as [number];
    const sem = s.personId('2001');
    setTrackState(s.core, trackId, { kind: 'person', personId: sem });
    let shown = s.review();
    const split = reviewSplitTrack(s.core, trackId, 15);
    expect(split.trackId).toBe(trackId);
    // One named track became two open ones: one more face, two more to name.
    expect(split.update.countsChange).toMatchObject({ open: 2, faces: 1 });
    shown = applyReviewUpdate(shown, split.update);
    expect(shown).toEqual(s.review());
    const before = getVideoTrack(s.core.db, trackId)!;
    const after = getVideoTrack(s.core.db, split.newTrackId)!;
    expect(before.observations.map((o) => o.frame)).toEqual([0, 3, 6, 9, 12]);
    expect(after.observations.map((o) => o.frame)).toEqual([15, 18, 21, 24, 27, 30]);
    expect(after).toMatchObject({ splitFrom: trackId, state: 'open', personId: null, firstFrame: 15, lastFrame: 30 });
    expect(before).toMatchObject({ state: 'open', personId: null, firstFrame: 0, lastFrame: 12 });
    expect(listVideoTracks(s.core.db, s.videoHash)).toHaveLength(3);
    const [logged] = listAuditEvents(s.core.db, { action: 'review.trackSplit', limit: 10 });
    expect(logged!.details).toEqual({
      track: trackId,
      newTrack: split.newTrackId,
      atFrame: 15,
      from: 'linked',
      previousPerson: pseudonymOf(s.core.db, sem),
    });
    expect(describeAuditEvent(logged!, 'nl')).toBe(
      `Een spoor in een video (${trackId}) is gesplitst bij beeld 15: vanaf daar is het spoor ${split.newTrackId}; geen van beide houdt een naam.`,
    );
    // A split with nothing before or after it is refused and changes nothing.
    for (const frame of [0, 31, 500])
      expect(() => splitTrack(s.core, split.newTrackId, frame)).toThrow(
        expect.objectContaining({ code: 'review.splitOutside' }),
      );
    expect(getVideoTrack(s.core.db, split.newTrackId)!.observations).toHaveLength(6);
    expect(() => splitTrack(s.core, trackId, -1)).toThrow(
      expect.objectContaining({ code: 'review.splitFrameInvalid' }),
    );
    expect(verifyAuditTrail(s.core.db).ok).toBe(true);
  });

  it('undoes a split: the parts are one track again with the name it had, logged; refused once a part was named', async () => {
    const s = await school();
    const [trackId] = s.trackIds as [number];
    const sem = s.personId('2001');
    setTrackState(s.core, trackId, { kind: 'person', personId: sem });
    const original = getVideoTrack(s.core.db, trackId)!;
    const split = reviewSplitTrack(s.core, trackId, 15);
    expect(split.previous).toEqual({ kind: 'person', personId: sem });
    let shown = s.review();

    // The review's undo gives back the state the split answered: one track, every observation, named again.
    const undone = reviewUnsplitTrack(s.core, split.newTrackId, split.previous);
    expect(undone.trackId).toBe(trackId);
    expect(undone.update.countsChange).toMatchObject({ open: -2, faces: -1 });
    shown = applyReviewUpdate(shown, undone.update);
    expect(shown).toEqual(s.review());
    expect(getVideoTrack(s.core.db, split.newTrackId)).toBeNull();
    expect(getVideoTrack(s.core.db, trackId)).toEqual(original);
    expect(listVideoTracks(s.core.db, s.videoHash).map((track) => track.id)).toEqual(s.trackIds);
    const [logged] = listAuditEvents(s.core.db, { action: 'review.trackUnsplit', limit: 10 });
    expect(logged!.subject).toBe(`video:${s.videoHash}`);
    expect(logged!.details).toEqual({
      track: trackId,
      removedTrack: split.newTrackId,
      atFrame: 15,
      to: 'linked',
      person: pseudonymOf(s.core.db, sem),
    });
    expect(JSON.stringify(logged)).not.toMatch(/Sem|2001/);
    const lookup = {
      personName: (pseudonym: string) => (pseudonym === pseudonymOf(s.core.db, sem) ? "Sem van 't Hof" : null),
      channelLabel: () => null,
      withdrawnSigner: () => null,
    };
    expect(describeAuditEvent(logged!, 'nl', lookup)).toBe(
      `Het splitsen van een spoor in een video is ongedaan gemaakt: spoor ${split.newTrackId} (vanaf beeld 15) is weer deel van spoor ${trackId}, weer benoemd als Sem van 't Hof.`,
    );
    expect(describeAuditEvent(logged!, 'en', lookup)).toBe(
      `The split of a track in a clip was undone: track ${split.newTrackId} (from frame 15) is part of track ${trackId} again, named as Sem van 't Hof again.`,
    );

    // Split again; the command line's undo (no state given) leaves the joined track open.
    const second = splitTrack(s.core, trackId, 15);
    expect(unsplitTrack(s.core, second.newTrack.id).track).toMatchObject({
      state: 'open',
      firstFrame: 0,
      lastFrame: 30,
    });

    // Refused — and nothing changes — once either part was named or marked since, for a track no split made, and
    // for a part that was split again.
    const third = splitTrack(s.core, trackId, 15);
    const part = third.newTrack.id;
    const unchanged = () => listVideoTracks(s.core.db, s.videoHash).map((t) => [t.id, t.state, t.observations.length]);
    setTrackState(s.core, part, { kind: 'guest' });
    let before = unchanged();
    expect(() => unsplitTrack(s.core, part)).toThrow(
      expect.objectContaining({ code: 'review.unsplitNamed', params: { track: part, part } }),
    );
    setTrackState(s.core, part, { kind: 'open' });
    setTrackState(s.core, trackId, { kind: 'person', personId: s.personId('2002') });
    before = unchanged();
    expect(() => unsplitTrack(s.core, part, { kind: 'open' })).toThrow(
      expect.objectContaining({ code: 'review.unsplitNamed', params: { track: trackId, part } }),
    );
    expect(unchanged()).toEqual(before);
    setTrackState(s.core, trackId, { kind: 'open' });
    expect(() => unsplitTrack(s.core, trackId)).toThrow(
      expect.objectContaining({ code: 'review.unsplitNotSplit', params: { track: trackId } }),
    );
    const fourth = splitTrack(s.core, part, 24);
    before = unchanged();
    expect(() => unsplitTrack(s.core, part)).toThrow(
      expect.objectContaining({
        code: 'review.unsplitSplitAgain',
        params: { track: part, newTrack: fourth.newTrack.id },
      }),
    );
    expect(() => unsplitTrack(s.core, 987_654)).toThrow(expect.objectContaining({ code: 'review.trackUnknown' }));
    expect(unchanged()).toEqual(before);
    // Undone in order (the last split first), the track is whole again.
    unsplitTrack(s.core, fourth.newTrack.id);
    unsplitTrack(s.core, part);
    expect(getVideoTrack(s.core.db, trackId)!.observations).toEqual(original.observations);
    expect(listAuditEvents(s.core.db, { action: 'review.trackUnsplit', limit: 10 })).toHaveLength(4);
    expect(verifyAuditTrail(s.core.db).ok).toBe(true);
  });
});

describe('erasing a person with tracks', () => {
  it('turns their tracks into guest tracks in the erasure’s transaction; other tracks stay', async () => {
    const s = await school();
    const [semTrack, zoeTrack] = s.trackIds as [number, number];
    const sem = s.personId('2001');
    setTrackState(s.core, semTrack, { kind: 'person', personId: sem });
    setTrackState(s.core, zoeTrack, { kind: 'person', personId: s.personId('2002') });
    const result = erasePerson(s.core.db, s.core.actor(), sem, 'verzoek ouders');
    expect(result.videoTracksUnlinked).toBe(1);
    expect(getVideoTrack(s.core.db, semTrack)).toMatchObject({ state: 'guest', personId: null });
    expect(getVideoTrack(s.core.db, zoeTrack)).toMatchObject({ state: 'linked', personId: s.personId('2002') });
    expect(trackOf(s.review(), semTrack)).toMatchObject({ state: 'guest', person: null, needsName: false });
    const [erased] = listAuditEvents(s.core.db, { action: 'person.erased', limit: 10 });
    expect(erased!.details).toMatchObject({ videoTracksUnlinked: 1 });
    expect(verifyAuditTrail(s.core.db).ok).toBe(true);
  });

  it('leaves the tracks as they were when the erasure fails halfway', async () => {
    const s = await school();
    const [semTrack] = s.trackIds as [number];
    const sem = s.personId('2001');
    setTrackState(s.core, semTrack, { kind: 'person', personId: sem });
    // A trigger makes the person's row refuse the erasure after the tracks were unlinked in the same transaction.
    s.core.db.exec(`CREATE TRIGGER refuse_erasure BEFORE UPDATE ON people BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    expect(() => erasePerson(s.core.db, s.core.actor(), sem, 'verzoek ouders')).toThrow();
    expect(getVideoTrack(s.core.db, semTrack)).toMatchObject({ state: 'linked', personId: sem });
  });
});
