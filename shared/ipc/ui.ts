// IPC methods of the window itself: things only the desktop shell can do, such as a native open-file dialog.
import { z } from 'zod';
import { method } from './method';

/** What a file is chosen for; decides the dialog's title and file filters. */
export const FILE_PURPOSES = ['consentList'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

export const uiContract = {
  /** The native open-file dialog; path null when the person cancels. */
  chooseFile: method<{ path: string | null }>()(z.object({ purpose: z.enum(FILE_PURPOSES) }).strict()),
};
