// What each file purpose may be: the kind of path (a file to read, a folder to read, a folder to export into, a
// new file to save), the file types and the size cap. The one table both the IPC handles and the CLI check against.
import type { FilePurpose } from '../../../shared/ipc/ui';

export type PurposeRule =
  | { readonly kind: 'readFile'; readonly extensions: readonly string[]; readonly maxBytes: number }
  | { readonly kind: 'readFolder' }
  | { readonly kind: 'exportFolder' }
  | { readonly kind: 'saveFile'; readonly extensions: readonly string[] };

const MiB = 1024 * 1024;

/** A school's consent list is kilobytes; 50 MiB is far beyond any real one. */
export const CONSENT_LIST_MAX_BYTES = 50 * MiB;
/** The YuNet model is a few hundred kilobytes. */
export const FACE_MODEL_MAX_BYTES = 20 * MiB;

export const PURPOSE_RULES: Readonly<Record<FilePurpose, PurposeRule>> = {
  consentList: {
    kind: 'readFile',
    extensions: ['csv', 'txt', 'tsv', 'xlsx', 'xlsm'],
    maxBytes: CONSENT_LIST_MAX_BYTES,
  },
  faceModel: { kind: 'readFile', extensions: ['onnx'], maxBytes: FACE_MODEL_MAX_BYTES },
  eventFolder: { kind: 'readFolder' },
  exportFolder: { kind: 'exportFolder' },
  takedownCsv: { kind: 'saveFile', extensions: ['csv'] },
  auditReportCsv: { kind: 'saveFile', extensions: ['csv'] },
  auditReportPdf: { kind: 'saveFile', extensions: ['pdf'] },
  renewalCsv: { kind: 'saveFile', extensions: ['csv'] },
  renewalPdf: { kind: 'saveFile', extensions: ['pdf'] },
  // An Ed25519 private key in PEM is a few hundred bytes.
  auditPrivateKey: { kind: 'readFile', extensions: ['pem'], maxBytes: 64 * 1024 },
  auditCheckpoint: { kind: 'saveFile', extensions: ['json'] },
  // The board server's CA certificate (PEM) for verify-full: a few kilobytes.
  boardCaFile: { kind: 'readFile', extensions: ['crt', 'pem', 'cer'], maxBytes: 256 * 1024 },
};

export function hasExtension(file: string, extensions: readonly string[]): boolean {
  const dot = file.lastIndexOf('.');
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  // '.bashrc' is a name without an extension, not a file of type 'bashrc'.
  if (dot <= slash + 1) return false;
  return extensions.includes(file.slice(dot + 1).toLowerCase());
}
