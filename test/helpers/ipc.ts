// Calling a method through the real IPC router in a test: its value, or a failure that names the method and error.
import type { IpcRouter } from '../../electron/core/ipc/router';

export async function ok<T>(router: IpcRouter, method: string, params: unknown): Promise<T> {
  const response = await router.invoke(method, params);
  if (!response.ok) throw new Error(`${method}: ${JSON.stringify(response.error)}`);
  return response.value as T;
}
