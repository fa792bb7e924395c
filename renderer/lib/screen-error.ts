// What the clerk is told when the app's server cannot be reached, or a screen fails:
// the words of the Api's own network error, and a screen's other errors as they are
// (ApiErrorAlert says both in English by their code when English is chosen).
import type { ApiError } from '../../shared/errors';

export const NETWORK_ERROR = 'Không kết nối được với máy chủ của ứng dụng. Hãy kiểm tra cửa sổ dòng lệnh đang chạy "npm run web" rồi tải lại trang.';

/** The words browsers (and Vite's preloading of a screen's styles) use when a screen's files could not be fetched. */
const CHUNK_FAILED = /dynamically imported module|Importing a module script failed|error loading dynamically imported module|Unable to preload CSS/iu;

/** A screen's error as the clerk reads it: a script that could not be fetched is the lost server. */
export function screenError(error: unknown): ApiError {
  const message = error instanceof Error ? error.message : String(error);
  if (CHUNK_FAILED.test(message)) return { code: 'NETWORK', message: NETWORK_ERROR };
  return { code: 'UNEXPECTED', message: `Màn hình này gặp lỗi ngoài dự kiến (${message}). Hãy tải lại trang; nếu lỗi còn, hãy báo cho người quản trị ứng dụng.`, params: { detail: message } };
}
