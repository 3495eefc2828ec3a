// The one IPC contract: method → params (validated in main with zod) → result.
// Main registers exactly these handlers, the preload exposes exactly these methods.
import { z } from 'zod';
import type { ApiResponse } from './errors';
import type { AppInfo, AuditEvent, AuditVerification, JobProgress, Settings } from './types';
import { LANGUAGES } from './types';

function method<Result>() {
  return <Params extends z.ZodType>(params: Params) => ({ params, result: null as unknown as Result });
}

const noParams = z.object({}).strict();

export const ipcContract = {
  getAppInfo: method<AppInfo>()(noParams),
  getSettings: method<Settings>()(noParams),
  updateSettings: method<Settings>()(
    z
      .object({
        displayName: z.string().trim().max(80).optional(),
        language: z.enum(LANGUAGES as [Settings['language'], ...Settings['language'][]]).optional(),
      })
      .strict(),
  ),
  listJobs: method<JobProgress[]>()(noParams),
  cancelJob: method<{ cancelled: boolean }>()(z.object({ jobId: z.string().min(1).max(64) }).strict()),
  listAuditEvents: method<AuditEvent[]>()(
    z
      .object({
        limit: z.number().int().min(1).max(1000).default(200),
        beforeSeq: z.number().int().min(1).optional(),
      })
      .strict(),
  ),
  verifyAuditTrail: method<AuditVerification>()(noParams),
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
