// The event review in the core: the list (time order, faces to name first, decisions), naming and undo, "not a
// person", "guest / not known", bursts (same camera seconds apart, geometry only), the roster and the picks.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listAuditEvents, verifyAuditTrail } from '../../electron/core/audit';
import { openCore, type CoreContext } from '../../electron/core/context';
import { pickPhotos } from '../../electron/core/library';
import { linkRegion } from '../../electron/core/people';
import { erasePerson } from '../../electron/core/privacy';
import { startIndexJob } from '../../electron/core/library/indexer';
import { eventReview, reviewPeople, setEventRoster, setReviewState } from '../../electron/core/review';
import type { Box } from '../../shared/geometry';
import type { EventReview, ReviewItem } from '../../shared/review';
import { importPupils, seedReviewEvent, writeShots, type RosterPupil, type Shot } from '../helpers/reviewEvent';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const cores: CoreContext[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

const PUPILS: readonly RosterPupil[] = [
  { key: '2001', roepnaam: 'Sem', tussenvoegsel: "van 't", achternaam: 'Hof', className: 'Groep 7', social: 'ja' },
  { key: '2002', roepnaam: 'Zoë', tussenvoegsel: '', achternaam: 'Bakker', className: 'Groep 7', social: 'ja' },
  { key: '2003', roepnaam: 'Daan', tussenvoegsel: 'de', achternaam: 'Vries', className: 'Groep 5', social: 'nee' },
];

const face = (x: number, y = 0.2, w = 0.08, h = 0.12): Box => ({ x, y, w, h });
const CANON = { make: 'Canon', model: 'EOS 250D' };
const PHONE = { make: 'Apple', model: 'iPhone 13' };
const TARGET = { channelId: 'social', date: '2026-10-01' };

async function school(shots: readonly Shot[]) {
  const core = openCore({ dataDir: tempDir(), osUser: 'communicatie' });
  cores.push(core);
  await importPupils(core, tempDir(), PUPILS);
  const seeded = seedReviewEvent(core.db, 'Sportdag', shots);
  const personId = (key: string) =>
    core.db.prepare('SELECT id FROM people WHERE external_key = ?').pluck().get(key) as number;
  const review = (scope?: 'picks' | 'event') => eventReview(core.db, { eventId: seeded.eventId, ...TARGET, scope });
  return { core, ...seeded, personId, review };
}

const item = (review: EventReview, regionId: number): ReviewItem =>
  review.photos.flatMap((photo) => photo.items).find((candidate) => candidate.regionId === regionId)!;
const photoOf = (review: EventReview, hash: string) => review.photos.find((photo) => photo.photoHash === hash)!;

describe('the review list', () => {
  it('groups faces by photo in time order, photos with a face to name first, faces left to right', async () => {
    const s = await school([
      { file: 'IMG_3.jpg', takenAt: '2026-06-12T11:00:00', ...CANON, faces: [face(0.6), face(0.1)] },
      { file: 'IMG_1.jpg', takenAt: '2026-06-12T09:00:00', ...CANON, faces: [face(0.3)] },
      { file: 'IMG_2.jpg', takenAt: '2026-06-12T10:00:00', ...CANON, faces: [face(0.5)] },
    ]);
    // IMG_1's only face is named: it moves behind the photos that still have a face to name.
    setReviewState(s.core, s.regions[1]![0]!, { kind: 'person', personId: s.personId('2001') });
    const review = s.review();
    expect(review.scope).toBe('event');
    expect(review.photos.map((photo) => photo.fileName)).toEqual(['IMG_2.jpg', 'IMG_3.jpg', 'IMG_1.jpg']);
    expect(photoOf(review, s.hashes[0]!).items.map((entry) => entry.regionId)).toEqual([
      s.regions[0]![1],
      s.regions[0]![0],
    ]);
    expect(review.counts).toMatchObject({ photos: 3, faces: 4, open: 3, publish: 1, hide: 2, blocked: 0 });
    const named = item(review, s.regions[1]![0]!);
    expect(named).toMatchObject({ state: 'person', status: 'linked', needsName: false });
    expect(named.person?.name).toBe("Sem van 't Hof");
    expect(item(review, s.regions[0]![0]!)).toMatchObject({ state: 'open', status: 'unknown', needsName: true });
  });

  it('takes the picks by default when there are any, the whole event on request', async () => {
    const s = await school([
      { file: 'IMG_1.jpg', takenAt: '2026-06-12T09:00:00', ...CANON, faces: [face(0.3)] },
      { file: 'IMG_2.jpg', takenAt: '2026-06-12T10:00:00', ...CANON, faces: [face(0.5)] },
    ]);
    expect(s.review().scope).toBe('event');
    pickPhotos(s.core.db, s.core.actor(), s.eventId, [s.hashes[1]!]);
    const picks = s.review();
    expect(picks).toMatchObject({ scope: 'picks', picks: 1 });
    expect(picks.photos.map((photo) => photo.fileName)).toEqual(['IMG_2.jpg']);
    expect(s.review('event').photos).toHaveLength(2);
  });

  it('lists without decisions when no channel is asked for (the CLI)', async () => {
    const s = await school([{ file: 'IMG_1.jpg', takenAt: null, make: null, model: null, faces: [face(0.3)] }]);
    const review = eventReview(s.core.db, { eventId: s.eventId });
    expect(review.photos[0]!.decision).toBeNull();
    expect(() => eventReview(s.core.db, { eventId: 999 })).toThrow(
      expect.objectContaining({ code: 'review.eventUnknown' }),
    );
  });
});

describe('naming in the review', () => {
  it('names a face, changes the photo’s decision at once, logs the link by pseudonym, and undoes it', async () => {
    const s = await school([{ file: 'IMG_1.jpg', takenAt: null, ...CANON, faces: [face(0.2), face(0.6)] }]);
    const [left, right] = s.regions[0]! as [number, number];
    expect(s.review().photos[0]!.decision).toBe('hide');
    const first = setReviewState(s.core, left, { kind: 'person', personId: s.personId('2002') });
    expect(first.previous).toEqual({ kind: 'open' });
    setReviewState(s.core, right, { kind: 'person', personId: s.personId('2001') });
    expect(s.review().photos[0]!.decision).toBe('publish');
    expect(s.review().photos[0]!.items.map((entry) => entry.visibility)).toEqual(['visible', 'visible']);

    // Daan has no consent for social media: naming him hides him (amber), the decision says so.
    const change = setReviewState(s.core, right, { kind: 'person', personId: s.personId('2003') });
    expect(change.previous).toEqual({ kind: 'person', personId: s.personId('2001') });
    expect(s.review().photos[0]!.decision).toBe('hide');
    expect(item(s.review(), right).visibility).toBe('hidden');
    expect(item(s.review(), left).visibility).toBe('visible');
    // Undo: the state before, set again.
    setReviewState(s.core, right, change.previous);
    expect(s.review().photos[0]!.decision).toBe('publish');

    const links = listAuditEvents(s.core.db, { action: 'people.link', limit: 1000 });
    expect(links).toHaveLength(4);
    const text = JSON.stringify(links.map((event) => event.details));
    for (const pupil of PUPILS) {
      expect(text).not.toContain(pupil.achternaam);
      expect(text).not.toContain(pupil.key);
    }
    expect(verifyAuditTrail(s.core.db).ok).toBe(true);
  });

  it('"not a person" leaves the decision to the others and is undone with the face counting again', async () => {
    const s = await school([{ file: 'IMG_1.jpg', takenAt: null, ...CANON, faces: [face(0.2), face(0.6)] }]);
    const [left, right] = s.regions[0]! as [number, number];
    setReviewState(s.core, left, { kind: 'person', personId: s.personId('2002') });
    const dismissed = setReviewState(s.core, right, { kind: 'notAPerson' });
    let review = s.review();
    expect(review.photos[0]!.decision).toBe('publish');
    expect(item(review, right)).toMatchObject({ state: 'notAPerson', needsName: false });
    expect(review.counts).toMatchObject({ faces: 1, open: 0 });

    setReviewState(s.core, right, dismissed.previous);
    review = s.review();
    expect(item(review, right)).toMatchObject({ state: 'open', needsName: true });
    expect(review.photos[0]!.decision).toBe('hide');
    expect(listAuditEvents(s.core.db, { action: 'faces.restore', limit: 1000 })).toHaveLength(1);
  });

  it('"guest / not known" stays hidden, leaves the list of faces to name, and outranks a tagged name', async () => {
    const s = await school([{ file: 'IMG_1.jpg', takenAt: null, ...CANON, faces: [face(0.2)] }]);
    const [only] = s.regions[0]! as [number];
    const guest = setReviewState(s.core, only, { kind: 'guest' });
    let review = s.review();
    expect(item(review, only)).toMatchObject({ state: 'guest', needsName: false, person: null });
    expect(review.photos[0]!.decision).toBe('hide');
    expect(review.counts.open).toBe(0);

    // A file tag that names a consented pupil does not make a guest visible.
    const tagged = Number(
      s.core.db
        .prepare(
          `INSERT INTO regions (photo_hash, source, namespace, kind, x, y, w, h, name, created_at)
           VALUES (?, 'file', 'mwg-rs', 'face', 0.6, 0.2, 0.08, 0.12, 'Zoë Bakker', '2026-06-12')`,
        )
        .run(s.hashes[0]).lastInsertRowid,
    );
    setReviewState(s.core, only, { kind: 'person', personId: s.personId('2001') });
    expect(s.review().photos[0]!.decision).toBe('publish');
    setReviewState(s.core, tagged, { kind: 'guest' });
    review = s.review();
    expect(item(review, tagged)).toMatchObject({ state: 'guest', status: 'matched', person: null });
    expect(review.photos[0]!.decision).toBe('hide');

    // Undo of the first guest mark (back to open) and the audit trail of both.
    setReviewState(s.core, only, guest.previous);
    expect(item(s.review(), only)).toMatchObject({ state: 'open', needsName: true });
    expect(listAuditEvents(s.core.db, { action: 'people.guest', limit: 1000 })).toHaveLength(2);
    // Naming the guest as Sem took the guest mark back first: one unguest.
    expect(listAuditEvents(s.core.db, { action: 'people.unguest', limit: 1000 })).toHaveLength(1);
  });

  it('a guest linked to a person on the photo page is no longer a guest (one unguest in the trail)', async () => {
    const s = await school([{ file: 'IMG_1.jpg', takenAt: null, ...CANON, faces: [face(0.2)] }]);
    const [only] = s.regions[0]! as [number];
    setReviewState(s.core, only, { kind: 'guest' });
    expect(s.review().photos[0]!.decision).toBe('hide');
    linkRegion(s.core.db, s.core.actor(), only, s.personId('2001'));
    expect(item(s.review(), only)).toMatchObject({ state: 'person' });
    expect(s.review().photos[0]!.decision).toBe('publish');
    expect(listAuditEvents(s.core.db, { action: 'people.unguest', limit: 1000 })).toHaveLength(1);
  });

  it('refuses "not a person" for a tag from the file and an unknown person, changing nothing', async () => {
    const s = await school([{ file: 'IMG_1.jpg', takenAt: null, ...CANON, faces: [face(0.2)] }]);
    const tagged = Number(
      s.core.db
        .prepare(
          `INSERT INTO regions (photo_hash, source, namespace, kind, x, y, w, h, name, created_at)
           VALUES (?, 'file', 'mwg-rs', 'face', 0.6, 0.2, 0.08, 0.12, 'Onbekende Gast', '2026-06-12')`,
        )
        .run(s.hashes[0]).lastInsertRowid,
    );
    setReviewState(s.core, tagged, { kind: 'guest' });
    const events = listAuditEvents(s.core.db, { limit: 1000 }).length;
    expect(() => setReviewState(s.core, tagged, { kind: 'notAPerson' })).toThrow(
      expect.objectContaining({ code: 'faces.cannotDismissFileRegion' }),
    );
    // The guest mark taken back inside the refused change is back: all or nothing.
    expect(item(s.review(), tagged).state).toBe('guest');
    expect(() => setReviewState(s.core, tagged, { kind: 'person', personId: 9999 })).toThrow(
      expect.objectContaining({ code: 'people.personUnknown' }),
    );
    expect(() => setReviewState(s.core, 9999, { kind: 'guest' })).toThrow(
      expect.objectContaining({ code: 'people.regionUnknown' }),
    );
    expect(listAuditEvents(s.core.db, { limit: 1000 }).length).toBe(events);
  });
  it('names nobody as an erased person, and keeps them out of the people offered', async () => {
    const s = await school([{ file: 'IMG_1.jpg', takenAt: null, ...CANON, faces: [face(0.2)] }]);
    const daan = s.personId('2003');
    erasePerson(s.core.db, s.core.actor(), daan, 'verzoek ouders');
    expect(() => setReviewState(s.core, s.regions[0]![0]!, { kind: 'person', personId: daan })).toThrow(
      expect.objectContaining({ code: 'review.personErased' }),
    );
    expect(item(s.review(), s.regions[0]![0]!).state).toBe('open');
    expect(reviewPeople(s.core.db, s.eventId).people.map((person) => person.personId)).not.toContain(daan);
  });
});

describe('bursts: the same camera, seconds apart, boxes at the same place', () => {
  it('offers "the same person?" from the previous photo of a burst only', async () => {
    const s = await school([
      { file: 'IMG_1.jpg', takenAt: '2026-06-12T10:00:00', ...CANON, faces: [face(0.2), face(0.6)] },
      // 2 s later, same camera, the boxes moved a little: a burst.
      { file: 'IMG_2.jpg', takenAt: '2026-06-12T10:00:02', ...CANON, faces: [face(0.21, 0.21), face(0.62)] },
      // The same moment from a phone: not part of the burst.
      { file: 'IMG_3.jpg', takenAt: '2026-06-12T10:00:03', ...PHONE, faces: [face(0.2), face(0.6)] },
      // 30 s after the last Canon photo: too far apart.
      { file: 'IMG_4.jpg', takenAt: '2026-06-12T10:00:32', ...CANON, faces: [face(0.2), face(0.6)] },
    ]);
    const [a, b] = s.regions[0]! as [number, number];
    setReviewState(s.core, a, { kind: 'person', personId: s.personId('2001') });
    setReviewState(s.core, b, { kind: 'person', personId: s.personId('2002') });
    const review = s.review();
    const [one, two, three, four] = s.hashes.map((hash) => photoOf(review, hash));
    expect(one!.burst).not.toBeNull();
    expect(two!.burst).toBe(one!.burst);
    expect(three!.burst).toBeNull();
    expect(four!.burst).toBeNull();
    expect(two!.items.map((entry) => entry.offer?.person.name)).toEqual(["Sem van 't Hof", 'Zoë Bakker']);
    expect(two!.items.map((entry) => entry.offer?.fromRegionId)).toEqual([a, b]);
    for (const photo of [three!, four!]) expect(photo.items.every((entry) => entry.offer === null)).toBe(true);

    // Confirming the offer is naming the face as that person.
    const [c] = s.regions[1]! as [number];
    setReviewState(s.core, c, { kind: 'person', personId: two!.items[0]!.offer!.person.personId });
    const after = photoOf(s.review(), s.hashes[1]!);
    expect(item(s.review(), c)).toMatchObject({ state: 'person', offer: null });
    // Sem is named here now: the other face is offered Zoë only.
    expect(after.items.find((entry) => entry.needsName)?.offer?.person.name).toBe('Zoë Bakker');
  });

  it('reads the camera’s serial number when indexing and keeps two cameras of one model apart', async () => {
    const core = openCore({ dataDir: tempDir(), osUser: 'communicatie' });
    cores.push(core);
    const dir = path.join(tempDir(), 'Sportdag');
    const phone = (file: string, second: number, serial: string): Shot => ({
      file,
      takenAt: `2026-06-12T10:00:0${second}`,
      ...PHONE,
      serial,
      faces: [face(0.2)],
    });
    await writeShots(dir, [
      phone('A_1.jpg', 0, 'F17XA1'),
      phone('B_1.jpg', 1, 'F17XB2'),
      phone('A_2.jpg', 2, 'F17XA1'),
    ]);
    expect((await (await startIndexJob(core, dir)).finished).state).toBe('done');
    expect(core.db.prepare('SELECT DISTINCT camera_serial FROM photos ORDER BY 1').pluck().all()).toEqual([
      'F17XA1',
      'F17XB2',
    ]);
    const eventId = core.db.prepare('SELECT id FROM events').pluck().get() as number;
    const review = eventReview(core.db, { eventId });
    const burstOf = (file: string) => review.photos.find((photo) => photo.fileName === file)!.burst;
    expect(burstOf('A_1.jpg')).not.toBeNull();
    expect(burstOf('A_2.jpg')).toBe(burstOf('A_1.jpg'));
    expect(burstOf('B_1.jpg')).toBeNull();
  });

  it('offers nothing for a box moved or resized beyond the threshold', async () => {
    const s = await school([
      { file: 'IMG_1.jpg', takenAt: '2026-06-12T10:00:00', ...CANON, faces: [face(0.2), face(0.6)] },
      {
        file: 'IMG_2.jpg',
        takenAt: '2026-06-12T10:00:01',
        ...CANON,
        // One box moved by more than half its width, one grown by half: neither is "the same place".
        faces: [face(0.26), face(0.6, 0.2, 0.12, 0.18)],
      },
    ]);
    const [a, b] = s.regions[0]! as [number, number];
    setReviewState(s.core, a, { kind: 'person', personId: s.personId('2001') });
    setReviewState(s.core, b, { kind: 'person', personId: s.personId('2002') });
    const second = photoOf(s.review(), s.hashes[1]!);
    expect(second.burst).not.toBeNull();
    expect(second.items.map((entry) => entry.offer)).toEqual([null, null]);
  });
});

describe('the roster', () => {
  it('is chosen from the registry’s classes, stored per event, logged, and ranks its pupils first', async () => {
    const s = await school([{ file: 'IMG_1.jpg', takenAt: null, ...CANON, faces: [face(0.2)] }]);
    expect(reviewPeople(s.core.db, s.eventId).classes).toEqual(['Groep 5', 'Groep 7']);
    expect(() => setEventRoster(s.core.db, s.core.actor(), s.eventId, ['Groep 9'])).toThrow(
      expect.objectContaining({ code: 'review.classUnknown' }),
    );
    setEventRoster(s.core.db, s.core.actor(), s.eventId, ['Groep 7']);
    setEventRoster(s.core.db, s.core.actor(), s.eventId, [' Groep 7']);
    const people = reviewPeople(s.core.db, s.eventId);
    expect(people.roster).toEqual(['Groep 7']);
    expect(people.people.filter((person) => person.inRoster).map((person) => person.externalKey)).toEqual([
      '2001',
      '2002',
    ]);
    // Set once, then unchanged: one audit event, with classes and no people.
    const logged = listAuditEvents(s.core.db, { action: 'review.roster', limit: 1000 });
    expect(logged).toHaveLength(1);
    expect(logged[0]!.details).toMatchObject({ classes: ['Groep 7'], before: [] });
  });
});
