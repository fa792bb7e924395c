// Errors cross every transport as { ok: false, error: { code, message } } with a
// Vietnamese message a clerk can act on (architecture.md, "One contract").

export interface ApiError {
  code: string;
  message: string;
  /** Optional structured detail, e.g. the problems of a rejected workbook. */
  details?: unknown;
  /**
   * The raw values the message was built from (a period code, an agency code, a number),
   * so that a UI in another language can say the same thing in its own words.
   */
  params?: ApiParams;
}

/** Raw values only: codes, cells and numbers as numbers; the UI renders them in its language. */
export type ApiParams = Record<string, string | number>;

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export class AppError extends Error {
  readonly code: string;
  readonly details: unknown;
  readonly params: ApiParams | undefined;

  constructor(code: string, message: string, details?: unknown, params?: ApiParams) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    this.params = params;
  }

  toApiError(): ApiError {
    return {
      code: this.code,
      message: this.message,
      ...(this.details === undefined ? {} : { details: this.details }),
      ...(this.params === undefined ? {} : { params: this.params }),
    };
  }
}

export function notFound(what: string, key: string): AppError {
  // `what` is Vietnamese prose ("kỳ báo cáo"): only the key travels as a param.
  return new AppError('NOT_FOUND', `Không tìm thấy ${what} "${key}".`, undefined, { key });
}
