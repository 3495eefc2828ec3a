// Binds the privacy methods of the IPC contract (shared/ipc/privacy.ts) to the core.
import type { CoreContext } from '../context';
import type { IpcRouter } from '../ipc';
import { erasePerson, previewErasure } from './erasure';

export function registerPrivacyHandlers(router: IpcRouter, core: CoreContext): void {
  router
    .handle('previewErasure', ({ personId }) => previewErasure(core.db, personId))
    .handle('erasePerson', ({ personId, reason }) => erasePerson(core.db, core.actor(), personId, reason));
}
