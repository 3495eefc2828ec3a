// Binds board mode's methods of the IPC contract (shared/ipc/board.ts) for Instellingen: status, connect and
// disconnect through the same core as `fotowacht connect`. The password is passed on to the key store only.
import type { CoreContext } from '../context';
import type { KeyStore } from '../db';
import type { FileHandles } from '../files';
import type { IpcRouter } from '../ipc';
import { boardStatus, disconnectWorkstation } from './status';
import { connectWorkstation } from './workstation';

export interface BoardHandlerOptions {
  /** The key store for the board password (default: the operating system's); tests pass their own. */
  readonly keyStore?: KeyStore | undefined;
}

export function registerBoardHandlers(
  router: IpcRouter,
  core: CoreContext,
  files: FileHandles,
  options: BoardHandlerOptions = {},
): void {
  const dataDir = core.paths.root;
  const status = (probe: boolean) => boardStatus({ db: core.db, dataDir, keyStore: options.keyStore, probe });
  router
    .handle('getBoardStatus', ({ probe }) => status(probe))
    .handle('connectBoard', async (params) => {
      const caFile = params.caFile ? files.take(params.caFile, 'boardCaFile').path : undefined;
      const host = params.host.includes(':') ? `[${params.host}]` : params.host;
      await connectWorkstation({
        db: core.db,
        actor: core.actor(),
        dataDir,
        url: `postgres://${encodeURIComponent(params.user)}@${host}:${params.port}/${encodeURIComponent(params.database)}`,
        password: params.password,
        tls: params.tls,
        caFile,
        ...(options.keyStore ? { keyStore: options.keyStore } : {}),
      });
      return status(true);
    })
    .handle('disconnectBoard', () => {
      disconnectWorkstation(core.db, core.actor(), dataDir, options.keyStore);
      return status(false);
    });
}
