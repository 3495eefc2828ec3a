// Launches the real Electron app where its binary exists. Here (no binary can be downloaded) it reports itself skipped.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { electronBinaryStatus } from '../../electron/core/diagnostics';

const status = electronBinaryStatus();
const reason = status.present
  ? ''
  : ` — SKIPPED: the Electron ${status.version ?? ''} binary is not installed on this machine`;

if (!status.present) {
  console.warn(
    `[electron.test] skipped: Electron binary not present (node_modules/electron/dist); the UI tests run the renderer in Chromium instead.`,
  );
}

describe('Electron shell', () => {
  it.skipIf(!status.present)(`opens the locked Fotowacht window${reason}`, { timeout: 300_000 }, async () => {
    const build = spawnSync('npx', ['electron-vite', 'build'], {
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    expect(build.status).toBe(0);
    const native = spawnSync(process.execPath, ['scripts/electron-native.mjs'], { stdio: 'inherit' });
    expect(native.status).toBe(0);

    // Electron needs a display; without one (CI), start a virtual one.
    let display = process.env.DISPLAY;
    let xvfb: ChildProcess | undefined;
    if (!display && process.platform === 'linux') {
      display = ':97';
      xvfb = spawn('Xvfb', [display, '-screen', '0', '1280x800x24'], { stdio: 'ignore' });
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const dataDir = mkdtempSync(path.join(tmpdir(), 'fotowacht-electron-'));
    const app = await electron.launch({
      executablePath: status.path!,
      args: [path.resolve('out/main/index.js'), '--data-dir', dataDir, ...(process.env.CI ? ['--no-sandbox'] : [])],
      env: { ...process.env, ...(display ? { DISPLAY: display } : {}) },
    });
    try {
      const window = await app.firstWindow();
      await window.getByRole('navigation').waitFor();
      expect(await window.title()).toBe('Fotowacht');
      const security = await window.evaluate(() => ({
        process: typeof (globalThis as { process?: unknown }).process,
        require: typeof (globalThis as { require?: unknown }).require,
        api: Object.keys((globalThis as unknown as { api: object }).api).length > 0,
        popup: globalThis.open('https://example.org') === null,
      }));
      expect(security).toEqual({ process: 'undefined', require: 'undefined', api: true, popup: true });
      // Served from the app protocol, never file://; IPC from this main frame at that URL is answered.
      expect(window.url()).toBe('fotowacht://app/index.html');
      const info = await window.evaluate(() =>
        (globalThis as unknown as { api: { getAppInfo: (p: object) => Promise<{ ok: boolean }> } }).api.getAppInfo({}),
      );
      expect(info).toMatchObject({ ok: true });
    } finally {
      await app.close();
      xvfb?.kill();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
