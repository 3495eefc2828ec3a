// The bridge: exposes exactly the IPC contract's methods and a job-progress subscription. Never ipcRenderer itself.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_INVOKE_CHANNEL, IPC_JOB_PROGRESS_CHANNEL, apiMethods, type Api, type ApiMethod } from '../../shared/ipc';
import type { JobProgress } from '../../shared/types';

const methods = Object.fromEntries(
  apiMethods.map((method: ApiMethod) => [
    method,
    (params: unknown) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, params),
  ]),
);

const api = {
  ...methods,
  onJobProgress(listener: (progress: JobProgress) => void) {
    const forward = (_event: IpcRendererEvent, progress: JobProgress) => listener(progress);
    ipcRenderer.on(IPC_JOB_PROGRESS_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(IPC_JOB_PROGRESS_CHANNEL, forward);
    };
  },
} as Api satisfies Api;

contextBridge.exposeInMainWorld('api', api);
