// The one IPC contract: method → params (validated in main with zod) → result.
// Main registers exactly these handlers, the preload exposes exactly these methods. Each domain keeps its
// methods in shared/ipc/<domain>.ts.
import type { z } from 'zod';
import type { ApiResponse } from './errors';
import type { JobProgress } from './types';
import { boardContract } from './ipc/board';
import { consentContract } from './ipc/consent';
import { consentRulesContract } from './ipc/consentRules';
import { coreContract } from './ipc/core';
import { facesContract } from './ipc/faces';
import { libraryContract } from './ipc/library';
import { peopleContract } from './ipc/people';
import { privacyContract } from './ipc/privacy';
import { publishContract } from './ipc/publish';
import { reviewContract } from './ipc/review';
import { uiContract } from './ipc/ui';

export const ipcContract = {
  ...coreContract,
  ...libraryContract,
  ...consentContract,
  ...consentRulesContract,
  ...facesContract,
  ...peopleContract,
  ...publishContract,
  ...reviewContract,
  ...privacyContract,
  ...uiContract,
  ...boardContract,
};

export type IpcContract = typeof ipcContract;
export type ApiMethod = keyof IpcContract;
export type ApiParams<M extends ApiMethod> = z.input<IpcContract[M]['params']>;
export type ApiParsedParams<M extends ApiMethod> = z.output<IpcContract[M]['params']>;
export type ApiResult<M extends ApiMethod> = IpcContract[M]['result'];

export const apiMethods = Object.keys(ipcContract) as ApiMethod[];

/** Channel names used between preload and main. */
export const IPC_INVOKE_CHANNEL = 'fotowacht:invoke';
export const IPC_JOB_PROGRESS_CHANNEL = 'fotowacht:job-progress';

/** What the preload exposes as window.api: each contract method (answering with an envelope) plus job progress. */
export type Api = {
  readonly [M in ApiMethod]: (params: ApiParams<M>) => Promise<ApiResponse<ApiResult<M>>>;
} & {
  readonly onJobProgress: (listener: (progress: JobProgress) => void) => () => void;
};
