// Binds the privacy methods of the IPC contract (shared/ipc/privacy.ts) to the core. In board mode erasure happens on
// the board (its privacy officer only: the database refuses anyone else) and the preview lists the board's exports.
import { inBoardMode } from '../board';
import type { CoreContext } from '../context';
import type { KeyStore } from '../db';
import type { IpcRouter } from '../ipc';
import { erasePersonOnBoard, previewErasureOnBoard, type BoardErasureOptions } from './boardErasure';
import { erasePerson, previewErasure } from './erasure';

export interface PrivacyHandlerOptions {
  /** The key store of the board's password (default: the operating system's). */
  readonly keyStore?: KeyStore | undefined;
}

export function registerPrivacyHandlers(
  router: IpcRouter,
  core: CoreContext,
  options: Readonly<PrivacyHandlerOptions> = {},
): void {
  const board = (): BoardErasureOptions | null =>
    inBoardMode(core.db)
      ? { db: core.db, dataDir: core.paths.root, displayName: core.actor().name, keyStore: options.keyStore }
      : null;
  router
    .handle('previewErasure', async ({ personId }) => {
      const onBoard = board();
      return onBoard ? previewErasureOnBoard(onBoard, personId) : previewErasure(core.db, personId);
    })
    .handle('erasePerson', async ({ personId, reason }) => {
      const onBoard = board();
      return onBoard
        ? erasePersonOnBoard(onBoard, personId, reason)
        : erasePerson(core.db, core.actor(), personId, reason);
    });
}
