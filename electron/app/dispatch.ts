// The one generic adapter every transport (IPC, HTTP, CLI, tests) goes through:
// validate the argument against the method's schema, call the handler, and turn any
// failure into { ok: false, error } with a Vietnamese message.
import type { z } from 'zod';
import { apiSpec, type Handlers, type MethodName, type ResultOf } from '../../shared/api';
import { AppError, type ApiResult } from '../../shared/errors';

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(apiSpec, name);
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

export async function dispatch<K extends MethodName>(handlers: Handlers, name: K, rawArgs: unknown): Promise<ApiResult<ResultOf<K>>> {
  if (!isMethodName(name)) {
    return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `Ứng dụng không có thao tác "${String(name)}".` } };
  }
  const parsed = apiSpec[name].args.safeParse(rawArgs ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'INVALID_ARGUMENT', message: `Dữ liệu gửi lên không hợp lệ: ${describeIssues(parsed.error)}.` } };
  }
  try {
    const handler = handlers[name] as (args: unknown) => Promise<ResultOf<K>> | ResultOf<K>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: err.toApiError() };
    // An unexpected failure: keep the technical text for the log, tell the clerk what to do.
    console.error(`[${name}]`, err);
    return {
      ok: false,
      error: { code: 'INTERNAL', message: `Có lỗi ngoài dự kiến khi thực hiện thao tác (${name}). Dữ liệu không bị thay đổi; hãy thử lại hoặc báo cho bộ phận kỹ thuật.` },
    };
  }
}
