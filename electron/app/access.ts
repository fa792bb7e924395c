// Who may change the data (issue #16): on a shared server a leader connects with a
// read-only role, whose writes the server itself refuses (server-setup's GRANTs). That
// refusal reaches the clerk as what it is, not as an unexpected failure.
import { isPermissionDenied } from '../../db/handle';
import { AppError } from '../../shared/errors';

export const READ_ONLY_MESSAGE =
  'Tài khoản máy chủ dữ liệu đang dùng chỉ được xem số liệu, không được thay đổi, nên thao tác chưa được thực hiện và dữ liệu không bị thay đổi. Nếu anh/chị cần nhập hoặc sửa số liệu, hãy nhờ người quản trị máy chủ cấp tài khoản văn thư.';

export function readOnly(): AppError {
  return new AppError('READ_ONLY', READ_ONLY_MESSAGE);
}

/** The server's refusal of a write, in words; null for any other failure. */
export function refusedWrite(err: unknown): AppError | null {
  return isPermissionDenied(err) ? readOnly() : null;
}
