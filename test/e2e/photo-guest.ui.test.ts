// The photo screen shows a region marked "guest / not known" in the event review as such — on the photo and in the
// list of people, hidden — rather than "onbekend" or the name a tag gave it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startIndexJob } from '../../electron/core/library/indexer';
import { replaceDetectorRegions } from '../../electron/core/people';
import { setReviewState } from '../../electron/core/review';
import { importPupils, writeShots } from '../helpers/reviewEvent';
import { markFacesChecked } from '../helpers/school';
import { closeBrowser, openUi } from '../helpers/ui';
import { hashesByFile } from '../helpers/uiSchool';

afterAll(closeBrowser);
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('the photo screen and the review’s guest mark', () => {
  it('labels a guest region "gast / niet bekend", hidden', { timeout: 120_000 }, async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'fotowacht-guest-ui-'));
    dirs.push(root);
    const eventDir = path.join(root, 'Sportdag 2026');
    const boxes = [0.2, 0.6].map((x) => ({ x, y: 0.3, w: 0.1, h: 0.15 }));
    await writeShots(eventDir, [
      { file: 'IMG_0001.jpg', takenAt: '2026-06-12T10:00:00', make: 'Canon', model: 'EOS 250D', faces: boxes },
    ]);
    const app = await openUi({ viewport: { width: 1440, height: 900 } });
    try {
      const { page, core } = app;
      await importPupils(core, root, [
        { key: '2001', roepnaam: 'Sem', tussenvoegsel: '', achternaam: 'Hof', className: 'Groep 7', social: 'ja' },
      ]);
      expect((await (await startIndexJob(core, eventDir)).finished).state).toBe('done');
      const hash = hashesByFile(core).get('IMG_0001.jpg')!;
      replaceDetectorRegions(
        core.db,
        hash,
        'test',
        boxes.map((box) => ({ ...box, score: 0.9, raw: {} })),
        '',
        () => false,
      );
      markFacesChecked(core, [hash]);
      const [guest, other] = core.db
        .prepare("SELECT id FROM regions WHERE photo_hash = ? AND source = 'detector' ORDER BY x")
        .pluck()
        .all(hash) as [number, number];
      setReviewState(core, guest, { kind: 'guest' });

      await page.getByRole('button', { name: 'Logboek' }).click();
      await page.getByRole('button', { name: 'Bibliotheek' }).click();
      await page.locator('.event-row').filter({ hasText: 'Sportdag 2026' }).getByRole('button').first().click();
      const grid = page.getByRole('listbox', { name: 'Foto’s van Sportdag 2026' });
      await grid.getByRole('option').first().waitFor();
      await grid.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: /IMG_0001\.jpg/ }).waitFor();

      const guestItem = page.locator(`.region-list > li[data-region="${guest}"]`);
      await expect.poll(() => guestItem.getAttribute('aria-label')).toBe('gast / niet bekend');
      await expect
        .poll(() => guestItem.textContent())
        .toContain('in de review gemarkeerd als gast / niet bekend: blijft verborgen');
      expect(await guestItem.textContent()).toContain('wordt verborgen');
      // The other face is still plain unknown; the photo itself labels the guest too.
      expect(await page.locator(`.region-list > li[data-region="${other}"]`).getAttribute('aria-label')).toBe(
        'onbekend',
      );
      await expect.poll(() => page.locator('.region-label').allTextContents()).toContain('gast / niet bekend');
      await app.screenshot('photo-guest-nl');
    } finally {
      await app.close();
    }
  });
});
