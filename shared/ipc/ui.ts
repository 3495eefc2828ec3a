// IPC methods of the window itself: things only the desktop shell can do, such as native file dialogs and
// opening a folder in the file manager; and the one way a path reaches main — as a handle to a checked path.
import { z } from 'zod';
import { method } from './method';

/** What a file is chosen for; decides the dialog's kind (open, folder, save), title, file filters and checks. */
export const FILE_PURPOSES = [
  'consentList',
  'faceModel',
  'eventFolder',
  'exportFolder',
  'takedownCsv',
  'auditReportCsv',
  'auditReportPdf',
  'renewalCsv',
  'renewalPdf',
  'auditPrivateKey',
  'auditCheckpoint',
  'boardCaFile',
] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

/**
 * A path main has checked for a purpose: an opaque, single-use handle to hand to the method that reads or
 * writes, and the path to show. replaces: saving will replace an existing file (the person confirmed it).
 */
export interface FileChoice {
  readonly handle: string;
  readonly path: string;
  readonly replaces?: true;
}

/** What the renderer hands main instead of a path. */
export const fileHandle = z.string().regex(/^fh-[0-9a-f]{32}$/);

export const uiContract = {
  /** The native open-file, choose-folder or save-as dialog; choice null when the person cancels. */
  chooseFile: method<{ choice: FileChoice | null }>()(z.object({ purpose: z.enum(FILE_PURPOSES) }).strict()),
  /** A typed or pasted path, checked by main for the purpose (type, size, empty folder, new file). */
  checkPath: method<FileChoice>()(
    z.object({ purpose: z.enum(FILE_PURPOSES), path: z.string().min(1).max(4096) }).strict(),
  ),
  /** Opens a finished export's folder in the system's file manager (only folders Fotowacht exported to). */
  openExportFolder: method<{ opened: true }>()(z.object({ exportId: z.number().int().positive() }).strict()),
};
