// What the window does before it hands main a path: main checks it for its purpose and answers with a handle.
import type { FileChoice, FilePurpose } from '../../shared/ipc/ui';
import type { IpcRouter } from '../../electron/core/ipc';

export async function fileHandle(router: IpcRouter, purpose: FilePurpose, file: string): Promise<string> {
  const response = await router.invoke('checkPath', { purpose, path: file });
  if (!response.ok) throw new Error(`checkPath ${purpose} ${file}: ${JSON.stringify(response.error)}`);
  return (response.value as FileChoice).handle;
}
