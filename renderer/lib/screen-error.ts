// What the clerk is told when the app's server cannot be reached, or a screen fails:
// the words of the Api's own network error, and a screen's other errors as they are
// (ApiErrorAlert says both in English by their code when English is chosen).
import type { ApiError } from '../../shared/errors';

// Said to a clerk: what happened and what to do in the app, no commands. (In browser mode
// the page's server is the window that started it; the administrator knows which.)
export const NETWORK_ERROR = 'Không kết nối được với ứng dụng Tổng hợp CCTP trên máy này (có thể cửa sổ chạy ứng dụng đã bị đóng). Hãy mở lại ứng dụng rồi tải lại trang; nếu vẫn không được, hãy báo người quản trị ứng dụng.';

/** The words browsers (and Vite's preloading of a screen's styles) use when a screen's files could not be fetched. */
const CHUNK_FAILED = /dynamically imported module|Importing a module script failed|error loading dynamically imported module|Unable to preload CSS/iu;

/** A screen's error as the clerk reads it: a script that could not be fetched is the lost server. */
export function screenError(error: unknown): ApiError {
  const message = error instanceof Error ? error.message : String(error);
  if (CHUNK_FAILED.test(message)) return { code: 'NETWORK', message: NETWORK_ERROR };
  return { code: 'UNEXPECTED', message: `Màn hình này gặp lỗi ngoài dự kiến. Hãy tải lại trang; nếu lỗi còn, hãy báo người quản trị ứng dụng (chi tiết cho người quản trị: ${message}).`, params: { detail: message } };
}
