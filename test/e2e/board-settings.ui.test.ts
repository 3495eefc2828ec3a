// Instellingen → Bestuur in Chromium against a throwaway PostgreSQL cluster: an unreachable server is said so, then
// the computer connects (the password field cleared and never shown), the status names user, role, school and that
// the connection is not encrypted, and disconnecting puts the computer back to working alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryKeyStore } from '../helpers/keyStore';
import { createBoardDatabase, seedBoard, type TestBoard } from '../helpers/board';
import { closedPort, postgresMissing, useTestCluster } from '../helpers/postgres';
import { closeBrowser, openUi } from '../helpers/ui';

const missing = postgresMissing();
if (missing) console.warn(missing);
afterAll(closeBrowser);

describe.skipIf(missing !== null)('Instellingen → Bestuur', () => {
  const cluster = useTestCluster();
  let board: TestBoard;
  beforeAll(async () => {
    board = await createBoardDatabase(cluster(), 'board_ui');
    await seedBoard(board);
  });

  it('connects this computer, shows the status, and disconnects', async () => {
    const keyStore = memoryKeyStore();
    const app = await openUi({ keyStore });
    try {
      const { page } = app;
      const password = board.passwords.get('comm.a')!;
      await page.getByRole('button', { name: 'Instellingen' }).click();
      const section = page.getByRole('region', { name: 'Bestuur' });
      await section.getByText('Deze computer werkt alleen (niet gekoppeld aan een bestuur).').waitFor();
      const form = section.getByRole('form', { name: 'Koppelen' });
      await form.getByLabel('Server', { exact: true }).fill('127.0.0.1');
      await form.getByLabel('Poort', { exact: true }).fill(String(await closedPort()));
      await form.getByLabel('Database', { exact: true }).fill(board.database);
      await form.getByLabel('Gebruiker', { exact: true }).fill('comm.a');
      const secret = form.getByLabel('Wachtwoord', { exact: true });
      await expect(secret.getAttribute('type')).resolves.toBe('password');
      await secret.fill(password);
      await form.locator('select[name="boardTls"]').selectOption('disable');
      await form.getByRole('button', { name: 'Koppelen' }).click();
      await section.getByRole('alert').filter({ hasText: 'De databaseserver 127.0.0.1 is niet bereikbaar.' }).waitFor();
      await expect(secret.inputValue()).resolves.toBe('');

      await form.getByLabel('Poort', { exact: true }).fill(String(cluster().port));
      await secret.fill(password);
      await form.getByRole('button', { name: 'Koppelen' }).click();
      const status = section.getByRole('status').filter({ hasText: 'ja, maar NIET versleuteld' });
      await status.waitFor();
      const text = (await section.textContent()) ?? '';
      expect(text).toContain('comm.a (communicatie)');
      expect(text).toContain('nog geen kopie');
      expect(text).toContain('niet ouder is dan 24 uur');
      expect(text).not.toContain(password);
      expect(await page.content()).not.toContain(password);
      await app.screenshot('settings-board-nl');

      await section.getByRole('button', { name: 'Ontkoppelen' }).click();
      await section.getByText('Ontkoppeld: deze computer werkt weer alleen.').waitFor();
      await section.getByText('Deze computer werkt alleen (niet gekoppeld aan een bestuur).').waitFor();
    } finally {
      await app.close();
    }
  }, 120_000);
});
