// IPC methods of the window itself: things only the desktop shell can do, such as native file dialogs and
// opening a folder in the file manager.
import { z } from 'zod';
import { method } from './method';

/** What a file is chosen for; decides the dialog's kind (open, folder, save), title and file filters. */
export const FILE_PURPOSES = [
  'consentList',
  'eventFolder',
  'exportFolder',
  'takedownCsv',
  'auditReportCsv',
  'auditReportPdf',
  'auditPrivateKey',
  'auditCheckpoint',
] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

export const uiContract = {
  /** The native open-file, choose-folder or save-as dialog; path null when the person cancels. */
  chooseFile: method<{ path: string | null }>()(z.object({ purpose: z.enum(FILE_PURPOSES) }).strict()),
  /** Opens a finished export's folder in the system's file manager (only folders Fotowacht exported to). */
  openExportFolder: method<{ opened: true }>()(z.object({ exportId: z.number().int().positive() }).strict()),
};
