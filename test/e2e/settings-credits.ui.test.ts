// The credits section of the settings screen: nothing kept by default; the choices per channel and the warning are
// saved, logged and shown again after a reload.
import { afterAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../electron/core/audit/trail';
import { getSettings } from '../../electron/core/settings';
import { closeBrowser, openUi } from '../helpers/ui';

afterAll(closeBrowser);

describe('credits in the settings', () => {
  it('keeps the chosen credit fields per channel and the warning for photos without a photographer', async () => {
    const app = await openUi();
    try {
      const { page, core } = app;
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('button', { name: 'Instellingen' }).click();
      const keep = (field: string, channel: string) => page.getByLabel(`${field} behouden bij ${channel}`);
      const credit = keep('Naamsvermelding (credit line)', 'Sociale media van de school');
      await credit.waitFor();
      await expect(credit.isChecked()).resolves.toBe(false);
      await credit.check();
      await keep('Maker', 'Sociale media van de school').check();
      await keep('Copyrightvermelding', 'Website van de school').check();
      await page.getByLabel('Waarschuw vóór een export voor foto’s zonder bekende fotograaf of copyright').check();
      await page.getByRole('button', { name: 'Naamsvermelding opslaan' }).click();
      await page.getByRole('status').filter({ hasText: 'Opgeslagen.' }).first().waitFor();
      await page.locator('.credits').scrollIntoViewIfNeeded();
      await app.screenshot('settings-credits-nl');

      expect(getSettings(core.db)).toMatchObject({
        exportCredits: { social: ['creator', 'credit'], website: ['copyright'] },
        flagMissingCredit: true,
      });
      expect(listAuditEvents(core.db, { action: 'settings.update', limit: 1 })[0]!.details).toEqual({
        exportCredits: { social: ['creator', 'credit'], website: ['copyright'] },
        flagMissingCredit: true,
      });

      await page.reload();
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('button', { name: 'Instellingen' }).click();
      await credit.waitFor();
      await expect(credit.isChecked()).resolves.toBe(true);
      await expect(keep('Copyrightvermelding', 'Sociale media van de school').isChecked()).resolves.toBe(false);
    } finally {
      await app.close();
    }
  });
});
