// Full and read-only disks, for real (a small tmpfs): every photo that could not be written is a failed item —
// in the summary, the manifest, the export's items and its audit event — and the CLI says so and exits non-zero.
// A full data disk while indexing is reported per file, never as "indexed, no errors".
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type CoreContext } from '../../electron/core/context';
import { listAuditEvents } from '../../electron/core/audit';
import type { IndexSummary } from '../../shared/library';
import { fotowacht } from '../helpers/cli';
import { indexedSchool, markFacesChecked } from '../helpers/school';
import { useTempDirs } from '../helpers/tempDir';
import { tmpfsProblem, useTmpfs } from '../helpers/tmpfs';

const tempDir = useTempDirs();
const tmpfs = useTmpfs();
const cores: CoreContext[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

/** Six sample photos (five to export at about 555 KB each, one blocked), consent imported, faces checked. */
async function preparedSchool() {
  const dataDir = tempDir();
  const school = await indexedSchool(dataDir, tempDir());
  markFacesChecked(school.core);
  await school.core.close();
  return { ...school, dataDir };
}

const exportArgs = (out: string) => [
  'export',
  '--event',
  'Sportdag 2026',
  '--channel',
  'social',
  '--date',
  '2026-10-01',
  '--out',
  out,
];

describe.skipIf(tmpfsProblem)(`full and read-only disks${tmpfsProblem ? ` (skipped: ${tmpfsProblem})` : ''}`, () => {
  it('an export target that fills up halfway: failed items everywhere, exit 1', { timeout: 180_000 }, async () => {
    const { dataDir } = await preparedSchool();
    // Room for the probe, two photos and the manifest; not for five photos.
    const out = tmpfs('1500k');
    const run = fotowacht(exportArgs(out), { dataDir });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/Exported: 2 · hidden regions: \d+ · blocked: 1 · needs review: 0 · failed: 3/);
    const failedLines = run.stdout.split('\n').filter((line) => line.includes('not exported'));
    expect(failedLines).toHaveLength(3);
    for (const line of failedLines) {
      expect(line).toMatch(/^IMG_000\d\.jpg: not exported — The disk is full\. Make room/);
    }

    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as {
      files: Array<{ outputName: string | null; problems: string[] }>;
    };
    expect(manifest.files).toHaveLength(6);
    expect(manifest.files.filter((file) => file.problems.includes('fs.noSpace'))).toHaveLength(3);
    expect(manifest.files.filter((file) => file.outputName !== null)).toHaveLength(2);

    const core = openCore({ dataDir, osUser: 'tester' });
    cores.push(core);
    const items = core.db.prepare('SELECT state, error_code AS code FROM export_items ORDER BY id').all();
    expect(items.filter((item) => (item as { state: string }).state === 'failed')).toEqual([
      { state: 'failed', code: 'fs.noSpace' },
      { state: 'failed', code: 'fs.noSpace' },
      { state: 'failed', code: 'fs.noSpace' },
    ]);
    const done = listAuditEvents(core.db, { limit: 50 }).find((event) => event.action === 'export.done')!;
    expect(done.details).toMatchObject({ exported: 2, failed: 3 });
  });

  it('a full export target is refused before any photo is made', { timeout: 180_000 }, async () => {
    const { dataDir } = await preparedSchool();
    const out = tmpfs('256k');
    try {
      writeFileSync(path.join(out, '.vol'), Buffer.alloc(256 * 1024));
    } catch {
      // filled to the last byte
    }
    // A new folder on the full disk (the filled folder itself is not empty: dot-files count).
    const run = fotowacht([...exportArgs(path.join(out, 'export')), '--json'], { dataDir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The disk is full.');
    expect(run.stderr).not.toContain('Something unexpected');
  });

  it('a read-only export target says so', { timeout: 180_000 }, async () => {
    const { dataDir } = await preparedSchool();
    const out = tmpfs('1m', { readOnly: true });
    const run = fotowacht(exportArgs(out), { dataDir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The disk is read-only');
    expect(run.stderr).not.toContain('Something unexpected');
  });

  it('a full data disk while indexing is an error per file and exit 1', { timeout: 180_000 }, async () => {
    const photos = tempDir();
    const school = await indexedSchool(tempDir(), photos);
    await school.core.close();
    // Room for the database, not for the thumbnails and previews of six photos.
    const dataDir = tmpfs('700k');
    const run = fotowacht(['index', school.eventDir, '--no-faces', '--json'], { dataDir });
    expect(run.code, run.stderr).toBe(1);
    const summary = run.json<IndexSummary & { ok: boolean }>();
    expect(summary.errors.length).toBeGreaterThan(0);
    expect(summary.indexed + new Set(summary.errors.map((error) => error.path)).size).toBe(6);
    expect(summary.errors.every((error) => error.code === 'fs.noSpace')).toBe(true);
    for (const error of summary.errors) expect(path.isAbsolute(error.path)).toBe(false);

    const text = fotowacht(['index', school.eventDir, '--no-faces'], { dataDir });
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/IMG_000\d\.jpg: The disk is full\./);
  });
});
