// The event review by keyboard only: a generated event of 30 photos with 120 faces (bursts of one camera seconds
// apart, single photos from another camera, guests and a false detection), every face named through the screen
// with the keys a person would press. Prints the keys per face and the slowest response to a key; asserts that
// every face got its name and how keys per face are counted, never a timing (timings are noisy here).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startIndexJob } from '../../electron/core/library/indexer';
import { replaceDetectorRegions } from '../../electron/core/people';
import { eventReview, reviewPeople } from '../../electron/core/review';
import type { Box } from '../../shared/geometry';
import { localDay } from '../../shared/consent';
import { normaliseName } from '../../shared/names';
import { rankPeople, type ReviewPerson } from '../../shared/review';
import { importPupils, writeShots, type RosterPupil, type Shot } from '../helpers/reviewEvent';
import { markFacesChecked } from '../helpers/school';
import { closeBrowser, openUi } from '../helpers/ui';
import { hashesByFile } from '../helpers/uiSchool';

afterAll(closeBrowser);
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

// Two classes of 12: 22 first names, two of them twice (Sem, Noah), as in a real class list.
const FIRST = [
  'Zoë',
  'Sem',
  'Daniëlle',
  'Noah',
  'Fleur',
  'Bram',
  'Jaël',
  'Liam',
  'Anouk',
  'Mees',
  'Saar',
  'Thijs',
  'Lotte',
  'Sem',
  'Eva',
  'Noah',
  'Julia',
  'Finn',
  'Tess',
  'Lucas',
  'Isa',
  'Milan',
  'Roos',
  'Gijs',
];
const LAST: ReadonlyArray<readonly [string, string]> = [
  ['', 'Bakker'],
  ["van 't", 'Hof'],
  ['de', 'Groot'],
  ['', 'Jansen'],
  ['van', 'Dijk'],
  ['ter', 'Horst'],
  ['', 'Öztürk'],
  ['', 'Visser'],
  ['de', 'Vries'],
  ['', 'Smit'],
  ['van der', 'Berg'],
  ['', 'Mulder'],
];

/** 24 pupils in the two roster classes (some without consent for social media), 24 namesakes in other classes. */
function pupils(): RosterPupil[] {
  const list: RosterPupil[] = [];
  for (let i = 0; i < 48; i += 1) {
    const [tussenvoegsel, achternaam] = LAST[(i * 5) % LAST.length]!;
    list.push({
      key: String(3000 + i),
      // The other classes hold namesakes of the roster's pupils: the roster decides who comes first.
      roepnaam: FIRST[i % FIRST.length]!,
      tussenvoegsel,
      achternaam,
      className: i < 12 ? 'Groep 5' : i < 24 ? 'Groep 6' : `Groep ${i < 36 ? 7 : 8}`,
      social: i % 7 === 3 ? 'nee' : 'ja',
    });
  }
  return list;
}

type Truth =
  { readonly kind: 'person'; readonly key: string } | { readonly kind: 'guest' } | { readonly kind: 'notAPerson' };

interface Scene {
  readonly photos: number;
  readonly camera: readonly [string, string];
  readonly truth: readonly Truth[];
}

const SLOTS: readonly Box[] = [0.1, 0.32, 0.54, 0.76].map((x) => ({ x, y: 0.3, w: 0.08, h: 0.12 }));

/** 15 scenes: bursts of 3 and 2 photos (a camera, a second apart) and single phone photos a minute apart. */
function scenes(): Scene[] {
  const person = (index: number): Truth => ({ kind: 'person', key: String(3000 + (index % 24)) });
  const list: Scene[] = [];
  const sizes = [3, 3, 3, 3, 3, 3, 2, 2, 2, 1, 1, 1, 1, 1, 1];
  sizes.forEach((photos, scene) => {
    const truth: Truth[] = [0, 1, 2, 3].map((slot) => person(scene * 3 + slot * 5));
    if (scene === 1) truth[3] = { kind: 'guest' };
    if (scene === 4) truth[0] = { kind: 'notAPerson' };
    list.push({ photos, camera: photos > 1 ? ['Canon', 'EOS 250D'] : ['Apple', 'iPhone 13'], truth });
  });
  return list;
}

interface Built {
  readonly shots: Shot[];
  /** The truth of each face, by shot file and slot. */
  readonly truth: Map<string, Truth>;
}

function build(): Built {
  const shots: Shot[] = [];
  const truth = new Map<string, Truth>();
  let clock = Date.parse('2026-06-12T09:00:00Z');
  scenes().forEach((scene, sceneIndex) => {
    clock += 60_000;
    for (let shot = 0; shot < scene.photos; shot += 1) {
      const file = `IMG_${String(shots.length + 1).padStart(4, '0')}.jpg`;
      // A burst moves a little between frames: a hundredth of the photo at most.
      const jitter = (slot: number) => ((sceneIndex + slot + shot) % 3) * 0.005 * (shot === 0 ? 0 : 1);
      const faces = SLOTS.map((slot, index) => ({ ...slot, x: slot.x + jitter(index), y: slot.y + jitter(index + 1) }));
      shots.push({
        file,
        takenAt: new Date(clock + shot * 1000).toISOString().slice(0, 19),
        make: scene.camera[0],
        model: scene.camera[1],
        faces,
      });
      scene.truth.forEach((entry, slot) => truth.set(`${file}#${slot}`, entry));
    }
  });
  return { shots, truth };
}

/**
 * The shortest text a person would type — lower case, no accents ("zoe" for Zoë) — whose best match is this person:
 * a first-name prefix, else the first name and a surname prefix.
 */
function shortestQuery(people: readonly ReviewPerson[], target: ReviewPerson): string {
  const [first = '', ...rest] = normaliseName(target.name).split(' ');
  const surname = rest.at(-1) ?? '';
  const tries = [
    ...Array.from({ length: first.length }, (_, n) => first.slice(0, n + 1)),
    ...Array.from({ length: surname.length }, (_, n) => `${first} ${surname.slice(0, n + 1)}`),
    `${first} ${surname} ${target.className ?? ''}`,
  ];
  const found = tries.find((text) => rankPeople(people, text)[0]?.personId === target.personId);
  if (!found) throw new Error(`no query finds ${target.name}`);
  return found;
}

describe('the event review by keyboard', () => {
  it('names every face of 30 photos (120 faces, bursts included) by keyboard only', { timeout: 600_000 }, async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'fotowacht-review-ui-'));
    dirs.push(root);
    const eventDir = path.join(root, 'Sportdag 2026');
    const { shots, truth } = build();
    expect(shots).toHaveLength(30);
    await writeShots(eventDir, shots);
    const app = await openUi({ viewport: { width: 1440, height: 900 } });
    try {
      const { page, core } = app;
      await importPupils(core, root, pupils());
      const indexed = await (await startIndexJob(core, eventDir)).finished;
      expect(indexed.state).toBe('done');
      // A fake detection: the drawn faces as detector boxes (detection itself is tested in the faces tests).
      const hashes = hashesByFile(core);
      const truthOfRegion = new Map<number, Truth>();
      for (const shot of shots) {
        const hash = hashes.get(shot.file)!;
        replaceDetectorRegions(
          core.db,
          hash,
          'test',
          shot.faces.map((box) => ({ ...box, score: 0.9, raw: {} })),
          '',
          () => false,
        );
        const ids = core.db
          .prepare("SELECT id FROM regions WHERE photo_hash = ? AND source = 'detector' ORDER BY x")
          .pluck()
          .all(hash) as number[];
        ids.forEach((id, slot) => truthOfRegion.set(id, truth.get(`${shot.file}#${slot}`)!));
      }
      markFacesChecked(core, hashes.values());
      expect(truthOfRegion.size).toBe(120);
      const eventId = core.db.prepare('SELECT id FROM events').pluck().get() as number;

      // Library → the event → "Personen benoemen"; the roster chosen with the mouse (it works too).
      await page.locator('.event-row').filter({ hasText: 'Sportdag 2026' }).getByRole('button').click();
      await page.getByRole('button', { name: 'Personen benoemen' }).click();
      const review = page.locator('section.review');
      await review.locator('.review-face').first().waitFor();
      await page.getByRole('button', { name: 'Groep 5', exact: true }).click();
      await page.getByRole('button', { name: 'Groep 6', exact: true }).click();
      await expect.poll(() => reviewPeople(core.db, eventId).roster).toEqual(['Groep 5', 'Groep 6']);
      await page.getByText('Leerlingen uit deze klassen staan bovenaan').waitFor();
      await app.screenshot('review-start-nl');
      const people = reviewPeople(core.db, eventId).people;
      const byKey = new Map(people.map((person) => [person.externalKey, person]));
      const field = page.getByRole('combobox', { name: 'Naam, achternaam of klas' });
      await expect.poll(() => field.evaluate((element) => element === document.activeElement)).toBe(true);

      const keysPerFace: number[] = [];
      let slowest = { ms: 0, key: '' };
      let slowestSaved = 0;
      // The response to a key: until the screen shows it (the face named, the match highlighted); for a naming key
      // also until the app answered with the photo's new decision and the counts ("saved").
      const press = async (key: string, shown: () => Promise<unknown>, saved?: () => Promise<unknown>) => {
        const started = performance.now();
        await page.keyboard.press(key);
        await shown();
        const ms = performance.now() - started;
        times.push(ms);
        if (ms > slowest.ms) slowest = { ms, key };
        if (saved) {
          await saved();
          const total = performance.now() - started;
          savedTimes.push(total);
          slowestSaved = Math.max(slowestSaved, total);
        }
      };
      const idle = () => review.and(page.locator('[data-pending="0"]')).waitFor();
      const focusedRegion = async () => {
        const focused = review.locator('.review-face.focused');
        if ((await focused.count()) === 0) return null;
        return Number(await focused.getAttribute('data-region'));
      };
      let undoDone = false;
      const how = { offers: 0, typed: 0, single: 0 };
      const times: number[] = [];
      const savedTimes: number[] = [];

      for (let guard = 0; guard < 200; guard += 1) {
        await idle();
        const regionId = await focusedRegion();
        if (regionId === null) break;
        const face = review.locator(`[data-region="${regionId}"]`);
        if ((await face.getAttribute('class'))?.includes('needs-name') !== true) break;
        const want = truthOfRegion.get(regionId)!;
        let keys = 0;
        const shows = (state: string) => () => face.and(page.locator(`[data-state="${state}"]`)).waitFor();
        const named = (state: string) => () => Promise.all([shows(state)(), idle()]);
        if (want.kind !== 'person') how.single += 1;
        if (want.kind === 'notAPerson') {
          await press('Delete', shows('notAPerson'), idle);
          keys += 1;
        } else if (want.kind === 'guest') {
          await press('-', shows('guest'), idle);
          keys += 1;
        } else {
          const person = byKey.get(want.key)!;
          const offer = page.getByTestId('burst-offer');
          if ((await offer.count()) > 0 && (await offer.textContent())!.includes(`? ${person.name} —`)) {
            await press('Enter', shows('person'), idle);
            keys += 1;
            how.offers += 1;
          } else {
            how.typed += 1;
            const text = shortestQuery(people, person);
            for (const [index, char] of [...text].entries()) {
              const typed = text.slice(0, index + 1);
              await press(char === ' ' ? 'Space' : char, () =>
                page.locator(`[role="listbox"][data-query="${typed}"] [aria-selected="true"]`).waitFor(),
              );
              keys += 1;
            }
            const best = page.locator('[role="option"][aria-selected="true"]');
            expect(await best.getAttribute('data-person')).toBe(String(person.personId));
            await press('Enter', shows('person'), idle);
            keys += 1;
          }
          expect(await face.getAttribute('data-person')).toBe(String(person.personId));
          if (!undoDone) {
            // Undo once (one key), then the same face again: counted with it.
            undoDone = true;
            await press('Control+z', shows('open'), idle);
            keys += 1;
            await expect.poll(focusedRegion).toBe(regionId);
            const text = shortestQuery(people, person);
            for (const char of text) await page.keyboard.press(char === ' ' ? 'Space' : char);
            await page.keyboard.press('Enter');
            keys += text.length + 1;
            await named('person')();
          }
        }
        keysPerFace.push(keys);
      }
      await idle();
      await app.screenshot('review-done-nl');

      // Every face has its name or decision, as the truth says.
      const after = eventReview(core.db, { eventId, channelId: 'social', date: '2026-10-01', scope: 'event' });
      expect(after.counts.open).toBe(0);
      for (const item of after.photos.flatMap((photo) => photo.items)) {
        const want = truthOfRegion.get(item.regionId)!;
        if (want.kind === 'person') expect(item.person?.personId).toBe(byKey.get(want.key)!.personId);
        else expect(item.state).toBe(want.kind);
      }
      // Each face shows what the decision does with it, as the core decides it for the screen's channel and date.
      const onScreen = eventReview(core.db, {
        eventId,
        channelId: 'social',
        date: localDay(new Date()),
        scope: 'event',
      });
      const hiddenNow = onScreen.photos
        .flatMap((photo) => photo.items)
        .filter((entry) => entry.visibility === 'hidden');
      expect(hiddenNow.length).toBeGreaterThan(0);
      await expect.poll(() => review.locator('[data-visibility="hidden"]').count()).toBe(hiddenNow.length);
      expect(keysPerFace).toHaveLength(120);
      const totalKeys = keysPerFace.reduce((sum, keys) => sum + keys, 0);
      const perFace = totalKeys / keysPerFace.length;
      expect(perFace).toBeCloseTo(totalKeys / 120, 10);
      expect(Math.min(...keysPerFace)).toBeGreaterThanOrEqual(1);
      // Live consequences: the screen shows the decisions the core makes now.
      await expect
        .poll(() => page.getByTestId('review-counts').textContent())
        .toContain('Alle gezichten hebben een naam');
      // What the app does per naming key besides the change itself: the whole review again (decisions included).
      const serverTimes = Array.from({ length: 10 }, () => {
        const started = performance.now();
        eventReview(core.db, { eventId, channelId: 'social', date: '2026-10-01', scope: 'event' });
        return performance.now() - started;
      });
      const quantile = (list: readonly number[], q: number) =>
        [...list].sort((a, b) => a - b)[Math.floor(list.length * q)]!.toFixed(0);
      console.log(
        `[review] ${how.offers} faces confirmed as "the same person?" (1 key), ${how.typed} typed, ${how.single} guest or not a person (1 key)`,
      );
      console.log(
        `[review] response to a key, until shown (${times.length} keys): median ${quantile(times, 0.5)} ms, 95th percentile ${quantile(times, 0.95)} ms; until saved with the new decision (${savedTimes.length} naming keys): median ${quantile(savedTimes, 0.5)} ms, slowest ${slowestSaved.toFixed(0)} ms (measured through Playwright, which adds its own round trips); the review list itself takes ${quantile(serverTimes, 0.5)} ms in the core`,
      );
      console.log(
        `[review] ${keysPerFace.length} faces, ${totalKeys} keys: ${perFace.toFixed(2)} keys per face (target ≤ 2.5: ${
          perFace <= 2.5 ? 'met' : 'MISSED'
        }); slowest response to a key ${slowest.ms.toFixed(0)} ms on "${slowest.key}" (target < 150 ms: ${
          slowest.ms < 150 ? 'met' : 'MISSED'
        }; timings on a shared machine are noisy)`,
      );

      // Back in the library, the grid shows the decisions the names led to.
      await review.getByRole('button', { name: '← Terug naar de foto’s' }).click();
      const grid = page.getByRole('listbox', { name: /Foto’s van Sportdag 2026/ });
      await grid.waitFor();
      expect(after.counts.publish).toBeGreaterThan(0);
      await expect
        .poll(() => page.locator('[data-status="publish"]').first().textContent())
        .toBe(`${after.counts.publish} klaar`);
    } finally {
      await app.close();
    }
  });
});
