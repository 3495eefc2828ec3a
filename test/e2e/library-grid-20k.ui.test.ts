// The thumbnail grid at 20,000 photos: decisions for the whole event in one call, only the rows in view in the
// DOM, and the keyboard reaching the last photo at once. How fast each step is: npm run bench -- ui.
import { afterAll, describe, expect, it } from 'vitest';
import { seedLargeEvent } from '../helpers/largeSchool';
import { closeBrowser, openUi } from '../helpers/ui';

afterAll(closeBrowser);

const PHOTOS = 20_000;

describe('library grid at 20,000 photos', () => {
  it('stays small in the DOM and answers the keyboard', { timeout: 180_000 }, async () => {
    const app = await openUi();
    try {
      const { page, core } = app;
      // A quarter shows a guest the registry does not know: hidden.
      seedLargeEvent(core.db, PHOTOS);

      // The library was open before the photos arrived: Logboek and back reloads it.
      await page.getByRole('button', { name: 'Logboek' }).click();
      await page.getByRole('button', { name: 'Bibliotheek' }).click();
      const eventRow = page.locator('.event-row').filter({ hasText: 'Schoolreisje 2026' });
      await eventRow.locator('[data-status="hide"]').waitFor({ timeout: 60_000 });
      await expect(eventRow.locator('[data-status="hide"]').textContent()).resolves.toBe('5000 met verborgen personen');
      await expect(eventRow.locator('[data-status="publish"]').textContent()).resolves.toBe('15000 klaar');

      await eventRow.getByRole('button', { name: 'Schoolreisje 2026' }).click();
      const grid = page.getByRole('listbox', { name: 'Foto’s van Schoolreisje 2026' });
      await grid.getByRole('option').first().waitFor({ timeout: 60_000 });
      await page.getByText('20000 van 20000 foto’s').waitFor();
      // Only the rows in view (plus a few) are rendered.
      const rendered = await grid.getByRole('option').count();
      expect(rendered).toBeGreaterThan(10);
      expect(rendered).toBeLessThan(200);

      // End: straight to the last photo, rendered and in view.
      await grid.focus();
      await page.keyboard.press('End');
      await page.locator('#photo-option-19999').waitFor();
      await expect(grid.getAttribute('aria-activedescendant')).resolves.toBe('photo-option-19999');
      await expect(grid.getByRole('option').count()).resolves.toBeLessThan(200);
      await expect(page.locator('#photo-option-0').count()).resolves.toBe(0);

      // Scrolling by hand through the middle keeps the DOM small too.
      for (let step = 1; step <= 20; step += 1) {
        await grid.evaluate((element, top) => (element.scrollTop = top), step * 50_000);
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
      }
      await expect(grid.getByRole('option').count()).resolves.toBeLessThan(200);
      await app.screenshot('library-grid-20k-nl');
    } finally {
      await app.close();
    }
  });
});
