// Binds the window methods of the IPC contract (shared/ipc/ui.ts). The shell passes its native dialog and its
// "open in file manager"; without them (CLI, browser tests) these answer with a code, and the screens offer a path
// field instead.
import { AppError } from '../../../shared/errors';
import type { FilePurpose } from '../../../shared/ipc/ui';
import type { CoreContext } from '../context';
import type { IpcRouter } from '../ipc';
import { finishedExportFolder } from '../publish';

export type FileChooser = (purpose: FilePurpose) => Promise<string | null>;
/** Opens a folder in the file manager; resolves to an error text when the system could not. */
export type FolderOpener = (folder: string) => Promise<string>;

export function registerUiHandlers(
  router: IpcRouter,
  core: Pick<CoreContext, 'db'>,
  env: { readonly chooseFile?: FileChooser | undefined; readonly openFolder?: FolderOpener | undefined },
): void {
  router
    .handle('chooseFile', async ({ purpose }) => {
      if (!env.chooseFile) throw new AppError('ui.chooseFile.unavailable', {});
      return { path: await env.chooseFile(purpose) };
    })
    .handle('openExportFolder', async ({ exportId }) => {
      // Only a folder Fotowacht itself exported to: the renderer never names an arbitrary path to open.
      const dir = finishedExportFolder(core.db, exportId);
      if (dir === null) throw new AppError('ui.openFolder.unknownExport', { exportId });
      if (!env.openFolder) throw new AppError('ui.openFolder.unavailable', { dir });
      const problem = await env.openFolder(dir);
      if (problem) throw new AppError('ui.openFolder.failed', { dir, detail: problem });
      return { opened: true as const };
    });
}
