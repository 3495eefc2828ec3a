// The window methods of the IPC contract (native dialogs, opening an export folder).
export { registerUiHandlers, type FileChooser, type FolderOpener, type OverwriteConfirmer } from './ipc';
