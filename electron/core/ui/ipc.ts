// Binds the window methods of the IPC contract (shared/ipc/ui.ts). The shell passes its native dialog, its "open
// in file manager" and its "replace this file?" question; without them (CLI, browser tests) these answer with a
// code, and the screens offer a path field instead. Every path, chosen or typed, is checked for its purpose and
// comes back as a handle.
import { AppError } from '../../../shared/errors';
import type { FilePurpose } from '../../../shared/ipc/ui';
import type { CoreContext } from '../context';
import { checkPathFor, PURPOSE_RULES, type FileHandles } from '../files';
import type { IpcRouter } from '../ipc';
import { finishedExportFolder } from '../publish';

export type FileChooser = (purpose: FilePurpose) => Promise<string | null>;
/** Opens a folder in the file manager; resolves to an error text when the system could not. */
export type FolderOpener = (folder: string) => Promise<string>;
/** Asks the person (a native message box, not the renderer) whether an existing file may be replaced. */
export type OverwriteConfirmer = (file: string) => Promise<boolean>;

export function registerUiHandlers(
  router: IpcRouter,
  core: Pick<CoreContext, 'db'>,
  env: {
    readonly chooseFile?: FileChooser | undefined;
    readonly openFolder?: FolderOpener | undefined;
    readonly confirmOverwrite?: OverwriteConfirmer | undefined;
  },
  files: FileHandles,
): void {
  router
    .handle('chooseFile', async ({ purpose }) => {
      if (!env.chooseFile) throw new AppError('ui.chooseFile.unavailable', {});
      const chosen = await env.chooseFile(purpose);
      if (chosen === null) return { choice: null };
      // The native save dialog asked before replacing a file; everything else is checked as for a typed path.
      const overwriteConfirmed = PURPOSE_RULES[purpose].kind === 'saveFile';
      return { choice: files.issue(await checkPathFor(purpose, chosen, { overwriteConfirmed })) };
    })
    .handle('checkPath', async ({ purpose, path }) =>
      files.issue(await checkPathFor(purpose, path, { confirmOverwrite: env.confirmOverwrite })),
    )
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
