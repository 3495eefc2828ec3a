// Binds the window methods of the IPC contract (shared/ipc/ui.ts). The shell passes its native dialog; without
// one (CLI, browser tests) chooseFile answers with a code, and the screens offer a path field instead.
import { AppError } from '../../../shared/errors';
import type { FilePurpose } from '../../../shared/ipc/ui';
import type { IpcRouter } from '../ipc/router';

export type FileChooser = (purpose: FilePurpose) => Promise<string | null>;

export function registerUiHandlers(router: IpcRouter, env: { readonly chooseFile?: FileChooser | undefined }): void {
  router.handle('chooseFile', async ({ purpose }) => {
    if (!env.chooseFile) throw new AppError('ui.chooseFile.unavailable', {});
    return { path: await env.chooseFile(purpose) };
  });
}
