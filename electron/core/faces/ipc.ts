// Binds the faces methods of the IPC contract (shared/ipc/faces.ts) to the core.
import type { CoreContext } from '../context';
import type { IpcRouter } from '../ipc/router';

export function registerFacesHandlers(_router: IpcRouter, _core: CoreContext): void {}
