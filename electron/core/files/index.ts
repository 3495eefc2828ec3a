// Paths from outside (dialogs, typed paths, the CLI) checked for their purpose, and the handles that stand for them.
export { checkPathFor, folderEntries, readRegularFile, typedPath, type CheckOptions, type FileGrant } from './checks';
export { FileHandles } from './handles';
export { CONSENT_LIST_MAX_BYTES, FACE_MODEL_MAX_BYTES, PURPOSE_RULES, hasExtension, type PurposeRule } from './rules';
export { writeGrantedFile } from './save';
