// Settings an administrator or privacy officer changes: channels (add with Dutch and English names, rename,
// retire and reinstate, delete an unused one) and how hidden people are hidden (style, margin, thresholds).
import { afterAll, describe, expect, it } from 'vitest';
import { listChannels } from '../../electron/core/consent';
import { getSettings } from '../../electron/core/settings/settings';
import { listAuditEvents } from '../../electron/core/audit/trail';
import { closeBrowser, openUi } from '../helpers/ui';

afterAll(closeBrowser);

describe('settings: channels and hiding', () => {
  it('adds, renames, retires, reinstates and deletes a channel, and saves the hide style and thresholds', async () => {
    const app = await openUi();
    try {
      const { page } = app;
      await page.getByRole('button', { name: 'Instellingen' }).click();
      const channels = page.getByRole('region', { name: 'Kanalen' });
      await channels.getByRole('cell', { name: 'Website van de school', exact: true }).waitFor();
      await expect(channels.locator('tbody tr').count()).resolves.toBe(5);
      await app.screenshot('settings-nl');

      // Add from the keyboard: type both names, Enter submits.
      await channels.getByLabel('Nieuw kanaal (Nederlands)').fill('Jaarboek');
      await channels.getByLabel('Nieuw kanaal (Engels, optioneel)').fill('Yearbook');
      await channels.getByLabel('Nieuw kanaal (Engels, optioneel)').press('Enter');
      await channels.getByRole('status').filter({ hasText: 'Kanaal Jaarboek toegevoegd.' }).waitFor();
      await expect(channels.getByRole('cell', { name: 'Yearbook', exact: true }).isVisible()).resolves.toBe(true);

      // The same name twice is refused in words.
      await channels.getByLabel('Nieuw kanaal (Nederlands)').fill('Jaarboek');
      await channels.getByRole('button', { name: 'Kanaal toevoegen' }).click();
      await channels.getByRole('alert').filter({ hasText: 'Kanaal jaarboek bestaat al.' }).waitFor();

      // Rename in place; Escape would cancel, Enter saves.
      await channels.getByRole('button', { name: 'Naam wijzigen van Jaarboek' }).click();
      await channels.getByLabel('Naam (Nederlands)').fill('Jaarboek 2027');
      await channels.getByLabel('Naam (Engels)').fill('Yearbook 2027');
      await channels.getByLabel('Naam (Engels)').press('Enter');
      await channels.getByRole('status').filter({ hasText: 'Kanaal heet nu Jaarboek 2027.' }).waitFor();

      await channels.getByRole('button', { name: 'Jaarboek 2027 buiten gebruik stellen' }).click();
      await channels.getByRole('status').filter({ hasText: 'Jaarboek 2027 is buiten gebruik' }).waitFor();
      expect(listChannels(app.core.db).find((c) => c.id === 'jaarboek')?.retiredAt).not.toBeNull();
      await channels.getByRole('button', { name: 'Jaarboek 2027 weer in gebruik nemen' }).click();
      await channels.getByRole('status').filter({ hasText: 'Jaarboek 2027 is weer in gebruik.' }).waitFor();
      expect(listChannels(app.core.db).find((c) => c.id === 'jaarboek')).toMatchObject({
        labelNl: 'Jaarboek 2027',
        labelEn: 'Yearbook 2027',
        retiredAt: null,
      });

      // Never used, so it can be deleted.
      await channels.getByRole('button', { name: 'Jaarboek 2027 verwijderen' }).click();
      await channels.getByRole('status').filter({ hasText: 'Jaarboek 2027 is verwijderd.' }).waitFor();
      expect(listChannels(app.core.db).map((c) => c.id)).not.toContain('jaarboek');

      // Hiding: pixelate, a wider margin, stricter thresholds.
      const hiding = page.getByRole('region', { name: 'Onherkenbaar maken' });
      await expect(hiding.getByLabel('Effen vlak (aanbevolen)').isChecked()).resolves.toBe(true);
      await expect(hiding.getByLabel('Extra rand om het gezicht (%)').inputValue()).resolves.toBe('20');
      await hiding.getByLabel('Sterk korrelig (pixels)').check();
      await hiding.getByLabel('Extra rand om het gezicht (%)').fill('25');
      await hiding.getByLabel(/Blokkeren als een verborgen persoon meer beslaat/).fill('15');
      await hiding.getByLabel('Blokkeren bij meer verborgen personen dan').fill('3');
      await hiding.getByRole('button', { name: 'Instellingen voor verbergen opslaan' }).click();
      await hiding.getByRole('status').filter({ hasText: 'Opgeslagen.' }).waitFor();
      expect(getSettings(app.core.db)).toMatchObject({
        hideStyle: 'pixelate',
        maskMargin: 0.25,
        maxHiddenAreaShare: 0.15,
        maxHiddenPeople: 3,
      });
      await hiding.scrollIntoViewIfNeeded();
      await app.screenshot('settings-hiding-nl');

      expect(
        listAuditEvents(app.core.db, { limit: 20 })
          .map((event) => event.action)
          .reverse(),
      ).toEqual([
        'channel.add',
        'channel.rename',
        'channel.retire',
        'channel.reinstate',
        'channel.delete',
        'settings.update',
      ]);

      // Reloaded, the page shows what is stored.
      await page.reload();
      await page.getByRole('button', { name: 'Instellingen' }).click();
      const reloaded = page.getByRole('region', { name: 'Onherkenbaar maken' });
      await expect(reloaded.getByLabel('Sterk korrelig (pixels)').isChecked()).resolves.toBe(true);
      await expect(reloaded.getByLabel('Blokkeren bij meer verborgen personen dan').inputValue()).resolves.toBe('3');
    } finally {
      await app.close();
    }
  });
});
