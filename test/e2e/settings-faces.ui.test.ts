// Settings → finding faces: the model in use, a wrong file refused in words, the optional YuNet model installed
// from its file (checked by sha256) and switched back.
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeNeeding, YUNET_FILE } from '../helpers/sharedData';
import { closeBrowser, openUi, type UiApp } from '../helpers/ui';

afterAll(closeBrowser);

// With FOTOWACHT_FACE_MODEL set, the variable wins over the setting: nothing to test here then.
const modelFromEnv = Boolean(process.env.FOTOWACHT_FACE_MODEL);

async function openFaceSettings(app: UiApp) {
  await app.page.getByRole('button', { name: 'Instellingen' }).click();
  const section = app.page.getByRole('region', { name: 'Gezichten zoeken' });
  await section.getByText('In gebruik: BlazeFace (meegeleverd).').waitFor();
  return {
    section,
    field: section.getByLabel('YuNet-model (face_detection_yunet_2023mar.onnx, optioneel)'),
    setModel: section.getByRole('button', { name: 'Model instellen' }),
  };
}

describe('face model settings', () => {
  it.skipIf(modelFromEnv)('shows the model in use and refuses a file that is not a face model', async () => {
    const app = await openUi();
    try {
      const { section, field, setModel } = await openFaceSettings(app);
      await expect(section.getByText('Foto’s nog niet doorzocht met dit model: 0.').isVisible()).resolves.toBe(true);

      // Not a model file at all: main refuses it by its type before reading it.
      await field.fill(path.resolve('package.json'));
      await setModel.click();
      await section.getByRole('alert').filter({ hasText: 'is geen bestand van een bruikbaar type (onnx)' }).waitFor();
      // An .onnx file that is not the YuNet model: refused by its sha256, BlazeFace stays.
      const fake = path.join(app.dataDir, 'nep.onnx');
      copyFileSync(path.resolve('package.json'), fake);
      await field.fill(fake);
      await setModel.click();
      await section.getByRole('alert').filter({ hasText: 'is niet het YuNet-model dat Fotowacht kent' }).waitFor();
      await section.scrollIntoViewIfNeeded();
      await app.screenshot('settings-faces-nl');
    } finally {
      await app.close();
    }
  });

  describeNeeding(YUNET_FILE)('with the YuNet model file', () => {
    it.skipIf(modelFromEnv)('installs it and switches back to BlazeFace', async () => {
      const app = await openUi();
      try {
        const { section, field, setModel } = await openFaceSettings(app);
        await field.fill(YUNET_FILE);
        await setModel.click();
        await section.getByRole('status').filter({ hasText: 'In gebruik: YuNet (geïnstalleerd).' }).waitFor();
        await section.getByRole('button', { name: 'Terug naar BlazeFace' }).click();
        await section.getByRole('status').filter({ hasText: 'In gebruik: BlazeFace (meegeleverd).' }).waitFor();
      } finally {
        await app.close();
      }
    });
  });
});
