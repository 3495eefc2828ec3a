import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../../electron/core/db/connection';
import { fotowacht } from '../helpers/cli';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();

describe('fotowacht CLI', () => {
  it('prints help and its version', () => {
    const help = fotowacht(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: fotowacht');
    expect(help.stdout).toContain('doctor');
    expect(fotowacht(['doctor', '--help']).stdout).toContain('--data-dir');
    expect(fotowacht(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('speaks Dutch when asked', () => {
    expect(fotowacht(['--help', '--lang', 'nl']).stdout).toContain('gegevensmap');
    expect(fotowacht(['--help'], { env: { LANG: 'nl_NL.UTF-8' } }).stdout).toContain('gegevensmap');
  });

  it('doctor prints real values as text and as one JSON document', () => {
    const dataDir = tempDir();
    const text = fotowacht(['doctor', '--data-dir', dataDir]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(dataDir);
    expect(text.stdout).toMatch(/libvips\s+\d+\.\d+/);

    const asJson = fotowacht(['doctor', '--json'], { env: { FOTOWACHT_DATA_DIR: dataDir } });
    expect(asJson.code).toBe(0);
    const report = asJson.json<
      Record<string, unknown> & {
        versions: Record<string, string>;
        electron: { present: boolean };
      }
    >();
    expect(report).toMatchObject({
      dataDir,
      schemaVersion: latestSchemaVersion(),
      schemaVersionKnown: latestSchemaVersion(),
    });
    for (const key of ['node', 'sharp', 'libvips', 'exifr', 'betterSqlite3', 'sqlite'])
      expect(report.versions[key], key).toMatch(/^\d+\.\d+/);
    expect(typeof report.electron.present).toBe('boolean');
  });

  it('fails with a clear message and a non-zero exit code', () => {
    const unknown = fotowacht(['frobnicate']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");

    const file = path.join(tempDir(), 'not-a-folder');
    writeFileSync(file, 'x');
    const unwritable = fotowacht(['doctor', '--json', '--data-dir', file]);
    expect(unwritable.code).toBe(1);
    expect(unwritable.stderr).toContain('is not writable');
    expect(unwritable.json()).toEqual({
      ok: false,
      error: { code: 'dataDir.notWritable', params: { path: file } },
    });
  });
});
