// Binds the library methods of the IPC contract (shared/ipc/library.ts) to the core.
import type { CoreContext } from '../context';
import type { IpcRouter } from '../ipc/router';

export function registerLibraryHandlers(_router: IpcRouter, _core: CoreContext): void {}
