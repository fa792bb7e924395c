// Errors cross every transport as { ok: false, error: { code, message } } with a
// Vietnamese message a clerk can act on (architecture.md, "One contract").

export interface ApiError {
  code: string;
  message: string;
  /** Optional structured detail, e.g. the problems of a rejected workbook. */
  details?: unknown;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export class AppError extends Error {
  readonly code: string;
  readonly details: unknown;

  constructor(code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toApiError(): ApiError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function notFound(what: string, key: string): AppError {
  return new AppError('NOT_FOUND', `Không tìm thấy ${what} "${key}".`);
}
