// fotowacht faces <photo> and fotowacht faces detect, run as a user would (spawned CLI).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/context';
import { fotowacht } from '../helpers/cli';
import { addIndexedPhoto } from '../helpers/facesLibrary';
import { describeNeeding, REALWORLD_FACES } from '../helpers/sharedData';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const BBT = path.join(REALWORLD_FACES, 'faceapi__bbt4.jpg');
const ELDERLY = path.join(REALWORLD_FACES, 'dlib__2007_007763.jpg');

async function library(): Promise<{ dataDir: string; hashes: string[] }> {
  const dataDir = tempDir();
  const core = openCore({ dataDir });
  const hashes = [await addIndexedPhoto(core.db, BBT), await addIndexedPhoto(core.db, ELDERLY)];
  await core.close();
  return { dataDir, hashes };
}

describe('fotowacht faces', () => {
  it('has help in English and Dutch', () => {
    expect(fotowacht(['faces', '--help']).stdout).toContain('path of an indexed photo, or its hash');
    expect(fotowacht(['faces', 'detect', '--help', '--lang', 'nl']).stdout).toContain('opnieuw doorzoeken');
  });

  describeNeeding(REALWORLD_FACES)('on real photos', () => {
    it('detects a photo on first ask and prints its boxes, as text and as JSON', async () => {
      const { dataDir, hashes } = await library();
      const text = fotowacht(['--data-dir', dataDir, 'faces', BBT]);
      expect(text.code).toBe(0);
      expect(text.stdout).toContain('Detected just now: 6 faces stored');
      expect(text.stdout.match(/detector {2}x=0\.\d+ y=0\.\d+ w=0\.\d+ h=0\.\d+ {2}score=0\.\d\d/g)).toHaveLength(6);

      const asJson = fotowacht(['--data-dir', dataDir, '--json', 'faces', hashes[0]!]);
      expect(asJson.code).toBe(0);
      const doc = asJson.json<{ detection: { cached: boolean }; regions: unknown[] }>();
      expect(doc.detection.cached).toBe(true);
      expect(doc.regions).toHaveLength(6);
    });

    it('runs the detection job with progress, in Dutch, and fails clearly for an unknown photo', async () => {
      const { dataDir } = await library();
      const run = fotowacht(['--data-dir', dataDir, '--lang', 'nl', 'faces', 'detect']);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('2 van 2');
      expect(run.stdout).toContain("Klaar: 2 foto's doorzocht, 13 gezichten opgeslagen");

      const again = fotowacht(['--data-dir', dataDir, '--json', 'faces', 'detect']);
      expect(again.json()).toMatchObject({ job: { total: 0, state: 'done' }, result: { photos: 0 } });

      const missing = fotowacht(['--data-dir', dataDir, 'faces', '/nowhere/photo.jpg']);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('is not in the library');
    });
  });
});
