// The one generic adapter every transport (IPC, HTTP, CLI, tests) goes through:
// validate the argument against the method's schema, call the handler, and turn any
// failure into { ok: false, error } with a Vietnamese message.
import type { z } from 'zod';
import { apiSpec, type Handlers, type MethodName, type ResultOf } from '../../shared/api';
import { AppError, type ApiResult } from '../../shared/errors';
import { describeProfileIssues, normalizeProfileName } from '../../shared/profiles';
import { refusedWrite } from './access';

/**
 * Methods whose work is not one transaction, and what a failure midway may have left.
 * Every other method writes in a single transaction (or not at all), so a failure in it
 * changed nothing.
 */
const NOT_ATOMIC: Partial<Record<MethodName, string>> = {
  'intake.import': 'Một số tệp của lô có thể đã được nhận; hãy xem danh sách báo cáo đã nhận trước khi nhập lại',
  'backup.restore': 'Bản sao lưu an toàn của dữ liệu trước khi khôi phục được giữ trong thư mục sao lưu',
  'backup.restoreFile': 'Bản sao lưu an toàn của dữ liệu trước khi khôi phục được giữ trong thư mục sao lưu',
  'backup.create': 'Dữ liệu không bị thay đổi; bản sao lưu có thể chưa được tạo',
};

/** Methods that take a layout profile as `definition`: a profile that does not parse is told in its own words. */
const TAKES_PROFILE = new Set<MethodName>(['profiles.save', 'profiles.preview']);

/** What is wrong with the profile sent, as the clerk reads it, when that is all that is wrong. */
function profileRefused(name: MethodName, rawArgs: unknown, error: z.ZodError): string | null {
  if (!TAKES_PROFILE.has(name) || !error.issues.every((i) => i.path[0] === 'definition' && i.path.length > 0)) return null;
  const raw = typeof rawArgs === 'object' && rawArgs !== null ? (rawArgs as { definition?: unknown }).definition : undefined;
  const named = typeof raw === 'object' && raw !== null ? (raw as { name?: unknown }).name : undefined;
  const which = typeof named === 'string' && normalizeProfileName(named) ? ` "${normalizeProfileName(named)}"` : '';
  const issues = error.issues.map((i) => ({ ...i, path: i.path.slice(1) }));
  return `Mẫu bố cục${which} không hợp lệ: ${describeProfileIssues(issues, raw)}.`;
}

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
    const refused = profileRefused(name, rawArgs, parsed.error);
    if (refused !== null) return { ok: false, error: { code: 'INVALID_PROFILE', message: refused } };
    // zod's own words are English: they travel as a param, for the English form of the message.
    const detail = describeIssues(parsed.error);
    return { ok: false, error: { code: 'INVALID_ARGUMENT', message: `Dữ liệu gửi lên không hợp lệ: ${detail}.`, params: { detail } } };
  }
  try {
    const handler = handlers[name] as (args: unknown) => Promise<ResultOf<K>> | ResultOf<K>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: err.toApiError() };
    // A read-only role's write, refused by the server: nothing was changed, and the clerk is told why.
    const refused = refusedWrite(err);
    if (refused) return { ok: false, error: refused.toApiError() };
    // An unexpected failure: keep the technical text for the log, tell the clerk what to do,
    // and say nothing changed only where that is so (one transaction, or nothing written).
    console.error(`[${name}]`, err);
    const after = NOT_ATOMIC[name] ?? 'Dữ liệu không bị thay đổi';
    return {
      ok: false,
      error: { code: 'INTERNAL', message: `Có lỗi ngoài dự kiến khi thực hiện thao tác (${name}). ${after}; hãy thử lại hoặc báo cho bộ phận kỹ thuật.` },
    };
  }
}
