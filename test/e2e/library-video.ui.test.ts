// Video clips in the library (issue 15): an indexed clip shows in its event with its poster, a play badge, its
// length and what it carries (location, sound, names), beside the photos of the event. An event of clips only is
// counted, reviewed and published like any other: its clips in the event list (with their statuses), "Personen
// benoemen", and the event in the publish screen's list.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startIndexJob } from '../../electron/core/library/indexer';
import { makeJpeg, personInImageWDetails, xmpPacket } from '../helpers/photos';
import { closeBrowser, openUi } from '../helpers/ui';
import { makeClip } from '../helpers/videos';

afterAll(closeBrowser);

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('videos in the library', () => {
  it('shows each clip of an event with its poster and a play badge', { timeout: 240_000 }, async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'fotowacht-video-ui-'));
    dirs.push(root);
    const event = path.join(root, 'Musical 2026');
    mkdirSync(event);
    writeFileSync(path.join(event, 'IMG_0001.jpg'), await makeJpeg({ width: 300, height: 200 }));
    makeClip(path.join(event, 'optreden.mp4'), {
      audio: true,
      seconds: 2,
      metadata: { location: '+52.3702+004.8952/', title: 'Optreden' },
      xmp: xmpPacket(personInImageWDetails(['Daan de Vries'])),
    });
    const app = await openUi();
    try {
      const { page, core } = app;
      const finished = await (await startIndexJob(core, root)).finished;
      expect(finished.state).toBe('done');
      await page.getByRole('button', { name: 'Logboek' }).click();
      await page.getByRole('button', { name: 'Bibliotheek' }).click();
      await page.locator('.event-row').getByRole('button', { name: 'Musical 2026' }).click();

      const strip = page.getByRole('region', { name: 'Video’s van Musical 2026' });
      await expect.poll(() => strip.locator('.video-cell').count()).toBe(1);
      const cell = strip.locator('.video-cell');
      await expect(cell.getByRole('img', { name: 'Video' }).count()).resolves.toBe(1);
      await expect(cell.locator('.video-length').textContent()).resolves.toBe('0:02');
      await expect(cell.textContent()).resolves.toMatch(/optreden\.mp4.*locatie.*geluid.*Genoemd: Daan de Vries/);
      const poster = cell.locator('img');
      await expect
        .poll(() =>
          poster.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth),
        )
        .toBeGreaterThan(0);
      await strip.scrollIntoViewIfNeeded();
      await app.screenshot('library-video-nl');
    } finally {
      await app.close();
    }
  });

  it('counts, reviews and publishes an event that holds only clips', { timeout: 240_000 }, async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'fotowacht-video-only-ui-'));
    dirs.push(root);
    const event = path.join(root, 'Schoolreis 2026');
    mkdirSync(event);
    makeClip(path.join(event, 'bus.mp4'), { seconds: 1, metadata: { comment: 'bus' } });
    makeClip(path.join(event, 'dierentuin.mp4'), { seconds: 1, metadata: { comment: 'dierentuin' } });
    const app = await openUi();
    try {
      const { page, core } = app;
      const finished = await (await startIndexJob(core, root)).finished;
      expect(finished.state).toBe('done');
      await page.getByRole('button', { name: 'Logboek' }).click();
      await page.getByRole('button', { name: 'Bibliotheek' }).click();
      // The event list: its clips counted, and their statuses (never searched for faces: to be checked).
      const row = page.locator('.event-row').filter({ hasText: 'Schoolreis 2026' });
      await expect.poll(() => row.textContent()).toContain('0 foto’s · 2 video’s');
      await expect.poll(() => row.getByTestId('clip-counts').textContent()).toBe('Video’s: 2 nakijken');

      // The event: "Personen benoemen" is there, and the review lists both clips.
      await row.getByRole('button', { name: 'Schoolreis 2026' }).click();
      await expect(
        page.getByText('Dit evenement heeft geen foto’s, alleen video’s (hieronder).').count(),
      ).resolves.toBe(1);
      await page.getByRole('button', { name: 'Personen benoemen' }).click();
      await expect.poll(() => page.locator('.review-file').allTextContents()).toEqual(['bus.mp4', 'dierentuin.mp4']);
      await app.screenshot('library-video-only-review-nl');

      // Published from the library: the publish screen has the event chosen, and lists it.
      await page.getByRole('button', { name: 'Logboek' }).click();
      await page.getByRole('button', { name: 'Bibliotheek' }).click();
      await page.locator('.event-row').getByRole('button', { name: 'Schoolreis 2026' }).click();
      await page.getByRole('button', { name: 'Video’s publiceren (2)' }).click();
      const select = page.locator('select[name="event"]');
      const eventId = core.db.prepare('SELECT id FROM events WHERE name = ?').pluck().get('Schoolreis 2026') as number;
      await expect.poll(() => select.inputValue()).toBe(String(eventId));
      await expect(select.locator('option').allTextContents()).resolves.toContain('Schoolreis 2026');
      await expect.poll(() => page.locator('section.clips tr[data-hash]').count()).toBe(2);
      await app.screenshot('library-video-only-publish-nl');
    } finally {
      await app.close();
    }
  });
});
