// Registers the handlers of the IPC contract: refuses duplicates, validates every input before a handler
// runs, and turns every failure into { code, params } — never a stack trace.
import { AppError, toSerializedError, type ApiResponse } from '../../../shared/errors';
import { ipcContract, type ApiMethod, type ApiParsedParams, type ApiResult } from '../../../shared/ipc';

export type IpcHandler<M extends ApiMethod> = (params: ApiParsedParams<M>) => Promise<ApiResult<M>> | ApiResult<M>;

type AnyHandler = (params: unknown) => unknown;

export interface IpcRouterOptions {
  /** Receives errors that are not AppErrors (bugs), with their stack, for the log. */
  readonly onUnexpectedError?: (method: string, error: unknown) => void;
}

function isApiMethod(method: string): method is ApiMethod {
  return Object.prototype.hasOwnProperty.call(ipcContract, method);
}

export class IpcRouter {
  private readonly handlers = new Map<ApiMethod, AnyHandler>();

  constructor(private readonly options: IpcRouterOptions = {}) {}

  handle<M extends ApiMethod>(method: M, handler: IpcHandler<M>): this {
    if (!isApiMethod(method)) throw new Error(`IPC method ${String(method)} is not in the contract`);
    if (this.handlers.has(method)) throw new Error(`IPC method ${method} is already registered`);
    this.handlers.set(method, handler as AnyHandler);
    return this;
  }

  /** Every contract method must have a handler before the window opens. */
  assertComplete(): void {
    const missing = (Object.keys(ipcContract) as ApiMethod[]).filter((method) => !this.handlers.has(method));
    if (missing.length > 0) throw new Error(`IPC methods without a handler: ${missing.join(', ')}`);
  }

  async invoke(method: unknown, params: unknown): Promise<ApiResponse<unknown>> {
    const name = typeof method === 'string' ? method : String(method);
    const handler = isApiMethod(name) ? this.handlers.get(name) : undefined;
    if (!isApiMethod(name) || !handler) {
      return { ok: false, error: { code: 'ipc.unknownMethod', params: { method: name.slice(0, 100) } } };
    }
    const parsed = ipcContract[name].params.safeParse(params ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 5)
        .map((issue) => `${issue.path.join('.') || '(params)'}: ${issue.code}`)
        .join('; ');
      return { ok: false, error: { code: 'ipc.invalidParams', params: { method: name, issues } } };
    }
    try {
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (!(error instanceof AppError)) this.options.onUnexpectedError?.(name, error);
      return { ok: false, error: toSerializedError(error) };
    }
  }
}
