// The Electron shell: lifecycle, the locked window, IPC registration and the media protocol. All behaviour is in core.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, shell, type IpcMainInvokeEvent } from 'electron';
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
import { APP_SCHEME, isTrustedSender, menuTemplate, resolveAppAsset, windowPolicy } from '../core/window';
import { electronSqliteBinding } from './native';
import { lockDownWebContents } from './security';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererRoot = path.join(here, '../renderer');
// The dev server and devtools only when not packaged: a packaged app ignores ELECTRON_RENDERER_URL.
const policy = windowPolicy({ isPackaged: app.isPackaged, devServerUrl: process.env.ELECTRON_RENDERER_URL });

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
lockDownWebContents(policy);

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
      devTools: policy.devTools,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(policy.entryUrl);
  return window;
}

const FILE_DIALOGS: Record<
  FilePurpose,
  { kind: 'open' | 'folder' | 'save'; title: MessageKey; filter?: MessageKey; extensions?: string[]; name?: string }
> = {
  faceModel: {
    kind: 'open',
    title: 'ui.chooseFile.faceModel',
    filter: 'ui.chooseFile.faceModelFilter',
    extensions: ['onnx'],
  },
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
  renewalCsv: {
    kind: 'save',
    title: 'ui.chooseFile.renewal',
    filter: 'ui.chooseFile.csvFilter',
    extensions: ['csv'],
    name: 'formulieren-nog-in-te-leveren.csv',
  },
  renewalPdf: {
    kind: 'save',
    title: 'ui.chooseFile.renewal',
    filter: 'ui.chooseFile.pdfFilter',
    extensions: ['pdf'],
    name: 'formulieren-nog-in-te-leveren.pdf',
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
  boardCaFile: {
    kind: 'open',
    title: 'ui.chooseFile.boardCaFile',
    filter: 'ui.chooseFile.certificateFilter',
    extensions: ['crt', 'pem', 'cer'],
  },
};

/** The native open, folder or save dialog; core checks the chosen path and gives the renderer a handle for it. */
async function chooseFile(purpose: FilePurpose): Promise<string | null> {
  const language = core ? getSettings(core.db).language : 'nl';
  const kind = FILE_DIALOGS[purpose];
  const filters =
    kind.filter && kind.extensions ? [{ name: translate(language, kind.filter), extensions: kind.extensions }] : [];
  const title = translate(language, kind.title);
  if (kind.kind === 'save') {
    const options = {
      title,
      filters,
      properties: ['showOverwriteConfirmation' as const, 'createDirectory' as const],
      ...(kind.name ? { defaultPath: kind.name } : {}),
    };
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

/** A typed path to a file that exists: the person answers in a native box, which the renderer cannot answer for. */
async function confirmOverwrite(file: string): Promise<boolean> {
  const language = core ? getSettings(core.db).language : 'nl';
  const options = {
    type: 'question' as const,
    buttons: [translate(language, 'ui.file.replace'), translate(language, 'ui.file.keep')],
    defaultId: 1,
    cancelId: 1,
    title: translate(language, 'ui.file.replaceTitle'),
    message: translate(language, 'ui.file.replaceQuestion', { path: file }),
  };
  const answer = mainWindow ? await dialog.showMessageBox(mainWindow, options) : await dialog.showMessageBox(options);
  return answer.response === 0;
}

function trustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return isTrustedSender(
    {
      fromMainWindow: mainWindow !== undefined && event.sender === mainWindow.webContents,
      frame: frame ? { url: frame.url, isMainFrame: frame.parent === null } : null,
    },
    policy,
  );
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
    {
      mediaBaseUrl: `${MEDIA_SCHEME}://`,
      chooseFile,
      confirmOverwrite,
      openFolder: (folder) => shell.openPath(folder),
    },
    {
      onUnexpectedError: (method, error) => console.error(`[ipc] ${method} failed`, error),
    },
  );

  ipcMain.handle(IPC_INVOKE_CHANNEL, (event, method: unknown, params: unknown) => {
    if (!trustedSender(event)) return { ok: false, error: { code: 'ipc.untrustedSender', params: {} } };
    return router.invoke(method, params);
  });
  opened.jobs.onProgress((progress) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(IPC_JOB_PROGRESS_CHANNEL, progress);
  });

  protocol.handle(APP_SCHEME, async (request) => {
    const resolved = resolveAppAsset(rendererRoot, request.url);
    if (!resolved.ok) return new Response(null, { status: resolved.status });
    try {
      return new Response(await readFile(resolved.file), { headers: { 'content-type': resolved.contentType } });
    } catch {
      return new Response(null, { status: 404 });
    }
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

  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(policy, process.platform)));
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
