// The administrator imports a signed consent list through the wizard: file, columns (one corrected by hand),
// preview with a row error, "import only the valid rows", result — in Dutch, at 1280×720, against the real core.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listPeople } from '../../electron/core/consent';
import { listAuditEvents } from '../../electron/core/audit/trail';
import { writeWindows1252Csv, writeXlsxList } from '../helpers/consentLists';
import { closeBrowser, openUi } from '../helpers/ui';

afterAll(closeBrowser);

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** What a Dutch school's own spreadsheet looks like: title rows, one header nobody recognises, one doubtful answer. */
function schoolList(dir: string): string {
  return writeWindows1252Csv(
    dir,
    [
      ['Toestemming beeldmateriaal schooljaar 2026-2027', '', '', '', '', '', '', '', '', ''],
      ['Ingevuld door de administratie', '', '', '', '', '', '', '', '', ''],
      [
        'Leerlingnummer',
        'Roepnaam',
        'Tussenvoegsel',
        'Achternaam',
        'Mentorgroep',
        'Geboortedatum',
        'Beeldmateriaal website',
        'Gebruik beeldmateriaal op social media',
        "Foto's nieuwsbrief",
        'Parro',
      ],
      ['1001', 'Daniëlle', '', 'de Vries', '5B', '14-03-2015', 'Ja', 'Nee', 'ja', 'ja'],
      ['1002', 'Zoë', '', 'Bakker', '5B', '01-12-2014', 'wel toestemming', 'geen toestemming', '', 'x'],
      ['1003', 'Sem', "van 't", 'Hof', '6A', '20-05-2013', ' X ', '', 'j', '1'],
      ['1004', 'Noah', '', 'Jansen', '6A', '07-07-2013', 'misschien', 'nee', 'nee', 'nee'],
      ['1005', 'Fleur', 'ter', 'Horst', '6A', '30-10-2013', 'Wel', 'Niet', 'Yes', 'TRUE'],
    ],
    'toestemming groep 5-6.csv',
  );
}

describe('consent import wizard', () => {
  it('reads a semicolon CSV, lets the mapping be corrected, shows the row error and imports only the valid rows', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fotowacht-list-'));
    dirs.push(dir);
    const file = schoolList(dir);
    const app = await openUi();
    try {
      const { page } = app;
      await page.getByRole('button', { name: 'Toestemmingen' }).click();
      // An empty registry says what to do next.
      await page.getByText('Nog geen toestemmingslijsten.').waitFor();
      await app.screenshot('consent-registry-empty-nl');
      await page.getByRole('button', { name: 'Lijst importeren' }).first().click();
      await page.getByText('Kies de ondertekende toestemmingslijst').waitFor();

      // No native dialog in the browser: "Bladeren…" says so in words, the path field works with Enter.
      await page.getByRole('button', { name: 'Bladeren…' }).click();
      await page.getByRole('alert').filter({ hasText: 'Hier is geen bestandskiezer beschikbaar' }).waitFor();
      await app.screenshot('consent-import-file-nl');
      await page.getByLabel('Bestand (CSV of XLSX)').fill(file);
      await page.getByLabel('Bestand (CSV of XLSX)').press('Enter');
      await page.getByRole('heading', { name: 'toestemming groep 5-6.csv' }).waitFor();
      // The keyboard continues from the new step's heading.
      await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('toestemming groep 5-6.csv');
      await expect(page.getByText('CSV-bestand met 8 rijen').isVisible()).resolves.toBe(true);
      await expect(page.getByText('Tekenset windows-1252').isVisible()).resolves.toBe(true);
      await expect(page.getByLabel('Schooljaar').inputValue()).resolves.toMatch(/^\d{4}-\d{4}$/);
      await page.getByRole('button', { name: 'Verder: kolommen koppelen' }).click();

      // The proposed mapping: header on row 3, known labels matched, "Mentorgroep" not recognised. The channel
      // choices arrive with the channel list: wait for them before reading what is chosen.
      await page
        .getByLabel('Gebruik van kolom Beeldmateriaal website')
        .locator('option[value="channel:website"]')
        .waitFor({ state: 'attached' });
      await expect(page.getByLabel('Kopregel staat in rij').inputValue()).resolves.toBe('3');
      await expect(page.getByLabel('Gebruik van kolom Leerlingnummer').inputValue()).resolves.toBe(
        'field:studentNumber',
      );
      await expect(page.getByLabel('Gebruik van kolom Beeldmateriaal website').inputValue()).resolves.toBe(
        'channel:website',
      );
      await expect(page.getByLabel('Gebruik van kolom Parro').inputValue()).resolves.toBe('channel:parent_app');
      await expect(page.getByLabel('Gebruik van kolom Mentorgroep').inputValue()).resolves.toBe('');
      await page.getByLabel('Gebruik van kolom Mentorgroep').selectOption('field:className');
      await app.screenshot('consent-import-mapping-nl');
      await page.getByRole('button', { name: 'Verder: voorbeeld bekijken' }).click();

      // The preview: counts, the row error in words (row, column, value, reason), the new people.
      await page.getByRole('heading', { name: /Wat de import van toestemming groep 5-6.csv verandert/ }).waitFor();
      const errors = page.locator('section.issues.bad');
      await expect(errors.getByRole('heading').textContent()).resolves.toContain('Fouten (1)');
      const errorRow = errors.locator('tbody tr').first();
      await expect(errorRow.locator('td').allTextContents()).resolves.toEqual([
        '7',
        'Beeldmateriaal website',
        'misschien',
        'onbekende waarde; gebruik ja/nee, wel/niet, x of leeg (leeg = niet ingeleverd)',
      ]);
      await expect(page.getByRole('heading', { name: 'Nieuwe personen (4)' }).isVisible()).resolves.toBe(true);
      const commit = page.getByRole('button', { name: 'Goede rijen importeren (4)' });
      await expect(commit.isDisabled()).resolves.toBe(true);
      await app.screenshot('consent-import-preview-nl');

      await page.getByLabel(/Alleen de goede rijen importeren \(4\)/).check();
      await expect(commit.isEnabled()).resolves.toBe(true);
      await commit.click();
      await page.getByRole('status').filter({ hasText: 'Opgeslagen als import 1:' }).waitFor();
      await expect(page.getByText('Rijen met fouten die niet zijn geïmporteerd: 1.').isVisible()).resolves.toBe(true);
      await app.screenshot('consent-import-done-nl');

      // What the core now holds: four pupils, the class from the column mapped by hand; one audit event.
      const people = listPeople(app.core.db, {});
      expect(people.map((p) => p.externalKey).sort()).toEqual(['1001', '1002', '1003', '1005']);
      expect(people.find((p) => p.externalKey === '1003')?.className).toBe('6A');
      expect(listAuditEvents(app.core.db, { limit: 5 }).map((e) => e.action)).toEqual(['consent.import']);

      await page.getByRole('button', { name: 'Naar het register' }).click();
      await page.getByText('Personen 1–4 van 4').waitFor();
      await expect(page.getByRole('button', { name: "Sem van 't Hof" }).isVisible()).resolves.toBe(true);
    } finally {
      await app.close();
    }
  });

  it('in English: picks the second sheet of an XLSX workbook and imports it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fotowacht-xlsx-'));
    dirs.push(dir);
    const file = await writeXlsxList(dir);
    const app = await openUi();
    try {
      const { page } = app;
      await app.router.invoke('updateSettings', { language: 'en' });
      await page.reload();
      await page.getByRole('button', { name: 'Consent' }).click();
      await page.getByRole('button', { name: 'Import a list' }).first().click();
      await page.getByLabel('File (CSV or XLSX)').fill(file);
      await page.getByRole('button', { name: 'Read file' }).click();
      await page.getByRole('heading', { name: 'toestemming.xlsx' }).waitFor();
      // The first sheet is an explanation; the list is on the second.
      await expect(page.getByLabel('Sheet').inputValue()).resolves.toBe('Uitleg');
      await page.getByLabel('Sheet').selectOption('Groep 8');
      await page.getByText('XLSX file with 7 rows').waitFor();
      await app.screenshot('consent-import-file-en');
      await page.getByRole('button', { name: 'Next: match the columns' }).click();
      await expect(page.getByLabel('Use of column Groep').inputValue()).resolves.toBe('field:className');
      await page.getByRole('button', { name: 'Next: see the preview' }).click();
      await page.getByRole('heading', { name: /What importing toestemming.xlsx changes/ }).waitFor();
      await app.screenshot('consent-import-preview-en');
      // The computed answer in a formula cell is an error, never evaluated.
      await expect(page.locator('section.issues.bad').textContent()).resolves.toContain(
        'a formula is not an answer; enter yes, no or nothing',
      );
      await page.getByLabel(/Import only the valid rows/).check();
      await page.getByRole('button', { name: /Import valid rows/ }).click();
      await page.getByRole('status').filter({ hasText: 'Saved as import 1:' }).waitFor();
      expect(
        listPeople(app.core.db, {})
          .map((p) => `${p.externalKey} ${p.className}`)
          .sort(),
      ).toEqual(['2001 8A', '2002 8A', '2003 8B']);
    } finally {
      await app.close();
    }
  });
});
