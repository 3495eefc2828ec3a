// Picking photos in the library grid by keyboard (P and Space toggle the photo in focus) and by the star, the pick
// count, the "only picked photos" filter, and the publish screen taking the picks by default, with the whole event
// one choice away.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../electron/core/audit/trail';
import { listPicks } from '../../electron/core/library';
import { markFacesChecked } from '../helpers/school';
import { closeBrowser, openUi } from '../helpers/ui';
import { indexSchool, schoolWithConsent } from '../helpers/uiSchool';

afterAll(closeBrowser);

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('picking photos in the grid', () => {
  it('picks by keyboard, filters to the picks and publishes them', { timeout: 240_000 }, async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'fotowacht-picks-ui-'));
    dirs.push(root);
    const app = await openUi();
    try {
      const { page, core } = app;
      const school = await schoolWithConsent(core, root);
      await indexSchool(core, school);
      markFacesChecked(core);
      const eventId = core.db.prepare('SELECT id FROM events').pluck().get() as number;
      // The screen learns of the indexed event by loading the library again.
      await page.getByRole('button', { name: 'Logboek' }).click();
      await page.getByRole('button', { name: 'Bibliotheek' }).click();
      const eventRow = page.locator('.event-row').filter({ hasText: 'Sportdag 2026' });
      await eventRow.getByRole('button', { name: 'Sportdag 2026' }).click();

      const grid = page.getByRole('listbox', { name: 'Foto’s van Sportdag 2026' });
      const options = grid.getByRole('option');
      await expect.poll(() => options.count()).toBe(7);
      const hashAt = (index: number) => options.nth(index).getAttribute('data-hash');
      const count = page.getByTestId('pick-count');
      await expect(count.textContent()).resolves.toBe('0 gekozen');

      // P picks the photo in focus, Space the next one; P again on a picked photo unpicks it.
      await grid.focus();
      await page.keyboard.press('p');
      await expect.poll(() => count.textContent()).toBe('1 gekozen');
      await expect(options.nth(0).getAttribute('aria-label')).resolves.toMatch(/, gekozen$/);
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press(' ');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('P');
      await expect.poll(() => count.textContent()).toBe('3 gekozen');
      await page.keyboard.press('p');
      await expect.poll(() => count.textContent()).toBe('2 gekozen');
      const picked = [await hashAt(0), await hashAt(1)];
      await expect.poll(() => listPicks(core.db, eventId).sort()).toEqual([...picked].sort());
      // Space picked, it did not scroll the grid away or open a photo.
      await expect(grid.getAttribute('aria-activedescendant')).resolves.toBe('photo-option-2');
      await app.screenshot('library-picks-nl');

      // Only the picks; a pick undone there leaves the grid at once.
      await page.getByLabel('Alleen gekozen foto’s').check();
      await expect.poll(() => options.count()).toBe(2);
      await grid.focus();
      await page.keyboard.press('Home');
      await page.keyboard.press('p');
      await expect.poll(() => options.count()).toBe(1);
      await expect.poll(() => count.textContent()).toBe('1 gekozen');
      await page.getByLabel('Alleen gekozen foto’s').uncheck();
      await expect.poll(() => options.count()).toBe(7);

      // The star picks with the mouse.
      await options
        .nth(5)
        .getByRole('button', { name: /Kiezen om te publiceren/ })
        .click();
      await expect.poll(() => count.textContent()).toBe('2 gekozen');
      await expect(options.nth(5).getByRole('button').getAttribute('aria-pressed')).resolves.toBe('true');
      expect(listAuditEvents(core.db, { limit: 50, action: 'library.pick' }).length).toBe(4);
      expect(listAuditEvents(core.db, { limit: 50, action: 'library.unpick' }).length).toBe(2);

      // Publishing takes the picks; the whole event is one choice away.
      await page.getByRole('button', { name: 'Gekozen foto’s publiceren (2)' }).click();
      const picksChoice = page.getByLabel('De gekozen foto’s van dit evenement (2)');
      await picksChoice.waitFor();
      await expect(picksChoice.isChecked()).resolves.toBe(true);
      const total = async () =>
        (await page.locator('dl.counts dd').allTextContents()).reduce((sum, text) => sum + Number(text), 0);
      await expect.poll(total).toBe(2);
      await app.screenshot('publish-picks-nl');
      await page.getByLabel('Het hele evenement (7)').check();
      await expect.poll(total).toBe(7);
      await picksChoice.check();
      await expect.poll(total).toBe(2);
    } finally {
      await app.close();
    }
  });
});
