// A re-import that changes names (a list saved with the wrong character set): the wizard shows each name old → new
// and saves only after the administrator ticks that the new names are right — in Dutch, against the real core.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commitConsentImport, findPersonByKey, listChannels, readConsentList } from '../../electron/core/consent';
import { proposeMapping } from '../../shared/consentImport';
import { closeBrowser, openUi } from '../helpers/ui';

afterAll(closeBrowser);
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('consent import wizard: changed names', () => {
  it('shows old → new and needs the confirmation checkbox before saving', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fotowacht-list-'));
    dirs.push(dir);
    const header = 'Leerlingnummer;Roepnaam;Achternaam;Website\n';
    const september = path.join(dir, 'september.csv');
    writeFileSync(september, `${header}1001;Zoë;Bakker;ja\n1002;Sem;Hof;ja\n`, 'utf8');
    const oktober = path.join(dir, 'oktober.csv');
    writeFileSync(oktober, `${header}1001;ZoÃ«;Bakker;ja\n1002;Sem;Hof;nee\n`, 'utf8');
    const app = await openUi();
    try {
      const first = await readConsentList(september);
      const { page, core } = app;
      const schoolYear = '2026-2027';
      commitConsentImport(core.db, core.actor(), first, proposeMapping(first.rows, listChannels(core.db)), schoolYear);

      await page.getByRole('button', { name: 'Toestemmingen' }).click();
      await page.getByRole('button', { name: 'Lijst importeren' }).first().click();
      await page.getByLabel('Bestand (CSV of XLSX)').fill(oktober);
      await page.getByLabel('Bestand (CSV of XLSX)').press('Enter');
      await page.getByRole('heading', { name: 'oktober.csv' }).waitFor();
      await page.getByLabel('Schooljaar').selectOption(schoolYear);
      await page.getByRole('button', { name: 'Verder: kolommen koppelen' }).click();
      await page.getByRole('button', { name: 'Verder: voorbeeld bekijken' }).click();

      const renamed = page.getByRole('region', { name: /Namen die veranderen/ });
      await renamed.waitFor();
      await expect(renamed.getByRole('heading').textContent()).resolves.toBe('Namen die veranderen (1): oud → nieuw');
      await expect(renamed.locator('tbody tr').first().locator('td').allTextContents()).resolves.toEqual([
        '1001',
        'Zoë Bakker',
        'ZoÃ« Bakker',
      ]);
      const commit = page.getByRole('button', { name: /^Importeren/ });
      await expect(commit.isDisabled()).resolves.toBe(true);
      await app.screenshot('consent-import-renames-nl');
      await page.getByLabel('Ik heb de 1 veranderde namen nagekeken; ze kloppen').check();
      await expect(commit.isEnabled()).resolves.toBe(true);
      await commit.click();
      await page.getByRole('status').filter({ hasText: 'Opgeslagen als import 2:' }).waitFor();
      expect(findPersonByKey(core.db, '1001', 'pupil')?.roepnaam).toBe('ZoÃ«');
    } finally {
      await app.close();
    }
  });
});
