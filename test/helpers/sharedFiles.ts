// The real test files beside the repository (../shared/realworld/…, ../shared/models): never copied into it, and
// absent on a machine without them. A test that needs one skips there, and its name says which folder is missing.
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface SharedFiles {
  /** Absolute path of the folder (or file). */
  readonly path: string;
  readonly present: boolean;
  /** Appended to the name of a test that needs the folder: empty when present, else why it is skipped. */
  readonly skipNote: string;
}

/** `relative` is from the repository root, e.g. '../shared/realworld/faces'. */
export function sharedFiles(relative: string): SharedFiles {
  const absolute = path.resolve(relative);
  const present = existsSync(absolute);
  return { path: absolute, present, skipNote: present ? '' : ` — SKIPPED: ${relative} not present` };
}

export const REALWORLD_FACES_FILES = sharedFiles('../shared/realworld/faces');
export const YUNET_MODEL_FILE = sharedFiles('../shared/models/face_detection_yunet_2023mar.onnx');
