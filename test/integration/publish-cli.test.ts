// The publish commands as an administrator uses them, and an export killed halfway (a real child process).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type CoreContext } from '../../electron/core/context';
import { SAMPLE_PHOTOS, type SamplePhoto } from '../../scripts/sample-school';
import { fotowacht, startCli } from '../helpers/cli';
import { indexedSchool, markFacesChecked } from '../helpers/school';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const cores: CoreContext[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

/** A school whose data folder is ready for the CLI: consent imported, photos indexed and face-checked. */
async function preparedSchool(photos: readonly SamplePhoto[] = SAMPLE_PHOTOS) {
  const dataDir = tempDir();
  const school = await indexedSchool(dataDir, tempDir(), photos);
  markFacesChecked(school.core);
  await school.core.close();
  return { ...school, dataDir };
}

describe('fotowacht export and audit commands', () => {
  it(
    'exports with a summary, then answers where published, the takedown list and the audit report',
    { timeout: 180_000 },
    async () => {
      const { dataDir } = await preparedSchool();
      const out = path.join(tempDir(), 'social');
      const exported = fotowacht(
        ['export', '--event', 'Sportdag 2026', '--channel', 'social', '--date', '2026-10-01', '--out', out],
        { dataDir },
      );
      expect(exported.code).toBe(0);
      expect(exported.stdout).toContain('Exported: 5 · hidden regions: 4 · blocked: 1 · needs review: 0 · failed: 0');
      expect(exported.stdout).toContain(
        "IMG_0006.jpg: Blocked — Sem van 't Hof must be hidden but is the main subject",
      );
      expect(readdirSync(out)).toContain('manifest.json');

      const where = fotowacht(['audit', 'where-published', '1001', '--json'], { dataDir });
      expect(where.code).toBe(0);
      expect(where.json<{ publications: unknown[] }>().publications).toHaveLength(4);

      const withdraw = fotowacht(
        ['consent', 'withdraw', '1005', '--channel', 'social', '--reason', 'Brief van ouders'],
        { dataDir },
      );
      expect(withdraw.code).toBe(0);
      const csv = path.join(tempDir(), 'takedown.csv');
      const takedown = fotowacht(['audit', 'takedown', '1005', '--channel', 'social', '--csv', csv], { dataDir });
      expect(takedown.code).toBe(0);
      expect(takedown.stdout).toContain('sportdag-2026_0004.jpg');
      expect(readFileSync(csv, 'utf8').trim().split('\r\n')).toHaveLength(2);

      const today = new Date().toISOString().slice(0, 10);
      const pdf = path.join(tempDir(), 'report.pdf');
      const csvReport = path.join(tempDir(), 'report.csv');
      expect(
        fotowacht(['audit', 'report', '--from', '2026-01-01', '--to', today, '--format', 'pdf', '--out', pdf], {
          dataDir,
        }).code,
      ).toBe(0);
      expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
      expect(
        fotowacht(['audit', 'report', '--from', '2026-01-01', '--to', today, '--format', 'csv', '--out', csvReport], {
          dataDir,
        }).code,
      ).toBe(0);
      const reportText = readFileSync(csvReport, 'utf8');
      expect(reportText).toContain('export.done');
      expect(reportText).toContain('consent.withdraw');
      expect(fotowacht(['audit', 'verify'], { dataDir }).code).toBe(0);
    },
  );

  it('fails clearly on bad input', { timeout: 120_000 }, async () => {
    const { dataDir } = await preparedSchool(SAMPLE_PHOTOS.slice(0, 1));
    const unknown = fotowacht(['export', '--event', 'Kerstviering', '--channel', 'social', '--out', tempDir()], {
      dataDir,
    });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Event Kerstviering does not exist.');
    const missing = fotowacht(['export', '--event', 'Sportdag 2026', '--out', tempDir()], { dataDir });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain("required option '--channel <id>' not specified");
    const badOverride = fotowacht(
      ['export', '--event', 'Sportdag 2026', '--channel', 'social', '--out', tempDir(), '--override', 'abc'],
      { dataDir },
    );
    expect(badOverride.code).toBe(1);
    expect(badOverride.stderr).toContain('Invalid --override abc');
  });
});

describe('an export killed halfway', () => {
  it(
    'leaves only whole files, no manifest and no done record; the next export cleans up after it',
    { timeout: 180_000 },
    async () => {
      const many: SamplePhoto[] = Array.from({ length: 16 }, (_, i) => ({
        ...SAMPLE_PHOTOS[i % 5]!,
        file: `IMG_${String(i + 1).padStart(4, '0')}.jpg`,
      }));
      const { dataDir } = await preparedSchool(many);
      const out = path.join(tempDir(), 'killed');
      const child = startCli(
        ['export', '--event', 'Sportdag 2026', '--channel', 'social', '--date', '2026-10-01', '--out', out],
        { dataDir },
      );
      const exited = new Promise((resolve) => child.on('exit', resolve));
      const firstFile = async () => {
        for (let i = 0; i < 1200; i += 1) {
          if (existsSync(out) && readdirSync(out).some((name) => name.endsWith('.jpg'))) return true;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        return false;
      };
      expect(await firstFile()).toBe(true);
      child.kill('SIGKILL');
      await exited;

      const left = readdirSync(out);
      expect(left).not.toContain('manifest.json');
      expect(left.filter((name) => !name.endsWith('.jpg'))).toEqual([]);
      expect(left.length).toBeLessThan(16);
      for (const name of left) {
        const bytes = readFileSync(path.join(out, name));
        expect(bytes.subarray(-2).toString('hex')).toBe('ffd9');
        await expect(sharp(bytes).stats()).resolves.toBeDefined();
      }
      let core = openCore({ dataDir });
      expect(core.db.prepare('SELECT state FROM exports').pluck().all()).toEqual(['running']);
      await core.close();

      // The next export finds the dead one: marks it failed, takes its files back, says so in the audit trail.
      const againOut = path.join(tempDir(), 'again');
      const again = fotowacht(
        ['export', '--event', 'Sportdag 2026', '--channel', 'social', '--date', '2026-10-01', '--out', againOut],
        { dataDir },
      );
      expect(again.code).toBe(0);
      expect(readdirSync(out)).toEqual([]);
      expect(existsSync(path.join(dataDir, 'tmp', 'export-1'))).toBe(false);
      core = openCore({ dataDir });
      cores.push(core);
      expect(core.db.prepare('SELECT state FROM exports ORDER BY id').pluck().all()).toEqual(['failed', 'done']);
      expect(
        core.db.prepare("SELECT count(*) FROM audit_events WHERE action = 'export.interrupted'").pluck().get(),
      ).toBe(1);
      expect(fotowacht(['audit', 'verify'], { dataDir }).code).toBe(0);
    },
  );
});
