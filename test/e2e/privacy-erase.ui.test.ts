// The privacy officer erases a pupil from their page: the takedown list first, a reason and an explicit
// confirmation, then back to the list where the pupil is gone; the trail still verifies with the details erased.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditTrail } from '../../electron/core/audit';
import { findPersonByKey, withdrawConsent } from '../../electron/core/consent';
import { closeBrowser, openUi } from '../helpers/ui';
import { indexSchool, schoolWithConsent } from '../helpers/uiSchool';

afterAll(closeBrowser);
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('erasing a person on their page', () => {
  it('shows what is published, needs a reason and a confirmation, and erases', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fotowacht-erase-'));
    dirs.push(dir);
    const app = await openUi();
    try {
      const school = await schoolWithConsent(app.core, dir);
      await indexSchool(app.core, school);
      const fleur = findPersonByKey(app.core.db, '1006')!;
      withdrawConsent(app.core.db, app.core.actor(), {
        personId: fleur.id,
        channelId: 'website',
        reason: 'Brief van ouders',
      });
      const { page } = app;
      await page.getByRole('button', { name: 'Toestemmingen' }).click();
      await page.getByLabel('Zoeken').fill('1006');
      await page.getByRole('button', { name: 'Fleur van Dijk' }).click();
      await page.getByRole('heading', { name: 'Fleur van Dijk' }).waitFor();

      await page.getByRole('button', { name: 'Persoon wissen…' }).click();
      const form = page.getByRole('form', { name: 'Fleur van Dijk wissen' });
      await form.getByText('Er is niets gepubliceerd waarop deze persoon zichtbaar is.').waitFor();
      const submit = form.getByRole('button', { name: 'Definitief wissen' });
      await form.getByLabel('Reden van de wissing').fill('Verzoek ouders, AVG art. 17');
      await expect(submit.isDisabled()).resolves.toBe(true);
      await form.getByLabel('Ik heb de lijst gezien en wil deze persoon definitief wissen.').check();
      await app.screenshot('person-erase-nl');
      await submit.click();

      // Back on the list: nobody with that number any more.
      await page.getByLabel('Zoeken').waitFor();
      await page.getByLabel('Zoeken').fill('1006');
      await page.getByText('Niemand gevonden. Pas de zoekwoorden of de klas aan.').waitFor();
      expect(findPersonByKey(app.core.db, '1006')).toBeNull();
      expect(verifyAuditTrail(app.core.db)).toMatchObject({ ok: true, detailsErased: 1 });
    } finally {
      await app.close();
    }
  });
});
