// Binds every method of the IPC contract to the core. Electron main and the UI test harness both use this.
import { schemaVersion } from '../db';
import { auditFacets, currentAuditHead, listAuditEvents, verifyAuditTrail, writeCheckpointFile } from '../audit';
import type { CoreContext } from '../context';
import { getSettings, updateSettings } from '../settings';
import { appVersion } from '../version';
import { registerConsentHandlers } from '../consent';
import { registerFacesHandlers } from '../faces';
import { registerLibraryHandlers } from '../library';
import { registerPeopleHandlers } from '../people';
import { registerPrivacyHandlers } from '../privacy';
import { registerPublishHandlers } from '../publish';
import { registerUiHandlers, type FileChooser, type FolderOpener } from '../ui';
import { IpcRouter, type IpcRouterOptions } from './router';

export interface HandlerEnvironment {
  /** Base URL under which the shell serves generated media ('fotowacht-media://' in Electron). */
  readonly mediaBaseUrl: string;
  /** The shell's native open-file dialog; without it (CLI, browser tests) chooseFile says there is none. */
  readonly chooseFile?: FileChooser;
  /** The shell's "show in file manager" (Electron's shell.openPath); without it openExportFolder says there is none. */
  readonly openFolder?: FolderOpener;
}

export function createIpcRouter(core: CoreContext, env: HandlerEnvironment, options: IpcRouterOptions = {}): IpcRouter {
  const router = new IpcRouter(options);
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
    .handle('makeAuditCheckpoint', ({ keyPath, path }) => {
      const written = writeCheckpointFile(core.db, actor(), keyPath, path);
      return { path: written.path, seq: written.seq, hash: written.hash, keyFingerprint: written.keyFingerprint };
    });

  registerUiHandlers(router, core, env);

  registerLibraryHandlers(router, core);
  registerConsentHandlers(router, core);
  registerFacesHandlers(router, core);
  registerPeopleHandlers(router, core);
  registerPublishHandlers(router, core);
  registerPrivacyHandlers(router, core);

  router.assertComplete();
  return router;
}

function stripUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
