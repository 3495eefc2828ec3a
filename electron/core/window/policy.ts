// What the window trusts: the one app URL it loads, who may call IPC, where it may navigate, and what a packaged
// build leaves out (the dev server, devtools, the default menu). Plain logic, so vitest checks it; the shell in
// electron/main applies it.

/** The renderer is served from this app-only protocol in production, never from file://. */
export const APP_SCHEME = 'fotowacht';
export const APP_HOST = 'app';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export interface WindowPolicy {
  /** The URL the window loads: the app protocol, or the dev server during `npm run dev`. */
  readonly entryUrl: string;
  /** The dev server's origin when it is used (never in a packaged app). */
  readonly devServerOrigin: string | null;
  /** Devtools (and the menu items that open them) only in a build that is not packaged. */
  readonly devTools: boolean;
}

/** ELECTRON_RENDERER_URL is honoured only when not packaged, and only as an http(s) URL on this machine. */
export function windowPolicy(options: {
  readonly isPackaged: boolean;
  readonly devServerUrl?: string | undefined;
}): WindowPolicy {
  const dev = options.isPackaged ? null : localDevServer(options.devServerUrl);
  return {
    entryUrl: dev ? `${dev}/` : APP_ENTRY_URL,
    devServerOrigin: dev,
    devTools: !options.isPackaged,
  };
}

function localDevServer(url: string | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (!['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname)) return null;
  return parsed.origin;
}

/**
 * Is this the app's own page: exactly the entry document (the app protocol's index.html, or the dev server's
 * root), nothing else on that origin, no other scheme. A fragment is allowed (it never reaches a server).
 */
export function isAppPageUrl(url: string, policy: WindowPolicy): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password || parsed.search) return false;
  const page = `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  if (page === APP_ENTRY_URL) return true;
  return (
    policy.devServerOrigin !== null &&
    parsed.origin === policy.devServerOrigin &&
    (parsed.pathname === '/' || parsed.pathname === '/index.html')
  );
}

/** What the shell knows of an IPC message's sender, taken from Electron's event. */
export interface IpcSender {
  /** The sender is the web contents of the app's one window. */
  readonly fromMainWindow: boolean;
  /** event.senderFrame: null when the frame navigated away or was destroyed before the message was handled. */
  readonly frame: { readonly url: string; readonly isMainFrame: boolean } | null;
}

/** IPC only from the main frame of the app's window, at the app URL: no iframe, no other page, no lost frame. */
export function isTrustedSender(sender: IpcSender, policy: WindowPolicy): boolean {
  return (
    sender.fromMainWindow && sender.frame !== null && sender.frame.isMainFrame && isAppPageUrl(sender.frame.url, policy)
  );
}

/** The window never navigates: only a reload of the app page itself stays. */
export function isAllowedNavigation(url: string, policy: WindowPolicy): boolean {
  return isAppPageUrl(url, policy);
}

/** The network the window may reach: none, except the dev server when not packaged. */
export function isAllowedRequest(url: string, policy: WindowPolicy): boolean {
  if (policy.devServerOrigin === null) return false;
  try {
    const parsed = new URL(url);
    const origin = `${parsed.protocol === 'ws:' ? 'http:' : parsed.protocol === 'wss:' ? 'https:' : parsed.protocol}//${parsed.host}`;
    return origin === policy.devServerOrigin;
  } catch {
    return false;
  }
}

/** A menu item as Electron's Menu.buildFromTemplate takes it (roles only: no code of ours runs from the menu). */
export interface MenuEntry {
  role?: MenuRole;
  type?: 'separator';
  label?: string;
  submenu?: MenuEntry[];
}

export type MenuRole =
  | 'appMenu'
  | 'fileMenu'
  | 'editMenu'
  | 'windowMenu'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen';

/**
 * The application menu: editing (copy and paste in fields) and the window; reload and devtools only when not
 * packaged. macOS wants the app menu first.
 */
export function menuTemplate(policy: WindowPolicy, platform: NodeJS.Platform): MenuEntry[] {
  const menu: MenuEntry[] = [];
  if (platform === 'darwin') menu.push({ role: 'appMenu' });
  menu.push({ role: 'fileMenu' }, { role: 'editMenu' });
  const view: MenuEntry[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (policy.devTools)
    view.unshift({ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' });
  menu.push({ label: 'View', submenu: view }, { role: 'windowMenu' });
  return menu;
}
