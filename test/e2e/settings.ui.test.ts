import { afterAll, describe, expect, it } from 'vitest';
import { apiMethods } from '../../shared/ipc';
import { closeBrowser, openUi } from '../helpers/ui';

afterAll(closeBrowser);

describe('the app in Chromium', () => {
  it('opens in Dutch, switches to English, keeps the display name and language across a reload', async () => {
    const app = await openUi();
    try {
      const { page } = app;
      const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
      for (const label of ['Bibliotheek', 'Toestemmingen', 'Publiceren', 'Logboek', 'Instellingen']) {
        await expect(nav.getByRole('button', { name: label }).isVisible()).resolves.toBe(true);
      }
      await app.screenshot('start-nl');

      await nav.getByRole('button', { name: 'Instellingen' }).click();
      await page.getByLabel('Uw naam').fill('Juf de Vries');
      await page.getByLabel(/^Taal/).selectOption('en');
      await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
      await app.screenshot('settings-en');

      await page.reload();
      await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Settings' }).click();
      await expect(page.getByLabel('Your name').inputValue()).resolves.toBe('Juf de Vries');
      await expect(page.getByLabel(/^Language/).inputValue()).resolves.toBe('en');
      await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');

      // The change is in the audit trail, and the trail verifies from the UI.
      await page.getByRole('button', { name: 'Audit' }).click();
      await page.getByRole('cell', { name: 'settings.update' }).waitFor();
      await expect(page.getByRole('cell', { name: 'Juf de Vries (testgebruiker)' }).isVisible()).resolves.toBe(true);
      await page.getByRole('button', { name: 'Verify audit trail' }).click();
      await page.getByRole('status').filter({ hasText: 'The audit trail is intact. Entries: 1;' }).waitFor();
      await app.screenshot('audit-en');
    } finally {
      await app.close();
    }
  });

  it('exposes exactly the contract to the page, and a bad call comes back as a code', async () => {
    const app = await openUi();
    try {
      const result = await app.page.evaluate(async () => ({
        keys: Object.keys(window.api).sort(),
        bad: await window.api.updateSettings({ language: 'fr' } as never),
        hasRequire: typeof (window as unknown as { require?: unknown }).require,
      }));
      // Exactly the contract's methods (every domain's) plus the progress subscription: nothing more.
      expect(result.keys).toEqual([...apiMethods, 'onJobProgress'].sort());
      expect(result.bad).toMatchObject({ ok: false, error: { code: 'ipc.invalidParams' } });
      expect(result.hasRequire).toBe('undefined');
    } finally {
      await app.close();
    }
  });
});
