// Links that leave the chosen folder: a `parent -> ..` link must not index the sibling folders (nor list their
// file names), a link to a photo elsewhere is not read; both are skipped and listed. Links inside still work.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/context';
import { startIndexJob } from '../../electron/core/library/indexer';
import { listEvents } from '../../electron/core/library';
import { describeError } from '../../shared/i18n';
import { makeJpeg } from '../helpers/photos';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();

describe('symlinks whose real path leaves the chosen folder', () => {
  it('are skipped and listed; siblings are not indexed', async () => {
    const root = tempDir();
    const event = path.join(root, 'Sportdag 2026');
    const sibling = path.join(root, 'Personeelsfeest');
    mkdirSync(path.join(event, 'Middag'), { recursive: true });
    mkdirSync(sibling);
    writeFileSync(path.join(event, 'a.jpg'), await makeJpeg({ width: 60, height: 40, seed: 1 }));
    writeFileSync(path.join(event, 'Middag', 'b.jpg'), await makeJpeg({ width: 60, height: 40, seed: 2 }));
    writeFileSync(path.join(sibling, 'feest.jpg'), await makeJpeg({ width: 60, height: 40, seed: 3 }));
    writeFileSync(path.join(sibling, 'salarissen.xlsx'), 'geheim');
    // The attack: a link to the parent, and a link to a photo of the sibling folder.
    symlinkSync('..', path.join(event, 'parent'));
    symlinkSync(path.join(sibling, 'feest.jpg'), path.join(event, 'feest.jpg'));
    // Links that stay inside are followed as before.
    symlinkSync('Middag', path.join(event, 'ook-middag'));
    symlinkSync('a.jpg', path.join(event, 'kopie.jpg'));

    const core = openCore({ dataDir: tempDir(), osUser: 'tester' });
    const finished = await (await startIndexJob(core, event)).finished;
    expect(finished.state).toBe('done');
    const summary = finished.result!;
    expect(summary.photos).toBe(2);
    expect(summary.files).toBe(3); // a.jpg, kopie.jpg (same photo), Middag/b.jpg
    expect(summary.errors).toEqual([]);
    expect(summary.warnings).toEqual([
      { path: 'feest.jpg', code: 'library.link.outside', params: { file: 'feest.jpg' } },
      { path: 'parent', code: 'library.link.outside', params: { file: 'parent' } },
    ]);
    expect(describeError('en', summary.warnings[1]!)).toBe(
      'parent is a link to a place outside the chosen folder and was skipped.',
    );
    const paths = core.db.prepare('SELECT path FROM photo_files UNION SELECT path FROM index_errors').pluck().all();
    expect(paths.some((file) => String(file).includes('Personeelsfeest'))).toBe(false);
    expect(JSON.stringify(summary)).not.toContain('salarissen');
    expect(listEvents(core.db).map((e) => e.name)).toEqual(['Sportdag 2026', 'Middag']);
    core.close();
  });
});
