// fotowacht index / events / photos as a user runs them: summary, --json, errors with file names, exit codes.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fotowacht } from '../helpers/cli';
import { makeJpeg, mwgRegions, xmpPacket } from '../helpers/photos';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();

describe('fotowacht index', () => {
  it('indexes a folder, prints a summary with the unreadable files, and lists photos with their people', async () => {
    const root = tempDir();
    const event = path.join(root, 'Sportdag 2026');
    mkdirSync(event);
    writeFileSync(
      path.join(event, 'a.jpg'),
      await makeJpeg({
        width: 300,
        height: 200,
        xmp: xmpPacket(mwgRegions([{ box: { x: 0.1, y: 0.1, w: 0.2, h: 0.3 }, name: 'Sem de Boer' }])),
      }),
    );
    writeFileSync(path.join(event, 'b.jpg'), await makeJpeg({ width: 300, height: 200, seed: 4 }));
    writeFileSync(path.join(event, 'kapot.jpg'), Buffer.alloc(0));
    const dataDir = tempDir();

    const text = fotowacht(['index', root, '--data-dir', dataDir]);
    // One file could not be indexed: a script must see that (exit 1), with the file named in words.
    expect(text.code, text.stderr).toBe(1);
    expect(text.stdout).toContain('2 photos in 1 events: 1 people with a box, 1 names.');
    expect(text.stdout).toContain('1 files could not be read:');
    expect(text.stdout).toContain(`${path.join('Sportdag 2026', 'kapot.jpg')} is empty (0 bytes).`);

    const asJson = fotowacht(['index', root, '--data-dir', dataDir, '--json']);
    expect(asJson.code).toBe(1);
    const summary = asJson.json<Record<string, unknown>>();
    expect(summary).toMatchObject({ ok: false, photos: 2, events: 1, regions: 1, names: 1, indexed: 0, unchanged: 2 });
    expect(summary.errors).toEqual([
      {
        path: path.join('Sportdag 2026', 'kapot.jpg'),
        code: 'library.file.empty',
        params: { file: path.join('Sportdag 2026', 'kapot.jpg') },
      },
    ]);

    const photos = fotowacht(['photos', 'Sportdag 2026', '--data-dir', dataDir, '--lang', 'nl']);
    expect(photos.code).toBe(0);
    expect(photos.stdout).toContain('a.jpg  Sem de Boer [0.100, 0.100, 0.200, 0.300]');
    expect(photos.stdout).toContain('b.jpg  geen personen in de metadata');

    const events = fotowacht(['events', '--data-dir', dataDir]);
    expect(events.stdout).toContain('Sportdag 2026: 2 photos, 1 boxes, 1 names, 1 errors');
  });

  it('exits non-zero for a folder that does not exist', () => {
    const missing = path.join(tempDir(), 'nergens');
    const result = fotowacht(['index', missing, '--data-dir', tempDir(), '--lang', 'nl']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`De map ${missing} bestaat niet of is geen map.`);
    const asJson = fotowacht(['index', missing, '--data-dir', tempDir(), '--json']);
    expect(asJson.code).toBe(1);
    expect(asJson.json()).toMatchObject({ ok: false, error: { code: 'library.folder.notFound' } });
  });
});
