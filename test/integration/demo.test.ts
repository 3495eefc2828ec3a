// npm run demo is the first thing a newcomer runs: it must go through the whole chain on a fresh data folder.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('npm run demo', () => {
  it('imports, indexes, exports, withdraws, lists the takedown, verifies and reports', { timeout: 300_000 }, () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], {
      encoding: 'utf8',
      env: { ...process.env, FOTOWACHT_LANG: 'en' },
      timeout: 280_000,
    });
    const demoDir = /Fotowacht demo in (\S+)/.exec(run.stdout)?.[1];
    try {
      expect(run.status, run.stderr).toBe(0);
      expect(demoDir).toBeDefined();
      expect(run.stdout).toContain('Exported: 5');
      expect(run.stdout).toContain('The audit trail is intact.');
      const exportDir = path.join(demoDir!, 'export-sociale-media');
      expect(readdirSync(exportDir)).toEqual(
        expect.arrayContaining(['manifest.json', 'manifest.csv', 'sportdag-2026_0001.jpg']),
      );
      expect(readFileSync(path.join(demoDir!, 'offline-halen.csv'), 'utf8')).toContain('sportdag-2026_');
      expect(readFileSync(path.join(demoDir!, 'logboek.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      if (demoDir && existsSync(demoDir)) rmSync(demoDir, { recursive: true, force: true });
    }
  });
});
