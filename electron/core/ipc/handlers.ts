// Binds every method of the IPC contract to the core. Electron main and the UI test harness both use this.
import { schemaVersion, type KeyStore } from '../db';
import {
  auditFacets,
  checkpointFileText,
  createCheckpoint,
  currentAuditHead,
  listAuditEvents,
  logCheckpoint,
  verifyAuditTrail,
} from '../audit';
import type { CoreContext } from '../context';
import { getSettings, updateSettings } from '../settings';
import { appVersion } from '../version';
import { inBoardMode, registerBoardHandlers, workstationRegistry } from '../board';
import { registerConsentHandlers, registerConsentRulesHandlers, type SharedRegistryRoute } from '../consent';
import { registerFacesHandlers } from '../faces';
import { registerLibraryHandlers } from '../library';
import { registerPeopleHandlers } from '../people';
import { registerPrivacyHandlers } from '../privacy';
import { registerPublishHandlers } from '../publish';
import { registerReviewHandlers } from '../review';
import { FileHandles, readRegularFile, writeGrantedFile } from '../files';
import { registerUiHandlers, type FileChooser, type FolderOpener, type OverwriteConfirmer } from '../ui';
import { IpcRouter, type IpcRouterOptions } from './router';

export interface HandlerEnvironment {
  /** Base URL under which the shell serves generated media ('fotowacht-media://' in Electron). */
  readonly mediaBaseUrl: string;
  /** The shell's native open-file dialog; without it (CLI, browser tests) chooseFile says there is none. */
  readonly chooseFile?: FileChooser;
  /** The shell's "show in file manager" (Electron's shell.openPath); without it openExportFolder says there is none. */
  readonly openFolder?: FolderOpener;
  /** The shell's native "replace this file?" question, for a typed path to an existing file (never the renderer's). */
  readonly confirmOverwrite?: OverwriteConfirmer;
  /** Where the board's password is kept in board mode (default: the operating system's key store). */
  readonly keyStore?: KeyStore;
}

export function createIpcRouter(core: CoreContext, env: HandlerEnvironment, options: IpcRouterOptions = {}): IpcRouter {
  const router = new IpcRouter(options);
  const files = new FileHandles();
  const actor = () => core.actor();

  router
    .handle('getAppInfo', () => ({
      version: appVersion(),
      dataDir: core.paths.root,
      schemaVersion: schemaVersion(core.db),
      mediaBaseUrl: env.mediaBaseUrl,
      osUser: core.osUser,
    }))
    .handle('getSettings', () => getSettings(core.db))
    .handle('updateSettings', (patch) => updateSettings(core.db, actor(), stripUndefined(patch)))
    .handle('listJobs', () => core.jobs.list())
    .handle('cancelJob', ({ jobId }) => ({ cancelled: core.jobs.cancel(jobId) }))
    .handle('listAuditEvents', (query) => listAuditEvents(core.db, query))
    .handle('listAuditFacets', () => auditFacets(core.db))
    .handle('verifyAuditTrail', () => verifyAuditTrail(core.db))
    .handle('getAuditHead', () => currentAuditHead(core.db))
    .handle('makeAuditCheckpoint', async ({ key, file }) => {
      const keyFile = files.take(key, 'auditPrivateKey');
      const target = files.take(file, 'auditCheckpoint');
      const pem = await readRegularFile(keyFile.path, 64 * 1024);
      const signed = createCheckpoint(core.db, pem);
      const written = await writeGrantedFile(target, checkpointFileText(signed));
      logCheckpoint(core.db, actor(), signed);
      return { path: written, seq: signed.seq, hash: signed.hash, keyFingerprint: signed.keyFingerprint };
    });

  // Paths reach main only as handles to paths checked for their purpose (chooseFile, checkPath).
  registerUiHandlers(router, core, env, files);

  registerLibraryHandlers(router, core, files);
  // Board mode: the registry's writes go to the board's server; this computer reads its copy.
  const board = workstationRegistry({
    db: core.db,
    dataDir: core.paths.root,
    displayName: () => core.actor().name,
    keyStore: env.keyStore,
  });
  const shared: SharedRegistryRoute = () => (inBoardMode(core.db) ? board : null);
  registerConsentHandlers(router, core, files, shared);
  registerConsentRulesHandlers(router, core, files, shared);
  registerFacesHandlers(router, core, files);
  registerPeopleHandlers(router, core);
  registerPublishHandlers(router, core, files, { keyStore: env.keyStore });
  registerReviewHandlers(router, core);
  registerPrivacyHandlers(router, core, { keyStore: env.keyStore });
  registerBoardHandlers(router, core, files, { keyStore: env.keyStore });

  router.assertComplete();
  return router;
}

function stripUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
