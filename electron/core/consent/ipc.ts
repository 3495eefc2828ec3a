// Binds the consent methods of the IPC contract (shared/ipc/consent.ts) to the core.
import type { CoreContext } from '../context';
import type { IpcRouter } from '../ipc/router';

export function registerConsentHandlers(_router: IpcRouter, _core: CoreContext): void {}
