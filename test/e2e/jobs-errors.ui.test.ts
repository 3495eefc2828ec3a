// The jobs panel after a task with failed items: it stays, lists each failed item with its error in words (a full
// disk included), and closes on request — in Dutch, against the real core.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startIndexJob } from '../../electron/core/library/indexer';
import { makeJpeg } from '../helpers/photos';
import { closeBrowser, openUi } from '../helpers/ui';

afterAll(closeBrowser);
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('jobs panel', () => {
  it('keeps a task with failed items and shows each error in words', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'fotowacht-photos-'));
    dirs.push(root);
    const event = path.join(root, 'Sportdag 2026');
    mkdirSync(event);
    writeFileSync(path.join(event, 'goed.jpg'), await makeJpeg({ width: 60, height: 40 }));
    writeFileSync(path.join(event, 'kapot.jpg'), Buffer.alloc(0));
    const app = await openUi();
    try {
      const { page, core } = app;
      await (
        await startIndexJob(core, event)
      ).finished;
      const jobs = page.getByRole('complementary', { name: 'Taken' });
      await jobs.waitFor();
      const errors = jobs.getByRole('list', { name: '1 onderdelen mislukt' });
      await expect(errors.locator('li').allTextContents()).resolves.toEqual([
        'kapot.jpg: kapot.jpg is leeg (0 bytes).',
      ]);
      await expect(jobs.textContent()).resolves.not.toContain(root);
      await app.screenshot('jobs-failed-items-nl');
      await jobs.getByRole('button', { name: 'Sluiten: Foto’s indexeren' }).click();
      await jobs.waitFor({ state: 'detached' });
    } finally {
      await app.close();
    }
  });
});
