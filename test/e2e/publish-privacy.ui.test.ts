// Publishing for social media through the screen — the summary with reasons, an override with a reason, the export
// with its result and leak check — and then the privacy officer: a withdrawal and its takedown list (saved as CSV),
// "where published", and an audit report as PDF and CSV.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../electron/core/audit/trail';
import { findPersonByKey } from '../../electron/core/consent/registry';
import { takedownList } from '../../electron/core/publish';
import { markFacesChecked } from '../helpers/school';
import { closeBrowser, openUi } from '../helpers/ui';
import { indexSchool, schoolWithConsent } from '../helpers/uiSchool';

afterAll(closeBrowser);

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('publish and the privacy officer', () => {
  it(
    'exports for social media, then follows a withdrawal to its takedown list and reports',
    { timeout: 180_000 },
    async () => {
      const root = mkdtempSync(path.join(tmpdir(), 'fotowacht-publish-ui-'));
      dirs.push(root);
      const app = await openUi();
      try {
        const { page, core } = app;
        const school = await schoolWithConsent(core, root);
        const hashes = await indexSchool(core, school);
        // Face detection is not what this test is about: the photos count as looked at.
        markFacesChecked(core);

        await page.getByRole('button', { name: 'Publiceren' }).click();
        // The only event is chosen; social media and today are the defaults.
        await expect.poll(() => page.getByLabel('Evenement').inputValue()).not.toBe('');
        const count = (label: string) => page.locator('.count').filter({ hasText: label }).locator('dd');
        await expect.poll(() => count('Klaar').textContent()).toBe('1');
        await expect(count('Met verborgen personen').textContent()).resolves.toBe('5');
        await expect(count('Geblokkeerd').textContent()).resolves.toBe('1');
        await expect(count('Nakijken').textContent()).resolves.toBe('0');
        const blocked = page.locator('.issues tbody tr');
        await expect(blocked.count()).resolves.toBe(1);
        await expect(blocked.textContent()).resolves.toContain(
          "Sem van 't Hof moet onherkenbaar worden, maar is het hoofdonderwerp (14% van de foto, grens 10%)",
        );
        await expect(blocked.getAttribute('data-hash')).resolves.toBe(hashes.get('IMG_0006.jpg'));
        await app.screenshot('publish-summary-nl');

        // Override the block with a reason; the counts follow.
        await blocked.getByRole('textbox').fill('Sem staat met de rug naar de camera');
        await expect.poll(() => count('Geblokkeerd').textContent()).toBe('0');
        await expect(count('Met verborgen personen').textContent()).resolves.toBe('6');

        // An export cancelled at once leaves nothing behind.
        const cancelledDir = path.join(root, 'geannuleerd');
        await page.getByLabel('Exportmap (leeg of nieuw)').fill(cancelledDir);
        await page.getByRole('button', { name: 'Exporteren (7 foto’s)' }).click();
        await page.getByRole('button', { name: 'Export annuleren' }).click();
        await page.getByRole('status').filter({ hasText: 'De export is geannuleerd' }).waitFor({ timeout: 60_000 });
        await core.jobs.waitForIdle();
        expect(existsSync(cancelledDir) ? readdirSync(cancelledDir) : []).toEqual([]);
        expect(core.db.prepare('SELECT state FROM exports').pluck().all()).toEqual(['cancelled']);

        // The export folder (no native picker here: typed), then export.
        const outDir = path.join(root, 'sportdag-social');
        await page.getByLabel('Exportmap (leeg of nieuw)').fill(outDir);
        await page.getByRole('button', { name: 'Exporteren (7 foto’s)' }).click();
        const result = page.getByRole('region', { name: 'Export klaar' });
        await result.waitFor({ timeout: 120_000 });
        await result
          .getByRole('status')
          .filter({ hasText: 'Geëxporteerd: 7 · verborgen gebieden: 6 · geblokkeerd: 0 · nakijken: 0 · mislukt: 0' })
          .waitFor();
        await expect(result.getByText('geslaagd', { exact: true }).count()).resolves.toBe(7);
        const manifestHash = await result.locator('code.hash').textContent();
        const stored = core.db.prepare(`SELECT manifest_sha256 FROM exports WHERE state = 'done'`).pluck().get();
        expect(manifestHash).toBe(stored);
        expect(readdirSync(outDir).sort()).toEqual([
          'manifest.csv',
          'manifest.json',
          ...Array.from({ length: 7 }, (_, i) => `sportdag-2026_000${i + 1}.jpg`),
        ]);
        expect(
          createHash('sha256')
            .update(readFileSync(path.join(outDir, 'manifest.json')))
            .digest('hex'),
        ).toBe(manifestHash);
        await app.screenshot('publish-result-nl');
        // "Open folder" needs the desktop shell; here it says where the export is.
        await result.getByRole('button', { name: 'Map openen' }).click();
        await result
          .getByRole('alert')
          .filter({ hasText: `De export staat in ${outDir}.` })
          .waitFor();
        expect(listAuditEvents(core.db, { limit: 5 }).map((event) => event.action)).toEqual(
          expect.arrayContaining(['export.done', 'export.override']),
        );

        // The administrator records a withdrawal for social media; the person page lists what must come down.
        await page.getByRole('button', { name: 'Toestemmingen' }).click();
        await page.getByLabel('Zoeken').fill('1001');
        await page.getByRole('button', { name: 'Zoë Bakker' }).click();
        await page.getByRole('heading', { name: 'Zoë Bakker' }).waitFor();
        const where = page.locator('.where-published');
        await where.getByText('Zichtbaar in 4 geëxporteerde bestanden:').waitFor();
        await page.getByRole('button', { name: 'Toestemming intrekken' }).click();
        const form = page.getByRole('form', { name: 'Toestemming intrekken' });
        await form.getByLabel('Kanaal').selectOption('social');
        await form.getByLabel('Reden').fill('Vader vraagt per brief om geen foto’s meer op sociale media');
        await form.getByRole('button', { name: 'Intrekking vastleggen' }).click();
        const takedown = page.locator('[data-slot="takedown-list"]');
        await takedown.getByText('4 gepubliceerde bestanden moeten offline:').waitFor();
        const zoe = findPersonByKey(core.db, '1001')!;
        const expected = takedownList(core.db, { personId: zoe.id, channelIds: ['social'] });
        expect(expected).toHaveLength(4);
        const shownFiles = await takedown.locator('tbody tr td:nth-child(3)').allTextContents();
        expect(shownFiles.sort()).toEqual(expected.map((row) => row.outputName).sort());
        const csv = path.join(root, 'offline-halen.csv');
        await takedown.getByLabel('CSV-bestand').fill(csv);
        await takedown.getByRole('button', { name: 'Opslaan als CSV' }).click();
        await takedown
          .getByRole('status')
          .filter({ hasText: `Lijst opgeslagen: ${csv} (4 bestanden).` })
          .waitFor();
        const lines = readFileSync(csv, 'utf8').trim().split(/\r?\n/);
        expect(lines).toHaveLength(5);
        expect(lines.slice(1).every((line) => line.includes('social'))).toBe(true);
        await takedown.scrollIntoViewIfNeeded();
        await app.screenshot('person-takedown-nl');

        // The privacy officer's report, as PDF and as CSV.
        await page.getByRole('button', { name: 'Logboek' }).click();
        await page.locator('.report summary').click();
        const pdf = path.join(root, 'logboek.pdf');
        await page.getByLabel('Opslaan als').fill(pdf);
        await page.getByRole('button', { name: 'Rapport opslaan' }).click();
        await page
          .getByRole('status')
          .filter({ hasText: `Rapport opgeslagen: ${pdf}` })
          .waitFor();
        expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
        await app.screenshot('audit-report-nl');
        const csvReport = path.join(root, 'logboek.csv');
        await page.getByLabel('Soort bestand').selectOption('csv');
        await page.getByLabel('Opslaan als').fill(csvReport);
        await page.getByRole('button', { name: 'Rapport opslaan' }).click();
        await page
          .getByRole('status')
          .filter({ hasText: `Rapport opgeslagen: ${csvReport}` })
          .waitFor();
        expect(readFileSync(csvReport, 'utf8')).toContain('consent.withdraw');
        expect(existsSync(csvReport)).toBe(true);
        // The .bashrc attack typed into the field: refused in words, the file untouched; an existing report is
        // not replaced without a native "replace?" (which the browser harness does not have).
        const bashrc = path.join(root, '.bashrc');
        writeFileSync(bashrc, 'export PATH="$HOME/bin:$PATH"\n');
        await page.getByLabel('Opslaan als').fill(bashrc);
        await page.getByRole('button', { name: 'Rapport opslaan' }).click();
        await page.getByRole('alert').filter({ hasText: 'heeft niet de juiste extensie (csv)' }).waitFor();
        expect(readFileSync(bashrc, 'utf8')).toBe('export PATH="$HOME/bin:$PATH"\n');
        await page.getByLabel('Opslaan als').fill(csvReport);
        await page.getByRole('button', { name: 'Rapport opslaan' }).click();
        await page
          .getByRole('alert')
          .filter({ hasText: `${csvReport} bestaat al.` })
          .waitFor();

        // The same publish screen in English; Zoë's withdrawal now hides her on social media.
        await page.getByRole('button', { name: 'Instellingen' }).click();
        await page.getByLabel(/^Taal/).selectOption('en');
        await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
        await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
        await page.getByRole('button', { name: 'Publish' }).click();
        await page.getByRole('heading', { name: 'Summary before the export' }).waitFor();
        await expect.poll(() => count('Ready').textContent()).toBe('0');
        await expect(count('With people hidden').textContent()).resolves.toBe('6');
        await expect(page.locator('.issues').textContent()).resolves.toContain(
          "Sem van 't Hof must be hidden but is the main subject (14% of the photo, limit 10%)",
        );
        await app.screenshot('publish-summary-en');
      } finally {
        await app.close();
      }
    },
  );
});
