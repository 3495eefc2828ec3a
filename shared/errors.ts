// Errors that may reach a user: a stable code plus parameters. Text is made from the code by the i18n tables,
// so main never builds user-facing sentences and no stack trace crosses the IPC bridge.

export type ErrorParams = Readonly<Record<string, string | number | boolean | null>>;

export interface SerializedError {
  readonly code: string;
  readonly params: ErrorParams;
}

export class AppError extends Error {
  readonly code: string;
  readonly params: ErrorParams;

  constructor(code: string, params: ErrorParams = {}) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
  }

  toJSON(): SerializedError {
    return { code: this.code, params: this.params };
  }
}

export function isSerializedError(value: unknown): value is SerializedError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { params?: unknown }).params === 'object'
  );
}

/** What a handler's failure becomes on the wire: AppErrors keep their code, anything else is 'internal'. */
export function toSerializedError(error: unknown): SerializedError {
  if (error instanceof AppError) return error.toJSON();
  return { code: 'internal', params: {} };
}

export type ApiResponse<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: SerializedError };
