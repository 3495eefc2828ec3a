// The privacy officer reads the audit trail: filters (action, actor, words, dates), pages back through a long
// trail, and verifies it — intact, then after someone with a SQL shell altered a row.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkCheckpoint, generateCheckpointKeys, verifyAuditTrail } from '../../electron/core/audit';
import { appendAuditEvent } from '../../electron/core/audit/trail';
import { useTempDirs } from '../helpers/tempDir';
import { closeBrowser, openUi } from '../helpers/ui';

afterAll(closeBrowser);
const tempDir = useTempDirs();

const pieter = { os: 'pieter', name: 'Pieter Smit' };
const anna = { os: 'anna', name: 'Anna de Wit' };
const admin = { os: 'testgebruiker', name: '' };

describe('audit trail screen', () => {
  it('filters, pages and verifies the trail, and names the first altered entry', async () => {
    const app = await openUi();
    try {
      const { db } = app.core;
      // A school's autumn: 120 channel renames in September, a withdrawal in October, an import today.
      for (let i = 0; i < 120; i += 1) {
        appendAuditEvent(
          db,
          pieter,
          { action: 'channel.rename', subject: 'channel:website', details: { labelNl: `Website ${i}` } },
          new Date(Date.UTC(2026, 8, 1, 10, 0, i)),
        );
      }
      appendAuditEvent(
        db,
        anna,
        {
          action: 'consent.withdraw',
          subject: 'person:7',
          details: { key: '999001', channel: 'social', reason: 'Moeder trekt toestemming in' },
        },
        new Date(Date.UTC(2026, 9, 5, 11, 0, 0)),
      );
      appendAuditEvent(db, admin, {
        action: 'consent.import',
        subject: 'import:1',
        details: { fileName: 'magister-export.csv', rows: 2001 },
      });

      const { page } = app;
      await page.getByRole('button', { name: 'Logboek' }).click();
      await page.getByText('De nieuwste 100 regels; oudere regels kunt u hieronder laden.').waitFor();
      await expect(page.locator('tbody tr').count()).resolves.toBe(100);
      await expect(page.locator('tbody tr').first().textContent()).resolves.toContain('Toestemmingslijst geïmporteerd');
      await app.screenshot('audit-nl');
      await page.getByRole('button', { name: 'Oudere regels laden' }).click();
      await page.getByText('Aantal regels: 122').waitFor();
      await expect(page.locator('tbody tr').last().locator('td').first().textContent()).resolves.toBe('1');

      const rows = page.locator('tbody tr');
      const onlyRow = async (text: string) => {
        await page.locator('table[aria-busy="false"]').waitFor();
        await page.getByText('Aantal regels: 1', { exact: true }).waitFor();
        await expect(rows.count()).resolves.toBe(1);
        await expect(rows.first().textContent()).resolves.toContain(text);
      };

      await page.getByLabel('Handeling').selectOption({ label: 'Toestemming ingetrokken' });
      await onlyRow('Anna de Wit (anna)');
      await page.getByRole('button', { name: 'Filters wissen' }).click();
      await page.getByText('De nieuwste 100 regels').waitFor();

      await page.getByLabel('Door').selectOption('anna');
      await onlyRow('consent.withdraw');
      await page.getByLabel('Door').selectOption('');

      await page.getByLabel('Zoeken').fill('MAGISTER');
      await onlyRow('Toestemmingslijst geïmporteerd');
      await page.getByLabel('Zoeken').fill('');

      await page.getByLabel('Vanaf').fill('2026-10-01');
      await page.getByLabel('Tot en met').fill('2026-10-05');
      await onlyRow('person:7');
      // The details open from the keyboard.
      await rows.first().locator('summary').focus();
      await page.keyboard.press('Enter');
      await expect(rows.first().getByText('Moeder trekt toestemming in').isVisible()).resolves.toBe(true);
      await app.screenshot('audit-filtered-nl');

      await page.getByLabel('Zoeken').fill('niets-dat-bestaat');
      await page.getByText('Geen regels die aan de filters voldoen. Wis of verruim de filters.').waitFor();
      await page.getByRole('button', { name: 'Filters wissen' }).click();
      await page.getByText('De nieuwste 100 regels').waitFor();

      await page.getByRole('button', { name: 'Controleer logboek' }).click();
      await page.getByRole('status').filter({ hasText: 'Het logboek is onbeschadigd. Regels: 122;' }).waitFor();

      // Someone with the database file and a SQL shell removes the guards and edits entry 5.
      db.exec('DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;');
      db.prepare(`UPDATE audit_events SET actor_name = 'iemand anders' WHERE seq = 5`).run();
      await page.getByRole('button', { name: 'Controleer logboek' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: 'Het logboek is gewijzigd: regel 5 klopt niet (inhoud gewijzigd).' })
        .waitFor();
      await app.screenshot('audit-verify-bad-nl');
    } finally {
      await app.close();
    }
  });

  it('shows the head to copy and signs a checkpoint with the officer’s key file', async () => {
    const app = await openUi();
    try {
      const { db } = app.core;
      for (let i = 1; i <= 3; i += 1)
        appendAuditEvent(db, pieter, { action: 'channel.rename', subject: `channel:${i}` });
      const usb = tempDir();
      const keys = generateCheckpointKeys(usb, app.core.paths.root);
      const { page } = app;
      await page.getByRole('button', { name: 'Logboek' }).click();
      await page.getByText('Bewijs buiten de database').click();
      const head = page.getByLabel('Huidige stand (nummer:zegel)');
      await expect(head.inputValue()).resolves.toMatch(/^3:[0-9a-f]{64}$/);
      const anchor = await head.inputValue();

      const target = path.join(usb, 'controlepunt.json');
      await page.getByLabel('Privésleutel').fill(keys.privateKeyPath);
      await page.getByLabel('Bestand voor het controlepunt').fill(target);
      await page.getByRole('button', { name: 'Controlepunt maken' }).click();
      await page.getByRole('status').filter({ hasText: 'Controlepunt geschreven' }).waitFor();
      await app.screenshot('audit-checkpoint-nl');
      const checked = checkCheckpoint(readFileSync(target, 'utf8'), target, readFileSync(keys.publicKeyPath));
      expect(`${checked.anchor.seq}:${checked.anchor.hash}`).toBe(anchor);
      expect(verifyAuditTrail(db, { anchors: [checked.anchor] })).toMatchObject({ ok: true, count: 4, anchors: 1 });
      // The head moved on: the checkpoint itself is in the trail.
      await expect(head.inputValue()).resolves.toMatch(/^4:/);

      // A .pem file that is not a key: a clear error, no file.
      const notAKey = path.join(usb, 'nep.pem');
      writeFileSync(notAKey, 'geen sleutel\n');
      await page.getByLabel('Privésleutel').fill(notAKey);
      await page.getByLabel('Bestand voor het controlepunt').fill(path.join(usb, 'tweede.json'));
      await page.getByRole('button', { name: 'Controlepunt maken' }).click();
      await page.getByText('Dit is geen Ed25519-sleutel in PEM-vorm.').waitFor();
      expect(existsSync(path.join(usb, 'tweede.json'))).toBe(false);
    } finally {
      await app.close();
    }
  });
});
