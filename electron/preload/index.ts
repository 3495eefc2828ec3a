// The bridge: exposes exactly the IPC contract's methods and a job-progress subscription. Never ipcRenderer itself.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiResponse } from '../../shared/errors';
import {
  IPC_INVOKE_CHANNEL,
  IPC_JOB_PROGRESS_CHANNEL,
  apiMethods,
  type Api,
  type ApiMethod,
  type ApiParams,
  type ApiResult,
} from '../../shared/ipc';
import type { JobProgress } from '../../shared/types';

type Invoker<M extends ApiMethod> = (params: ApiParams<M>) => Promise<ApiResponse<ApiResult<M>>>;
type Invokers = { readonly [M in ApiMethod]: Invoker<M> };

/** One contract method, forwarded to main (which validates the params and answers with the envelope). */
function invoker<M extends ApiMethod>(method: M): Invoker<M> {
  return (params) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, params);
}

/** A forwarder for every method of the contract. (apiMethods is Object.keys of the contract, so no key is missing.) */
function invokers(): Invokers {
  return Object.fromEntries(apiMethods.map((method) => [method, invoker(method)])) as Invokers;
}

// No cast here: `satisfies` checks every forwarder against the method's type in Api, and that nothing of Api is missing.
const api = {
  ...invokers(),
  onJobProgress(listener: (progress: JobProgress) => void) {
    const forward = (_event: IpcRendererEvent, progress: JobProgress) => listener(progress);
    ipcRenderer.on(IPC_JOB_PROGRESS_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(IPC_JOB_PROGRESS_CHANNEL, forward);
    };
  },
} satisfies Api;

contextBridge.exposeInMainWorld('api', api);
