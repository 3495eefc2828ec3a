// The registry of a whole school (2,000 pupils): search, class filter and paging; a person's page with consent per
// channel and history; a withdrawal with its reason (and the takedown slot), and a manual change.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../electron/core/audit/trail';
import { consentOn, findPersonByKey } from '../../electron/core/consent';
import { importListThroughIpc, writeWholeSchoolList } from '../helpers/largeSchool';
import { closeBrowser, openUi } from '../helpers/ui';

afterAll(closeBrowser);

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('consent registry and a person', () => {
  it('finds one pupil among 2,000, shows their history, records a withdrawal and a manual change', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fotowacht-registry-'));
    dirs.push(dir);
    const file = writeWholeSchoolList(dir);
    const app = await openUi();
    try {
      await importListThroughIpc(app.router, file);
      const { page } = app;
      await page.getByRole('button', { name: 'Toestemmingen' }).click();
      await page.getByText('Personen 1–50 van 2001').waitFor();
      await expect(page.locator('tbody tr').count()).resolves.toBe(50);
      await app.screenshot('consent-registry-nl');

      // Paging from the keyboard.
      await page.getByRole('button', { name: 'Volgende →' }).focus();
      await page.keyboard.press('Enter');
      await page.getByText('Personen 51–100 van 2001').waitFor();

      // The class filter, then a search without accents or case that still finds "Zoë van der Berg".
      await page.getByLabel('Klas of groep').selectOption('3B');
      await page.locator('table[aria-busy="false"]').waitFor();
      await page.getByText(/^Personen 1–\d+ van (?!2001$)\d+$/).waitFor();
      const classes = await page.locator('tbody tr td:nth-child(3)').allTextContents();
      expect(classes.length).toBeGreaterThan(0);
      expect(new Set(classes)).toEqual(new Set(['3B']));
      await page.getByLabel('Klas of groep').selectOption('');
      // How fast it answers is measured by npm run bench -- ui.
      await page.getByLabel('Zoeken').fill('zoe van der berg');
      await page.getByText('Personen 1–1 van 1', { exact: true }).waitFor();

      // A nonsense search says what to do.
      await page.getByLabel('Zoeken').fill('qqqq');
      await page.getByText('Niemand gevonden. Pas de zoekwoorden of de klas aan.').waitFor();
      await page.getByLabel('Zoeken').fill('999001');
      await page.getByRole('button', { name: 'Zoë van der Berg' }).click();

      // The person's page: every channel granted in this school year, the history names the import.
      await page.getByRole('heading', { name: 'Zoë van der Berg' }).waitFor();
      await expect(page.getByText('leerling 999001 · klas 7B').isVisible()).resolves.toBe(true);
      const current = page.locator('table').first();
      await expect(current.locator('tbody tr').count()).resolves.toBe(5);
      await expect(current.getByText('toestemming', { exact: true }).count()).resolves.toBe(5);
      await expect(page.getByText('import 1 (magister-export.csv)').first().isVisible()).resolves.toBe(true);
      await app.screenshot('consent-person-nl');

      // Escape closes the withdrawal form; a too-short reason is refused in words.
      await page.getByRole('button', { name: 'Toestemming intrekken' }).click();
      await page.getByRole('form', { name: 'Toestemming intrekken' }).waitFor();
      await page.keyboard.press('Escape');
      await expect(page.getByRole('form', { name: 'Toestemming intrekken' }).count()).resolves.toBe(0);
      await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Toestemming intrekken');
      await page.getByRole('button', { name: 'Toestemming intrekken' }).click();
      const form = page.getByRole('form', { name: 'Toestemming intrekken' });
      await form.getByLabel('Kanaal').selectOption('social');
      await form.getByLabel('Reden').fill('ok');
      await form.getByRole('button', { name: 'Intrekking vastleggen' }).click();
      await form.getByRole('alert').filter({ hasText: 'Geef een reden op (minstens 3 tekens).' }).waitFor();
      await form.getByLabel('Reden').fill('Moeder heeft per e-mail de toestemming voor sociale media ingetrokken');
      await app.screenshot('consent-withdraw-form-nl');
      await form.getByRole('button', { name: 'Intrekking vastleggen' }).click();
      await page.getByRole('status').filter({ hasText: 'Intrekking vastgelegd voor: Sociale media' }).waitFor();

      // The channel now reads "ingetrokken"; the takedown slot is there, without invented data.
      const socialRow = current.locator('tbody tr').filter({ hasText: 'Sociale media' });
      await expect(socialRow.getByText('ingetrokken').isVisible()).resolves.toBe(true);
      const takedown = page.locator('[data-slot="takedown-list"]');
      await expect(takedown.getByRole('heading', { name: 'Wat moet offline?' }).isVisible()).resolves.toBe(true);
      await expect(takedown.locator('table, li').count()).resolves.toBe(0);
      const history = page.locator('table').nth(1);
      await expect(history.locator('tbody tr').first().textContent()).resolves.toContain(
        'Reden: Moeder heeft per e-mail de toestemming voor sociale media ingetrokken',
      );
      await app.screenshot('consent-person-withdrawn-nl');

      const person = findPersonByKey(app.core.db, '999001')!;
      expect(consentOn(app.core.db, person.id, 'social', new Date()).status).toBe('withdrawn');
      expect(consentOn(app.core.db, person.id, 'website', new Date()).consented).toBe(true);

      // A manual change: website refused, as a new version with its reason.
      await page.getByRole('button', { name: 'Toestemming wijzigen' }).click();
      const manual = page.getByRole('form', { name: 'Toestemming wijzigen' });
      await manual.getByLabel('Kanaal').selectOption('website');
      await manual.getByLabel('Status').selectOption('refused');
      await manual.getByLabel('Reden').fill('Correctie: formulier verkeerd overgenomen');
      await manual.getByRole('button', { name: 'Vastleggen' }).click();
      await page.getByRole('status').filter({ hasText: 'Vastgelegd: Website' }).waitFor();
      expect(consentOn(app.core.db, person.id, 'website', new Date()).status).toBe('refused');
      expect(
        listAuditEvents(app.core.db, { limit: 2 })
          .map((event) => event.action)
          .sort(),
      ).toEqual(['consent.manual', 'consent.withdraw']);

      await page.getByRole('button', { name: '← Terug naar het register' }).click();
      // The search is kept when coming back.
      await expect(page.getByLabel('Zoeken').inputValue()).resolves.toBe('999001');
    } finally {
      await app.close();
    }
  });
});
