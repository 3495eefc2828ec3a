// Clips on the publish screen (issue 15): listed under the photos with a play badge and their decision, the sound
// off unless the checkbox is ticked (with why), and the export recording that choice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../electron/core/audit/trail';
import { CLIP_FPS, CLIP_FRAMES, CLIP_SIZE, linkTrack, observations, scanClip } from '../helpers/clipSchool';
import { markFacesChecked } from '../helpers/school';
import { closeBrowser, openUi } from '../helpers/ui';
import { indexSchool, schoolWithConsent } from '../helpers/uiSchool';
import { makeClip } from '../helpers/videos';

afterAll(closeBrowser);

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('clips on the publish screen', () => {
  it(
    'lists a clip with its decision and play badge (in the library too), keeps the sound only when ticked',
    { timeout: 240_000 },
    async () => {
      const root = mkdtempSync(path.join(tmpdir(), 'fotowacht-clips-ui-'));
      dirs.push(root);
      const app = await openUi();
      try {
        const { page, core } = app;
        const school = await schoolWithConsent(core, root);
        makeClip(path.join(school.eventDir, 'CLIP_0001.mp4'), {
          ...CLIP_SIZE,
          fps: CLIP_FPS,
          seconds: CLIP_FRAMES / CLIP_FPS,
          audio: true,
        });
        await indexSchool(core, school);
        markFacesChecked(core);
        const hash = core.db.prepare('SELECT video_hash FROM video_files').pluck().get() as string;
        const zoe = core.db.prepare(`SELECT id FROM people WHERE external_key = '1001'`).pluck().get() as number;
        const [zoeTrack] = scanClip(core, hash, [
          observations(0, 45, { x: 0.05, y: 0.1, w: 0.2, h: 0.3 }),
          observations(0, 45, { x: 0.6, y: 0.5, w: 0.15, h: 0.2 }),
        ]);
        linkTrack(core, zoeTrack!, zoe);

        // The library shows the clip's decision for the chosen channel and date beside its poster.
        await page.getByRole('button', { name: 'Logboek' }).click();
        await page.getByRole('button', { name: 'Bibliotheek' }).click();
        await page.locator('.event-row').getByRole('button', { name: 'Sportdag 2026' }).click();
        const strip = page.getByRole('region', { name: 'Video’s van Sportdag 2026' });
        await strip
          .locator(`[data-hash="${hash}"] .badge.warn`)
          .getByText('met verborgen personen')
          .waitFor({ timeout: 60_000 });

        await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('button', { name: 'Publiceren' }).click();
        const clips = page.getByRole('region', { name: 'Clips (1)' });
        await clips.waitFor({ timeout: 60_000 });
        const row = clips.locator(`tr[data-hash="${hash}"]`);
        await expect(row.locator('td').allTextContents()).resolves.toEqual([
          '▶CLIP_0001.mp4',
          '0:02',
          'met verborgen personen',
          '1',
          '',
          '',
        ]);
        await expect(row.getByRole('img', { name: 'Video' }).count()).resolves.toBe(1);
        await expect(clips.getByRole('note').textContent()).resolves.toContain('Bekijk elke geëxporteerde clip');
        const sound = page.getByRole('checkbox', { name: 'Geluid van de clips behouden' });
        await expect(sound.isChecked()).resolves.toBe(false);
        await page
          .getByText('Standaard wordt het geluid verwijderd: stemmen en genoemde namen zijn persoonsgegevens.', {
            exact: false,
          })
          .waitFor();
        await clips.scrollIntoViewIfNeeded();
        await app.screenshot('publish-clips-nl');

        await sound.check();
        await page.getByLabel('Exportmap (leeg of nieuw)').fill(path.join(root, 'social'));
        await page.getByRole('button', { name: /^Exporteren/ }).click();
        const result = page.getByRole('region', { name: 'Export klaar' });
        await result.waitFor({ timeout: 180_000 });
        await result.locator(`tr[data-hash="${hash}"]`).getByText('geluid behouden').waitFor();
        const done = listAuditEvents(core.db, { action: 'export.done', limit: 1 })[0]!;
        expect(done.details).toMatchObject({ settings: { keepAudio: true, clips: 1 }, clipsExported: 1, audioKept: 1 });
      } finally {
        await app.close();
      }
    },
  );
});
