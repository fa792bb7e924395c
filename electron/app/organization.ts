// The issuing body's settings: heading lines, place, Party or State heading style.
import { AppError } from '../../shared/errors';
import type { Organization } from '../../shared/domain';
import { findOrganizationRow } from '../../db/queries/organization';
import type { AppContext } from './context';

export async function getOrganization(ctx: AppContext): Promise<Organization> {
  const row = await findOrganizationRow(ctx.db);
  if (!row) throw new AppError('NOT_FOUND', 'Chưa có thông tin cơ quan. Hãy khôi phục dữ liệu từ một bản sao lưu (mục Cài đặt); nếu chưa có bản sao lưu, hãy báo người quản trị ứng dụng.');
  return {
    name: row.name,
    parentBody: row.parent_body,
    issuingBody: row.issuing_body,
    place: row.place,
    headingStyle: row.heading_style,
    standingOfficeCode: row.standing_office_code,
  };
}
