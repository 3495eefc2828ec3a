// The Electron shell: lifecycle, the locked window, IPC registration and the media protocol. All behaviour is in core.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, protocol, shell, type IpcMainInvokeEvent } from 'electron';
import { describeError, translate, type MessageKey } from '../../shared/i18n';
import type { FilePurpose } from '../../shared/ipc/ui';
import { IPC_INVOKE_CHANNEL, IPC_JOB_PROGRESS_CHANNEL } from '../../shared/ipc';
import { AppError } from '../../shared/errors';
import { openCore, type CoreContext } from '../core/context';
import { resolveDataDir } from '../core/dataDir';
import { releaseFaceDetectors } from '../core/faces';
import { createIpcRouter } from '../core/ipc';
import { releaseDecoders } from '../core/library';
import { getSettings } from '../core/settings';
import { MEDIA_SCHEME, resolveMediaUrl } from '../core/media';
import { electronSqliteBinding } from './native';
import { isAppUrl, lockDownWebContents } from './security';

const here = path.dirname(fileURLToPath(import.meta.url));
const devServerUrl = process.env.ELECTRON_RENDERER_URL;

protocol.registerSchemesAsPrivileged([
  { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
lockDownWebContents(devServerUrl);

const dataDir = resolveDataDir({ argv: process.argv });
app.setPath('userData', path.join(dataDir, 'chromium'));

let core: CoreContext | undefined;
let mainWindow: BrowserWindow | undefined;

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    title: 'Fotowacht',
    show: false,
    webPreferences: {
      preload: path.join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  if (devServerUrl) void window.loadURL(devServerUrl);
  else void window.loadFile(path.join(here, '../renderer/index.html'));
  return window;
}

const FILE_DIALOGS: Record<
  FilePurpose,
  { kind: 'open' | 'folder' | 'save'; title: MessageKey; filter?: MessageKey; extensions?: string[]; name?: string }
> = {
  consentList: {
    kind: 'open',
    title: 'ui.chooseFile.consentList',
    filter: 'ui.chooseFile.consentListFilter',
    extensions: ['csv', 'txt', 'tsv', 'xlsx', 'xlsm'],
  },
  eventFolder: { kind: 'folder', title: 'ui.chooseFile.eventFolder' },
  exportFolder: { kind: 'folder', title: 'ui.chooseFile.exportFolder' },
  takedownCsv: {
    kind: 'save',
    title: 'ui.chooseFile.takedownCsv',
    filter: 'ui.chooseFile.csvFilter',
    extensions: ['csv'],
    name: 'offline-halen.csv',
  },
  auditReportCsv: {
    kind: 'save',
    title: 'ui.chooseFile.auditReport',
    filter: 'ui.chooseFile.csvFilter',
    extensions: ['csv'],
    name: 'logboek.csv',
  },
  auditReportPdf: {
    kind: 'save',
    title: 'ui.chooseFile.auditReport',
    filter: 'ui.chooseFile.pdfFilter',
    extensions: ['pdf'],
    name: 'logboek.pdf',
  },
  auditPrivateKey: {
    kind: 'open',
    title: 'ui.chooseFile.auditPrivateKey',
    filter: 'ui.chooseFile.pemFilter',
    extensions: ['pem'],
  },
  auditCheckpoint: {
    kind: 'save',
    title: 'ui.chooseFile.auditCheckpoint',
    filter: 'ui.chooseFile.jsonFilter',
    extensions: ['json'],
    name: 'logboek-controlepunt.json',
  },
};

/** The native open, folder or save dialog; the renderer only ever gets the chosen path back. */
async function chooseFile(purpose: FilePurpose): Promise<string | null> {
  const language = core ? getSettings(core.db).language : 'nl';
  const kind = FILE_DIALOGS[purpose];
  const filters =
    kind.filter && kind.extensions ? [{ name: translate(language, kind.filter), extensions: kind.extensions }] : [];
  const title = translate(language, kind.title);
  if (kind.kind === 'save') {
    const options = { title, filters, ...(kind.name ? { defaultPath: kind.name } : {}) };
    const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
    return result.canceled ? null : (result.filePath ?? null);
  }
  const options = {
    title,
    filters,
    properties: kind.kind === 'folder' ? ['openDirectory' as const, 'createDirectory' as const] : ['openFile' as const],
  };
  const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url ?? '';
  return event.sender === mainWindow?.webContents && isAppUrl(url, devServerUrl);
}

async function start(): Promise<void> {
  try {
    core = openCore({ dataDir, nativeBinding: electronSqliteBinding(app.getAppPath()) });
  } catch (error) {
    const text =
      error instanceof AppError
        ? describeError('nl', error.toJSON())
        : error instanceof Error
          ? error.message
          : String(error);
    dialog.showErrorBox('Fotowacht', text);
    app.exit(1);
    return;
  }
  const opened = core;
  const router = createIpcRouter(
    opened,
    { mediaBaseUrl: `${MEDIA_SCHEME}://`, chooseFile, openFolder: (folder) => shell.openPath(folder) },
    {
      onUnexpectedError: (method, error) => console.error(`[ipc] ${method} failed`, error),
    },
  );

  ipcMain.handle(IPC_INVOKE_CHANNEL, (event, method: unknown, params: unknown) => {
    if (!isTrustedSender(event)) return { ok: false, error: { code: 'ipc.untrustedSender', params: {} } };
    return router.invoke(method, params);
  });
  opened.jobs.onProgress((progress) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(IPC_JOB_PROGRESS_CHANNEL, progress);
  });

  protocol.handle(MEDIA_SCHEME, async (request) => {
    const resolved = resolveMediaUrl(opened.paths, request.url);
    if (!resolved.ok) return new Response(null, { status: resolved.status });
    try {
      // Sealed at rest; opened only to be shown.
      const body = opened.media.open(await readFile(resolved.file));
      return new Response(body, {
        headers: { 'content-type': resolved.contentType, 'cache-control': 'max-age=31536000, immutable' },
      });
    } catch {
      return new Response(null, { status: 404 });
    }
  });

  mainWindow = createWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.whenReady().then(start, (error: unknown) => {
    console.error(error);
    app.exit(1);
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!core) return;
    const closing = core;
    core = undefined;
    event.preventDefault();
    void closing
      .close()
      .then(() => Promise.all([releaseDecoders(), releaseFaceDetectors()]))
      .finally(() => app.quit());
  });
}
