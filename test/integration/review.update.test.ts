// The review's answer to one naming step: only the touched photos and the change of the counts. After every kind of
// step (a name, "not a person", "guest / not known", undo back to open, a burst offer confirmed, in the picks and in
// the whole event), the review as it was with the answer applied equals the review loaded again in full.
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type CoreContext } from '../../electron/core/context';
import { pickPhotos } from '../../electron/core/library';
import { eventReview, reviewRegion } from '../../electron/core/review';
import type { Box } from '../../shared/geometry';
import { applyReviewUpdate, type EventReview, type ReviewState } from '../../shared/review';
import { importPupils, seedReviewEvent, type RosterPupil, type Shot } from '../helpers/reviewEvent';
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

/** A burst of three Canon photos, a phone photo between them, and a Canon photo long after. */
const SHOTS: readonly Shot[] = [
  { file: 'IMG_1.jpg', takenAt: '2026-06-12T10:00:00', ...CANON, faces: [face(0.2), face(0.6)] },
  { file: 'IMG_2.jpg', takenAt: '2026-06-12T10:00:01', ...CANON, faces: [face(0.21), face(0.61)] },
  { file: 'IMG_3.jpg', takenAt: '2026-06-12T10:00:02', ...CANON, faces: [face(0.22), face(0.62), face(0.85)] },
  { file: 'IMG_4.jpg', takenAt: '2026-06-12T10:00:01', ...PHONE, faces: [face(0.4)] },
  { file: 'IMG_5.jpg', takenAt: '2026-06-12T11:00:00', ...CANON, faces: [face(0.3)] },
];

/** The review keyed by photo (the screen keeps its own order; a full load puts finished photos last). */
function byPhoto(review: EventReview) {
  return {
    counts: review.counts,
    scope: review.scope,
    photos: Object.fromEntries(review.photos.map((photo) => [photo.photoHash, photo])),
  };
}

async function school() {
  const core = openCore({ dataDir: tempDir(), osUser: 'communicatie' });
  cores.push(core);
  await importPupils(core, tempDir(), PUPILS);
  const seeded = seedReviewEvent(core.db, 'Sportdag', SHOTS);
  const person = (key: string) =>
    core.db.prepare('SELECT id FROM people WHERE external_key = ?').pluck().get(key) as number;
  return { core, ...seeded, person };
}

describe('the answer to a naming step', () => {
  for (const scope of ['event', 'picks'] as const) {
    it(`equals a full reload after every kind of step (${scope})`, async () => {
      const s = await school();
      if (scope === 'picks')
        pickPhotos(s.core.db, s.core.actor(), s.eventId, [s.hashes[0]!, s.hashes[2]!, s.hashes[4]!]);
      const query = { eventId: s.eventId, channelId: 'social', date: '2026-10-01', scope };
      let shown = eventReview(s.core.db, query);
      const step = (regionId: number, state: ReviewState) => {
        const answer = reviewRegion(s.core, regionId, state, query);
        shown = applyReviewUpdate(shown, answer.update);
        expect(byPhoto(shown)).toEqual(byPhoto(eventReview(s.core.db, query)));
        return answer;
      };
      const [a, b] = s.regions[0]! as [number, number];
      const [c, d] = s.regions[1]! as [number, number];
      const [e, , g] = s.regions[2]! as [number, number, number];

      // Naming in the first photo of the burst: the next photo of the burst (in this scope) gets its offers.
      const named = step(a, { kind: 'person', personId: s.person('2001') });
      const next = scope === 'event' ? s.hashes[1]! : s.hashes[2]!;
      expect(named.update.photos.map((photo) => photo.photoHash)).toEqual([s.hashes[0], next]);
      expect(named.update.countsChange).toMatchObject({ open: -1, faces: 0, photos: 0 });
      step(b, { kind: 'person', personId: s.person('2003') });
      // Daan has no consent for social media: the photo is amber now, the counts say so.
      expect(shown.photos.find((photo) => photo.photoHash === s.hashes[0])!.decision).toBe('hide');
      if (scope === 'event') {
        // An offer confirmed, another name, "not a person", "guest", each undone to its state before.
        const offered = shown.photos.find((photo) => photo.photoHash === s.hashes[1])!.items[0]!.offer!;
        step(c, { kind: 'person', personId: offered.person.personId });
        const dismissed = step(d, { kind: 'notAPerson' });
        step(d, dismissed.previous);
      }
      const guest = step(e, { kind: 'guest' });
      step(g, { kind: 'notAPerson' });
      step(e, guest.previous);
      const renamed = step(b, { kind: 'person', personId: s.person('2002') });
      step(b, renamed.previous);
      step(a, { kind: 'open' });
      // A photo outside the burst and the picks: the last Canon photo (and, in the event, the phone's).
      step(s.regions[4]![0]!, { kind: 'guest' });
      const phone = reviewRegion(s.core, s.regions[3]![0]!, { kind: 'person', personId: s.person('2002') }, query);
      expect(phone.update.photos.map((photo) => photo.photoHash)).toEqual(scope === 'event' ? [s.hashes[3]] : []);
      shown = applyReviewUpdate(shown, phone.update);
      expect(byPhoto(shown)).toEqual(byPhoto(eventReview(s.core.db, query)));
    });
  }

  it('answers without decisions when none are asked for, and refuses what setReviewState refuses', async () => {
    const s = await school();
    const query = { eventId: s.eventId };
    let shown = eventReview(s.core.db, query);
    const answer = reviewRegion(s.core, s.regions[0]![0]!, { kind: 'guest' }, query);
    expect(answer.update.photos.every((photo) => photo.decision === null)).toBe(true);
    shown = applyReviewUpdate(shown, answer.update);
    expect(byPhoto(shown)).toEqual(byPhoto(eventReview(s.core.db, query)));
    expect(() => reviewRegion(s.core, 9999, { kind: 'guest' }, query)).toThrow(
      expect.objectContaining({ code: 'people.regionUnknown' }),
    );
    expect(() => reviewRegion(s.core, s.regions[0]![1]!, { kind: 'person', personId: 9999 }, query)).toThrow(
      expect.objectContaining({ code: 'people.personUnknown' }),
    );
    expect(byPhoto(eventReview(s.core.db, query))).toEqual(byPhoto(shown));
  });
});
