// Picks from the command line: pick and unpick by file name, path or hash, list them, refuse what is not in the
// event, and export only the picks (`export --picks`), never the whole event when there are none.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fotowacht } from '../helpers/cli';
import { indexedSchool, markFacesChecked } from '../helpers/school';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();

async function preparedSchool() {
  const dataDir = tempDir();
  const school = await indexedSchool(dataDir, tempDir());
  markFacesChecked(school.core);
  await school.core.close();
  return { ...school, dataDir };
}

describe('fotowacht pick, unpick, picks and export --picks', () => {
  it('picks, lists, unpicks and exports only the picks', { timeout: 180_000 }, async () => {
    const { dataDir, hashes, eventDir } = await preparedSchool();
    for (const command of ['pick', 'unpick', 'picks']) {
      const help = fotowacht([command, '--help'], { dataDir });
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('<event>');
    }
    expect(fotowacht(['export', '--help'], { dataDir }).stdout).toContain('--picks');

    // Without picks, --picks is an error: never the whole event by accident.
    const none = fotowacht(
      [
        'export',
        '--event',
        'Sportdag 2026',
        '--picks',
        '--channel',
        'social',
        '--date',
        '2026-10-01',
        '--out',
        path.join(tempDir(), 'x'),
      ],
      { dataDir },
    );
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('has no picked photos yet');
    expect(
      fotowacht(['export', '--picks', '--channel', 'social', '--out', path.join(tempDir(), 'y')], { dataDir }).code,
    ).toBe(1);

    const picked = fotowacht(
      [
        'pick',
        'Sportdag 2026',
        'IMG_0001.jpg',
        path.join(eventDir, 'IMG_0002.jpg'),
        hashes.get('IMG_0003.jpg')!,
        '--json',
      ],
      { dataDir },
    );
    expect(picked.code).toBe(0);
    expect(picked.json()).toMatchObject({ ok: true, changed: 3, picks: 3 });
    const unpicked = fotowacht(['unpick', 'Sportdag 2026', 'IMG_0003.jpg', '--lang', 'nl'], { dataDir });
    expect(unpicked.code).toBe(0);
    expect(unpicked.stdout).toContain('1 niet meer gekozen; nu 2 gekozen foto’s in Sportdag 2026.');

    const unknown = fotowacht(['pick', 'Sportdag 2026', 'IMG_0001.jpg', 'nergens.jpg', '--json'], { dataDir });
    expect(unknown.code).toBe(1);
    expect(unknown.json()).toMatchObject({ ok: false, error: { code: 'library.pick.photoUnknown' } });
    expect(fotowacht(['pick', 'Schoolreis', 'IMG_0001.jpg'], { dataDir }).code).toBe(1);

    const list = fotowacht(['picks', 'Sportdag 2026', '--json'], { dataDir });
    expect(list.code).toBe(0);
    expect(list.json<{ picks: string[] }>().picks).toEqual([hashes.get('IMG_0001.jpg'), hashes.get('IMG_0002.jpg')]);

    const out = path.join(tempDir(), 'social');
    const exported = fotowacht(
      [
        'export',
        '--event',
        'Sportdag 2026',
        '--picks',
        '--channel',
        'social',
        '--date',
        '2026-10-01',
        '--out',
        out,
        '--json',
      ],
      { dataDir },
    );
    expect(exported.code).toBe(0);
    const summary = exported.json<{ items: Array<{ sourceName: string }>; exported: number }>();
    expect(summary.items.map((item) => item.sourceName).sort()).toEqual(['IMG_0001.jpg', 'IMG_0002.jpg']);
    expect(readdirSync(out).filter((name) => name.endsWith('.jpg'))).toHaveLength(summary.exported);

    const audit = fotowacht(['audit', 'verify'], { dataDir });
    expect(audit.code).toBe(0);
  });
});
