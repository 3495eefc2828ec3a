// The consent screen's rule panels as an administrator and a privacy officer use them: a pupil turning 16, the
// "never publish" mark (set by anyone, taken off only by the privacy officer), and the forms still to return saved
// as a PDF.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../electron/core/audit';
import { commitConsentImport, findPersonByKey, listChannels, readConsentList } from '../../electron/core/consent';
import type { CoreContext } from '../../electron/core/context';
import { proposeMapping } from '../../shared/consentImport';
import { LIST_2025, LIST_2026, writeRulesList } from '../helpers/consentRules';
import { closeBrowser, openUi } from '../helpers/ui';

afterAll(closeBrowser);
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function importLists(core: CoreContext, dir: string): Promise<void> {
  for (const [rows, year, today] of [
    [LIST_2025, '2025-2026', '2025-09-15'],
    [LIST_2026, '2026-2027', '2026-09-15'],
  ] as const) {
    const source = await readConsentList(writeRulesList(dir, rows, `lijst-${year}.csv`));
    commitConsentImport(core.db, core.actor(), source, proposeMapping(source.rows, listChannels(core.db)), year, {
      now: new Date(`${today}T10:00:00Z`),
      today,
      onlyValid: true,
    });
  }
}

describe('consent rules on the consent screen', () => {
  it('turning 16, the never-publish mark, the privacy officer and the renewal list as PDF', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fotowacht-rules-'));
    dirs.push(dir);
    const app = await openUi();
    try {
      await importLists(app.core, dir);
      const { page } = app;
      await page.getByRole('button', { name: 'Toestemmingen' }).click();

      // Sem turned 16 on 20 September 2026, after his parents signed on 1 September.
      await page.getByRole('button', { name: 'Wordt 16' }).click();
      await page.getByRole('heading', { name: 'Leerlingen die 16 worden' }).waitFor();
      await page.getByRole('button', { name: "Sem van 't Hof" }).waitFor();
      await expect(page.getByText('geen formulier').count()).resolves.toBe(0);
      await app.screenshot('consent-turning16-nl');

      // His page: mark him never publish (anyone may), logged.
      await page.getByRole('button', { name: "Sem van 't Hof" }).click();
      await page.getByRole('heading', { name: "Sem van 't Hof" }).waitFor();
      await page.getByRole('button', { name: 'Markeer als nooit publiceren…' }).click();
      await page.getByLabel(/^Reden \(niet verplicht/).fill('Pleeggezin, adres geheim');
      await page.getByRole('button', { name: 'Markeer als nooit publiceren', exact: true }).click();
      await page.getByText('Gemarkeerd als nooit publiceren.').waitFor();
      await page.getByText(/^Elke foto waarop deze persoon/).waitFor();
      expect(findPersonByKey(app.core.db, '1002')!.protected).toBe(true);
      // (Zoë and Noah were marked by the list's "Vertrouwelijk" column; Sem now by hand.)
      const marks = listAuditEvents(app.core.db, { action: 'person.protect', limit: 5 });
      expect(marks.map((event) => (event.details as { source: string }).source)).toEqual([
        'manual',
        'import',
        'import',
      ]);
      await app.screenshot('consent-person-protected-nl');

      // Not a privacy officer: taking it off is refused before anything is sent.
      await page.getByRole('button', { name: 'Markering weghalen…' }).click();
      await page.getByText('U bent geen privacy officer: u kunt deze markering niet weghalen.').waitFor();
      await page.getByLabel('Reden (verplicht)').fill('Zaak afgerond');
      await expect(page.getByRole('button', { name: 'Markering weghalen', exact: true }).isDisabled()).resolves.toBe(
        true,
      );

      // Settings: the user names themself privacy officer by typing their user name.
      await page.getByRole('button', { name: 'Instellingen' }).click();
      await page.getByText('Er is nog geen privacy officer aangewezen.').waitFor();
      const become = page.getByRole('button', { name: 'Wijs mij (testgebruiker) aan als privacy officer' });
      await expect(become.isDisabled()).resolves.toBe(true);
      await page.getByLabel('Typ de gebruikersnaam ter bevestiging').fill('testgebruiker');
      await become.click();
      await page.getByText('Dat bent u.').waitFor();
      expect(listAuditEvents(app.core.db, { action: 'role.grant', limit: 5 })).toHaveLength(1);

      // Now the mark comes off, with a reason.
      await page.getByRole('button', { name: 'Toestemmingen' }).click();
      await page.getByRole('button', { name: 'Wordt 16' }).click();
      await page.getByRole('button', { name: "Sem van 't Hof" }).click();
      await page.getByRole('button', { name: 'Markering weghalen…' }).click();
      await page.getByLabel('Reden (verplicht)').fill('Zaak afgerond');
      await page.getByRole('button', { name: 'Markering weghalen', exact: true }).click();
      await page.getByText('De markering nooit publiceren is weggehaald.').waitFor();
      expect(findPersonByKey(app.core.db, '1002')!.protected).toBe(false);
      // Back goes to the list he was opened from.
      await page.getByRole('button', { name: '← Terug naar wie 16 wordt' }).click();
      await page.getByRole('heading', { name: 'Leerlingen die 16 worden' }).waitFor();

      // Forms still to return for 2026-2027, per class, saved as a PDF.
      await page.getByRole('button', { name: 'Formulieren nog in te leveren' }).click();
      await page.getByLabel('Schooljaar').fill('2026-2027');
      await page.getByRole('heading', { name: 'Klas 6B' }).waitFor();
      await expect(page.getByText('Overal geen toestemming').count()).resolves.toBe(1);
      await expect(page.getByText('Geen formulier ingeleverd').count()).resolves.toBe(3);
      await app.screenshot('consent-renewal-nl');
      const pdf = path.join(dir, 'formulieren.pdf');
      await page.getByLabel('Opslaan als').fill(pdf);
      await page.getByRole('button', { name: 'Lijst opslaan' }).click();
      await page.getByText(`Opgeslagen in ${pdf} (4 leerlingen).`).waitFor();
      expect(existsSync(pdf)).toBe(true);
      expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await app.close();
    }
  }, 180_000);
});
