// The renderer's only door to the app: window.api (from the preload), unwrapped into values or ApiErrors.
import type { ApiResponse, SerializedError } from '../../shared/errors';
import type { Api, ApiMethod, ApiParams, ApiResult } from '../../shared/ipc';

declare global {
  interface Window {
    readonly api: Api;
  }
}

export class ApiError extends Error {
  readonly error: SerializedError;
  constructor(error: SerializedError) {
    super(error.code);
    this.name = 'ApiError';
    this.error = error;
  }
}

export async function call<M extends ApiMethod>(method: M, params: ApiParams<M>): Promise<ApiResult<M>> {
  // Indexing the api by a generic method name loses the pairing of params and result; restore it.
  const invoke = window.api[method] as unknown as (p: ApiParams<M>) => Promise<ApiResponse<ApiResult<M>>>;
  const response = await invoke(params);
  if (!response.ok) throw new ApiError(response.error);
  return response.value;
}

export function errorOf(error: unknown): SerializedError {
  if (error instanceof ApiError) return error.error;
  return { code: 'internal', params: {} };
}
