// The UI harness: the built renderer served over http to Debian's Chromium (Playwright), with window.api
// bridged to the real main-process handlers running in this Node process against a temp data directory.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { apiMethods, type Api } from '../../shared/ipc';
import type { JobProgress } from '../../shared/types';
import { openCore, type CoreContext } from '../../electron/core/context';
import type { KeyStore } from '../../electron/core/db';
import { createIpcRouter } from '../../electron/core/ipc/handlers';
import type { IpcRouter } from '../../electron/core/ipc/router';
import { resolveMediaPath } from '../../electron/core/media/protocol';
import { RENDERER_TEST_BUILD } from './global-setup';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface UiApp {
  readonly page: Page;
  readonly core: CoreContext;
  readonly router: IpcRouter;
  readonly origin: string;
  readonly dataDir: string;
  /** Saves a screenshot under test-results/screenshots/ for a person to review. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

declare global {
  interface Window {
    readonly api: Api;
    __fotowachtInvoke?: (method: string, params: unknown) => Promise<unknown>;
    __fotowachtJobProgress?: (progress: JobProgress) => void;
  }
}

/** What the preload does, done in the page: window.api with exactly the contract's methods. */
function installBridge(methods: readonly string[]): void {
  const listeners = new Set<(progress: JobProgress) => void>();
  const api: Record<string, unknown> = {};
  for (const method of methods) api[method] = (params: unknown) => window.__fotowachtInvoke!(method, params);
  api.onJobProgress = (listener: (progress: JobProgress) => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  window.__fotowachtJobProgress = (progress) => listeners.forEach((listener) => listener(progress));
  Object.defineProperty(window, 'api', { value: Object.freeze(api), configurable: false, writable: false });
}

function serve(root: string, core: CoreContext): Promise<Server> {
  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname.startsWith('/media/')) {
        const resolved = resolveMediaPath(core.paths, url.pathname.slice('/media/'.length));
        if (!resolved.ok) return void response.writeHead(resolved.status).end();
        try {
          const body = core.media.open(await readFile(resolved.file));
          return void response.writeHead(200, { 'content-type': resolved.contentType }).end(body);
        } catch {
          return void response.writeHead(404).end();
        }
      }
      const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
      const file = path.resolve(root, relative);
      if (!file.startsWith(root + path.sep)) return void response.writeHead(400).end();
      try {
        const body = await readFile(file);
        response
          .writeHead(200, { 'content-type': STATIC_TYPES[path.extname(file)] ?? 'application/octet-stream' })
          .end(body);
      } catch {
        response.writeHead(404).end();
      }
    })();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let sharedBrowser: Promise<Browser> | undefined;

function browser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  sharedBrowser ??= chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  return sharedBrowser;
}

export interface OpenUiOptions {
  readonly dataDir?: string;
  readonly viewport?: { width: number; height: number };
  /** The key store for the board password (default: the operating system's). */
  readonly keyStore?: KeyStore;
}

export async function openUi(options: OpenUiOptions = {}): Promise<UiApp> {
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'fotowacht-ui-'));
  const core = openCore({ dataDir, osUser: 'testgebruiker' });
  const server = await serve(RENDERER_TEST_BUILD, core);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const router = createIpcRouter(
    core,
    { mediaBaseUrl: `${origin}/media/`, ...(options.keyStore ? { keyStore: options.keyStore } : {}) },
    {
      onUnexpectedError: (method, error) => console.error(`[ipc] ${method}`, error),
    },
  );

  const context = await (await browser()).newContext({ viewport: options.viewport ?? { width: 1280, height: 720 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.exposeBinding('__fotowachtInvoke', (_source, method: string, params: unknown) =>
    router.invoke(method, params),
  );
  await page.addInitScript(installBridge, apiMethods);
  const unsubscribe = core.jobs.onProgress((progress) => {
    page.evaluate((p) => window.__fotowachtJobProgress?.(p), progress).catch(() => undefined);
  });
  await page.goto(origin);

  return {
    page,
    core,
    router,
    origin,
    dataDir,
    async screenshot(name) {
      const file = path.resolve('test-results/screenshots', `${name}.png`);
      await page.screenshot({ path: file, fullPage: false });
      return file;
    },
    async close() {
      unsubscribe();
      await context.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await core.close();
      if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
      if (pageErrors.length > 0) throw new Error(`Errors in the page: ${pageErrors.join('; ')}`);
    },
  };
}

export async function closeBrowser(): Promise<void> {
  if (sharedBrowser) await (await sharedBrowser).close();
  sharedBrowser = undefined;
}
