// A clip's face tracks in the event review, by keyboard (issue 15): an event with a photo and a real clip (made by
// the bundled ffmpeg) whose scan found two tracks; each track is one row with crops cut from stills of the clip,
// named by typing and Enter like a photo face (naming the person in every frame of the track), "not a person" with
// Delete and undone with Ctrl+Z, guest with "-"; then a track split with the mouse at one of its crops, the split
// undone (the track whole and named again), and an undo refused with a message once a part was marked elsewhere.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getVideoTrack, listVideoTracks, replaceVideoScan } from '../../electron/core/library';
import { startIndexJob } from '../../electron/core/library/indexer';
import { replaceDetectorRegions } from '../../electron/core/people';
import { eventReview, setTrackState } from '../../electron/core/review';
import { importPupils, renderShot } from '../helpers/reviewEvent';
import { observationsOf } from '../helpers/reviewClips';
import { markFacesChecked } from '../helpers/school';
import { closeBrowser, openUi } from '../helpers/ui';
import { makeClip } from '../helpers/videos';

afterAll(closeBrowser);
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('tracks in the event review', () => {
  it('names a clip’s tracks by keyboard and splits one at a crop', { timeout: 300_000 }, async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'fotowacht-review-clip-'));
    dirs.push(root);
    const eventDir = path.join(root, 'Sportdag 2026');
    mkdirSync(eventDir);
    const face = { x: 0.4, y: 0.3, w: 0.1, h: 0.15 };
    const shot = { file: 'IMG_0001.jpg', takenAt: '2026-06-12T10:00:00', make: 'Canon', model: 'EOS', faces: [face] };
    writeFileSync(path.join(eventDir, shot.file), await renderShot(shot, 600, 400));
    makeClip(path.join(eventDir, 'estafette.mp4'), {
      seconds: 2,
      fps: 25,
      metadata: { creation_time: '2026-06-12T10:05:00Z' },
    });
    const app = await openUi({ viewport: { width: 1440, height: 900 } });
    try {
      const { page, core } = app;
      await importPupils(core, root, [
        {
          key: '4001',
          roepnaam: 'Sem',
          tussenvoegsel: "van 't",
          achternaam: 'Hof',
          className: 'Groep 7',
          social: 'ja',
        },
        { key: '4002', roepnaam: 'Zoë', tussenvoegsel: '', achternaam: 'Bakker', className: 'Groep 7', social: 'ja' },
      ]);
      expect((await (await startIndexJob(core, eventDir)).finished).state).toBe('done');
      const photoHash = core.db.prepare('SELECT hash FROM photos').pluck().get() as string;
      replaceDetectorRegions(core.db, photoHash, 'test', [{ ...face, score: 0.9, raw: {} }], '', () => false);
      markFacesChecked(core);
      const videoHash = core.db.prepare('SELECT hash FROM videos').pluck().get() as string;
      // The scan is the video scan's work: its result stored as it would store it.
      const [walker, runner] = replaceVideoScan(
        core.db,
        {
          videoHash,
          model: 'test',
          sampleEvery: 1,
          frameCount: 50,
          framesSampled: 50,
          options: {},
          scannedAt: new Date().toISOString(),
          scannedBy: 'test',
        },
        [observationsOf(0.1, [0, 5, 10, 15, 20, 25, 30, 35, 40]), observationsOf(0.6, [10, 20, 30])],
      ) as [number, number];
      const eventId = core.db.prepare('SELECT id FROM events').pluck().get() as number;
      const sem = core.db.prepare("SELECT id FROM people WHERE external_key = '4001'").pluck().get() as number;

      await page.locator('.event-row').filter({ hasText: 'Sportdag 2026' }).getByRole('button').click();
      await page.getByRole('button', { name: 'Personen benoemen' }).click();
      const review = page.locator('section.review');
      const idle = () => review.and(page.locator('[data-pending="0"]')).waitFor();
      const track = (id: number) => review.locator(`[data-track="${id}"]`);
      await track(walker).waitFor();
      // The clip heads its tracks, after the photo of 10:00; each track one row with its crops.
      const clip = review.locator(`[data-video="${videoHash}"]`);
      await expect(clip.locator('.review-file').textContent()).resolves.toBe('estafette.mp4');
      await expect(track(walker).locator('.review-crop').count()).resolves.toBe(5);
      await expect(track(runner).locator('.review-crop').count()).resolves.toBe(3);
      await expect(review.locator('.review-photo').first().getAttribute('data-hash')).resolves.toBe(photoHash);
      // The crops come from stills of the clip the app cached (sealed) for the review.
      const crop = track(walker).locator('.review-crop img').first();
      await expect
        .poll(() =>
          crop.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth),
        )
        .toBe(320);
      await expect(page.getByTestId('review-counts').textContent()).resolves.toContain('Nog te benoemen: 3 van 3');

      // The photo's face first (guest), then the focus moves on to the first track.
      await page.keyboard.press('-');
      await expect.poll(() => track(walker).getAttribute('aria-current')).toBe('true');
      for (const key of ['s', 'e', 'm']) await page.keyboard.press(key);
      await page.locator('[role="option"][aria-selected="true"]').filter({ hasText: "Sem van 't Hof" }).waitFor();
      await page.keyboard.press('Enter');
      await track(walker).and(page.locator('[data-state="person"]')).waitFor();
      await idle();
      expect(getVideoTrack(core.db, walker)).toMatchObject({ state: 'linked', personId: sem });
      await expect(track(walker).textContent()).resolves.toContain("Sem van 't Hof");

      // The second track: not a person, undone, then guest.
      await expect.poll(() => track(runner).getAttribute('aria-current')).toBe('true');
      await page.keyboard.press('Delete');
      await track(runner).and(page.locator('[data-state="notAPerson"]')).waitFor();
      await idle();
      expect(getVideoTrack(core.db, runner)).toMatchObject({ state: 'dismissed' });
      await page.keyboard.press('Control+z');
      await track(runner).and(page.locator('[data-state="open"]')).waitFor();
      await idle();
      expect(getVideoTrack(core.db, runner)).toMatchObject({ state: 'open' });
      await page.keyboard.press('-');
      await track(runner).and(page.locator('[data-state="guest"]')).waitFor();
      await idle();
      expect(getVideoTrack(core.db, runner)).toMatchObject({ state: 'guest' });
      await expect
        .poll(() => page.getByTestId('review-counts').textContent())
        .toContain('Alle gezichten hebben een naam of een besluit');
      await app.screenshot('review-clip-named-nl');

      // Two people crossed at 0:00.8: split the first track there (a button at its crop, shown when it has focus).
      await track(walker).click();
      const split = review.locator(`[data-split-frame="20"]`);
      await expect(split.getAttribute('aria-label')).resolves.toContain(`Spoor ${walker} splitsen vanaf 0:00.8`);
      await split.click();
      await idle();
      const tracks = listVideoTracks(core.db, videoHash);
      const part = tracks.find((candidate) => candidate.splitFrom === walker)!;
      expect(part).toMatchObject({ firstFrame: 20, lastFrame: 40, state: 'open' });
      await track(part.id).and(page.locator('[data-state="open"]')).waitFor();
      await track(walker).and(page.locator('[data-state="open"]')).waitFor();
      // The new part sits right after the track it came from.
      await expect(
        clip
          .locator('[data-track]')
          .evaluateAll((nodes) => nodes.map((node) => Number(node.getAttribute('data-track')))),
      ).resolves.toEqual([walker, part.id, runner]);
      await expect(page.getByTestId('review-counts').textContent()).resolves.toContain('Nog te benoemen: 2 van 4');
      // And the review in the core says the same.
      const after = eventReview(core.db, { eventId, channelId: 'social', date: '2026-10-01' });
      expect(after.counts).toMatchObject({ open: 2, faces: 4 });
      await app.screenshot('review-clip-split-nl');

      // Undo: the part joins the track again, which has its name back (the split had taken it).
      const undoButton = page.getByRole('button', { name: 'Ongedaan maken' });
      await undoButton.click();
      await idle();
      await track(walker).and(page.locator('[data-state="person"]')).waitFor();
      await expect(track(part.id).count()).resolves.toBe(0);
      expect(getVideoTrack(core.db, part.id)).toBeNull();
      expect(getVideoTrack(core.db, walker)).toMatchObject({ state: 'linked', personId: sem, firstFrame: 0 });
      await expect
        .poll(() => page.getByTestId('review-counts').textContent())
        .toContain('Alle gezichten hebben een naam of een besluit');

      // Split again; the part is marked guest elsewhere (the command line, another window): the undo is refused with
      // the reason, and nothing changes.
      await track(walker).click();
      await review.locator(`[data-split-frame="20"]`).click();
      await idle();
      const again = listVideoTracks(core.db, videoHash).find((candidate) => candidate.splitFrom === walker)!;
      setTrackState(core, again.id, { kind: 'guest' });
      await undoButton.click();
      await idle();
      await expect
        .poll(() => page.getByRole('alert').textContent())
        .toContain(
          `Het splitsen kan niet ongedaan worden: spoor ${again.id} is sinds het splitsen benoemd of gemarkeerd.`,
        );
      expect(getVideoTrack(core.db, again.id)).toMatchObject({ state: 'guest', splitFrom: walker });
    } finally {
      await app.close();
    }
  });
});
