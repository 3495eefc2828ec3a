// The thumbnail grid at 20,000 photos: decisions for the whole event in one call, only the rows in view in the
// DOM, and the keyboard reaching the last photo at once.
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, openUi } from '../helpers/ui';

afterAll(closeBrowser);

const PHOTOS = 20_000;

describe('library grid at 20,000 photos', () => {
  it('stays small in the DOM and answers the keyboard', { timeout: 180_000 }, async () => {
    const app = await openUi();
    try {
      const { page, core } = app;
      const now = new Date().toISOString();
      const db = core.db;
      db.transaction(() => {
        const root = db
          .prepare('INSERT INTO library_roots (path, added_at) VALUES (?, ?)')
          .run('/photos/schooljaar', now).lastInsertRowid;
        const event = db
          .prepare('INSERT INTO events (root_id, name, folder_path, created_at) VALUES (?, ?, ?, ?)')
          .run(root, 'Schoolreisje 2026', '/photos/schooljaar/Schoolreisje 2026', now).lastInsertRowid;
        const photo = db.prepare(
          `INSERT INTO photos (hash, format, width, height, display_width, display_height, faces_detected_with,
                               faces_detected_at, indexed_at)
           VALUES (?, 'jpeg', 6000, 4000, 6000, 4000, 'test', ?, ?)`,
        );
        const file = db.prepare(
          'INSERT INTO photo_files (path, photo_hash, event_id, size, mtime_ms, indexed_at) VALUES (?, ?, ?, 1, 1, ?)',
        );
        const region = db.prepare(
          `INSERT INTO regions (photo_hash, source, namespace, kind, x, y, w, h, name, created_at)
           VALUES (?, 'file', 'mwg-rs', 'face', 0.4, 0.2, 0.05, 0.07, 'Onbekende Gast', ?)`,
        );
        for (let i = 0; i < PHOTOS; i += 1) {
          const hash = createHash('sha256').update(`photo ${i}`).digest('hex');
          photo.run(hash, now, now);
          file.run(`/photos/schooljaar/Schoolreisje 2026/IMG_${String(i).padStart(5, '0')}.jpg`, hash, event, now);
          // Every fourth photo shows someone the registry does not know: hidden.
          if (i % 4 === 0) region.run(hash, now);
        }
      })();

      // The library was open before the photos arrived: Logboek and back reloads it.
      await page.getByRole('button', { name: 'Logboek' }).click();
      let started = Date.now();
      await page.getByRole('button', { name: 'Bibliotheek' }).click();
      const eventRow = page.locator('.event-row').filter({ hasText: 'Schoolreisje 2026' });
      await eventRow.locator('[data-status="hide"]').waitFor({ timeout: 60_000 });
      const countMs = Date.now() - started;
      await expect(eventRow.locator('[data-status="hide"]').textContent()).resolves.toBe('5000 met verborgen personen');
      await expect(eventRow.locator('[data-status="publish"]').textContent()).resolves.toBe('15000 klaar');

      started = Date.now();
      await eventRow.getByRole('button', { name: 'Schoolreisje 2026' }).click();
      const grid = page.getByRole('listbox', { name: 'Foto’s van Schoolreisje 2026' });
      await grid.getByRole('option').first().waitFor({ timeout: 60_000 });
      const openMs = Date.now() - started;
      await page.getByText('20000 van 20000 foto’s').waitFor();
      // Only the rows in view (plus a few) are rendered.
      const rendered = await grid.getByRole('option').count();
      expect(rendered).toBeGreaterThan(10);
      expect(rendered).toBeLessThan(200);

      // End: straight to the last photo, rendered and in view.
      await grid.focus();
      started = Date.now();
      await page.keyboard.press('End');
      await page.locator('#photo-option-19999').waitFor();
      const endMs = Date.now() - started;
      await expect(grid.getAttribute('aria-activedescendant')).resolves.toBe('photo-option-19999');
      await expect(grid.getByRole('option').count()).resolves.toBeLessThan(200);
      await expect(page.locator('#photo-option-0').count()).resolves.toBe(0);

      // Scrolling by hand through the middle keeps the DOM small too.
      started = Date.now();
      for (let step = 1; step <= 20; step += 1) {
        await grid.evaluate((element, top) => (element.scrollTop = top), step * 50_000);
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
      }
      const scrollMs = Date.now() - started;
      await expect(grid.getByRole('option').count()).resolves.toBeLessThan(200);
      await app.screenshot('library-grid-20k-nl');
      console.log(
        `grid of ${PHOTOS} photos: counts per status (decisions for all) in ${countMs} ms, grid opened in ` +
          `${openMs} ms, ${rendered} cells in the DOM, ` +
          `End in ${endMs} ms, 20 scroll jumps in ${scrollMs} ms`,
      );
      expect(endMs).toBeLessThan(1000);
    } finally {
      await app.close();
    }
  });
});
