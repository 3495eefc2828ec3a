// Issue 12, item 1 through the CLI: the user's own shell may name plain paths, but the checks for their purpose
// still apply — a report is a new .csv/.pdf (or --force), a list is a regular file, an export folder is empty.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fotowacht } from '../helpers/cli';
import { indexedSchool, markFacesChecked } from '../helpers/school';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const BASHRC = '# the user’s own shell start-up file\n';

describe('fotowacht with hostile paths', () => {
  it(
    'refuses to write an audit report over .bashrc (even with --force), and replaces a report only with --force',
    { timeout: 120_000 },
    () => {
      const dataDir = tempDir();
      const home = tempDir('fotowacht-home-');
      const bashrc = path.join(home, '.bashrc');
      writeFileSync(bashrc, BASHRC);
      const today = new Date().toISOString().slice(0, 10);
      const report = ['audit', 'report', '--from', '2026-01-01', '--to', today, '--format', 'csv'];
      for (const force of [[], ['--force']]) {
        const refused = fotowacht([...report, '--out', bashrc, ...force, '--json'], { dataDir });
        expect(refused.code).not.toBe(0);
        expect(refused.json()).toMatchObject({ ok: false, error: { code: 'files.save.badType' } });
      }
      expect(readFileSync(bashrc, 'utf8')).toBe(BASHRC);

      const csv = path.join(home, 'logboek.csv');
      writeFileSync(csv, 'mine');
      const kept = fotowacht([...report, '--out', csv, '--json'], { dataDir });
      expect(kept.code).not.toBe(0);
      expect(kept.json()).toMatchObject({ ok: false, error: { code: 'files.save.exists' } });
      expect(readFileSync(csv, 'utf8')).toBe('mine');
      const replaced = fotowacht([...report, '--out', csv, '--force'], { dataDir });
      expect(replaced.code).toBe(0);
      expect(readFileSync(csv, 'utf8')).not.toBe('mine');
    },
  );

  it('refuses a FIFO named lijst.csv and exits instead of hanging', { timeout: 60_000 }, () => {
    const dir = tempDir();
    const fifo = path.join(dir, 'lijst.csv');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    const result = fotowacht(['consent', 'import', fifo, '--year', '2026-2027', '--json'], {
      dataDir: tempDir(),
      timeoutMs: 30_000,
    });
    expect(result.code).not.toBe(0);
    expect(result.json()).toMatchObject({ ok: false, error: { code: 'files.read.notRegular' } });
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('refuses an export folder holding only .git', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    const school = await indexedSchool(dataDir, tempDir());
    markFacesChecked(school.core);
    await school.core.close();
    const out = tempDir();
    mkdirSync(path.join(out, '.git'));
    const args = ['export', '--event', 'Sportdag 2026', '--channel', 'social', '--date', '2026-10-01', '--out', out];
    const result = fotowacht([...args, '--json'], { dataDir });
    expect(result.code).not.toBe(0);
    expect(result.json()).toMatchObject({ ok: false, error: { code: 'publish.outDirNotEmpty', params: { files: 1 } } });
    expect(readdirSync(out)).toEqual(['.git']);
  });
});
