// The caption on the publish screen: checked as it is typed, findings marked in the text and listed with their rule,
// and recorded with the export (its hash only, since this one names a pupil who is hidden).
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../electron/core/audit/trail';
import { markFacesChecked } from '../helpers/school';
import { closeBrowser, openUi } from '../helpers/ui';
import { indexSchool, schoolWithConsent } from '../helpers/uiSchool';

afterAll(closeBrowser);

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('the caption check on the publish screen', () => {
  it(
    'flags names, class plus name and a phone number live, and records the caption with the export',
    { timeout: 180_000 },
    async () => {
      const root = mkdtempSync(path.join(tmpdir(), 'fotowacht-caption-ui-'));
      dirs.push(root);
      const app = await openUi();
      try {
        const { page, core } = app;
        const school = await schoolWithConsent(core, root);
        await indexSchool(core, school);
        markFacesChecked(core);

        await page.getByRole('button', { name: 'Publiceren' }).click();
        const field = page.getByLabel('Tekst bij het bericht (bijschrift)');
        await field.waitFor({ timeout: 60_000 });
        await field.fill('Wat een sportdag!');
        await page.getByText('Niets gevonden: de tekst noemt niemand van school.').waitFor();

        const caption = 'Sem van ’t Hof uit groep 7 sprong het verst! Vragen? Bel 06-12345678';
        await field.fill(caption);
        const findings = page.locator('.caption-findings li');
        await expect.poll(() => findings.count()).toBe(3);
        await expect(findings.allTextContents()).resolves.toEqual([
          '“Sem van ’t Hof”: volledige naam van iemand uit het register',
          '“Hof uit groep 7”: naam met klas of groep: wijst één kind aan',
          '“06-12345678”: telefoonnummer',
        ]);
        await expect(page.locator('.caption-marked mark').allTextContents()).resolves.toEqual([
          'Sem van ’t Hof uit groep 7',
          '06-12345678',
        ]);
        await page.locator('.caption-findings').scrollIntoViewIfNeeded();
        await app.screenshot('publish-caption-nl');

        await page.getByLabel('Exportmap (leeg of nieuw)').fill(path.join(root, 'social'));
        await page.getByRole('button', { name: /^Exporteren/ }).click();
        await page.getByRole('region', { name: 'Export klaar' }).waitFor({ timeout: 120_000 });
        const event = listAuditEvents(core.db, { action: 'export.done', limit: 1 })[0]!;
        expect((event.details as { caption: unknown }).caption).toMatchObject({
          sha256: createHash('sha256').update(caption, 'utf8').digest('hex'),
          stored: 'hashOnly',
          findings: [{ rule: 'caption.fullName' }, { rule: 'caption.classAndName' }, { rule: 'caption.phone' }],
        });
      } finally {
        await app.close();
      }
    },
  );
});
