// Issue 12, item 6: what the window trusts. The shell (electron/main) only applies these rules; no Electron binary
// is needed to check them.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  isAllowedNavigation,
  isAllowedRequest,
  isAppPageUrl,
  isTrustedSender,
  menuTemplate,
  resolveAppAsset,
  windowPolicy,
  type MenuEntry,
} from '../../electron/core/window';

const packaged = windowPolicy({ isPackaged: true, devServerUrl: 'http://localhost:5173' });
const dev = windowPolicy({ isPackaged: false, devServerUrl: 'http://localhost:5173' });
const unpackagedBuild = windowPolicy({ isPackaged: false });

function roles(menu: readonly MenuEntry[]): string[] {
  return menu.flatMap((entry) => [...(entry.role ? [entry.role] : []), ...roles(entry.submenu ?? [])]);
}

describe('the window policy', () => {
  it('loads the app protocol when packaged, whatever ELECTRON_RENDERER_URL says, and no devtools', () => {
    expect(APP_ENTRY_URL).toBe('fotowacht://app/index.html');
    expect(packaged).toEqual({ entryUrl: APP_ENTRY_URL, devServerOrigin: null, devTools: false });
    expect(unpackagedBuild).toEqual({ entryUrl: APP_ENTRY_URL, devServerOrigin: null, devTools: true });
    expect(dev).toEqual({
      entryUrl: 'http://localhost:5173/',
      devServerOrigin: 'http://localhost:5173',
      devTools: true,
    });
  });

  it('takes a dev server only on this machine over http(s)', () => {
    for (const url of ['http://evil.example:5173', 'file:///tmp/evil.html', 'javascript:alert(1)', 'nonsense']) {
      expect(windowPolicy({ isPackaged: false, devServerUrl: url }).devServerOrigin, url).toBeNull();
    }
    expect(windowPolicy({ isPackaged: false, devServerUrl: 'http://127.0.0.1:5174/x' }).devServerOrigin).toBe(
      'http://127.0.0.1:5174',
    );
  });

  it('knows the app page exactly: no file:// page, no other document, no query, no look-alike host', () => {
    expect(isAppPageUrl('fotowacht://app/index.html', packaged)).toBe(true);
    expect(isAppPageUrl('fotowacht://app/index.html#/people', packaged)).toBe(true);
    for (const url of [
      'file:///home/juf/Downloads/evil.html',
      'file:///work/out/renderer/index.html',
      'fotowacht://app/other.html',
      'fotowacht://app/index.html?next=1',
      'fotowacht://evil/index.html',
      'fotowacht://app.evil/index.html',
      'fotowacht-media://thumbs/index.html',
      'http://localhost:5173/',
      'about:blank',
      '',
    ]) {
      expect(isAppPageUrl(url, packaged), url).toBe(false);
    }
    expect(isAppPageUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isAppPageUrl('http://localhost:5173/evil.html', dev)).toBe(false);
    expect(isAppPageUrl('http://localhost:5174/', dev)).toBe(false);
  });

  it('takes IPC only from the main frame of the app window at the app URL', () => {
    const app = { url: APP_ENTRY_URL, isMainFrame: true };
    expect(isTrustedSender({ fromMainWindow: true, frame: app }, packaged)).toBe(true);
    // An iframe at the very same URL, another window, a destroyed frame, a file:// page, the dev server in a
    // packaged app: all refused.
    expect(isTrustedSender({ fromMainWindow: true, frame: { ...app, isMainFrame: false } }, packaged)).toBe(false);
    expect(isTrustedSender({ fromMainWindow: false, frame: app }, packaged)).toBe(false);
    expect(isTrustedSender({ fromMainWindow: true, frame: null }, packaged)).toBe(false);
    expect(
      isTrustedSender({ fromMainWindow: true, frame: { url: 'file:///tmp/evil.html', isMainFrame: true } }, packaged),
    ).toBe(false);
    const devFrame = { url: 'http://localhost:5173/', isMainFrame: true };
    expect(isTrustedSender({ fromMainWindow: true, frame: devFrame }, packaged)).toBe(false);
    expect(isTrustedSender({ fromMainWindow: true, frame: devFrame }, dev)).toBe(true);
  });

  it('navigates nowhere and reaches no network, except the dev server when not packaged', () => {
    expect(isAllowedNavigation('https://example.org/', packaged)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', packaged)).toBe(false);
    expect(isAllowedNavigation(APP_ENTRY_URL, packaged)).toBe(true);
    for (const url of ['http://localhost:5173/src/main.tsx', 'ws://localhost:5173/', 'https://example.org/']) {
      expect(isAllowedRequest(url, packaged), url).toBe(false);
    }
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/', dev)).toBe(true);
    expect(isAllowedRequest('http://localhost:8080/', dev)).toBe(false);
  });

  it('has a menu without reload or devtools when packaged', () => {
    expect(roles(menuTemplate(packaged, 'linux'))).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/toggleDevTools|reload|forceReload/)]),
    );
    expect(roles(menuTemplate(packaged, 'linux'))).toEqual(expect.arrayContaining(['editMenu', 'windowMenu']));
    expect(roles(menuTemplate(dev, 'linux'))).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
    expect(roles(menuTemplate(packaged, 'darwin'))[0]).toBe('appMenu');
  });
});

describe('the app protocol', () => {
  const root = path.resolve('out/renderer');

  it('serves the built renderer’s files', () => {
    expect(resolveAppAsset(root, 'fotowacht://app/index.html')).toEqual({
      ok: true,
      file: path.join(root, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveAppAsset(root, 'fotowacht://app/assets/index-abc.js')).toMatchObject({
      ok: true,
      file: path.join(root, 'assets', 'index-abc.js'),
    });
  });

  it('serves nothing outside it, nor from another host or scheme, nor types a build does not contain', () => {
    for (const url of [
      'fotowacht://app/../../etc/passwd.html',
      'fotowacht://app/%2e%2e/%2e%2e/etc/passwd.html',
      'fotowacht://app/assets/..%2f..%2fsecret.js',
      'fotowacht://app/assets\\..\\x.js',
      'fotowacht://other/index.html',
      'file:///etc/passwd',
    ]) {
      expect(resolveAppAsset(root, url), url).toMatchObject({ ok: false, status: 400 });
    }
    expect(resolveAppAsset(root, 'fotowacht://app/data.db')).toEqual({ ok: false, status: 404 });
  });
});
