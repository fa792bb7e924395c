// The issuing body's settings: heading lines, place, Party or State heading style.
import { AppError } from '../../shared/errors';
import type { Organization } from '../../shared/domain';
import { findOrganizationRow } from '../../db/queries/organization';
import type { AppContext } from './context';

export async function getOrganization(ctx: AppContext): Promise<Organization> {
  const row = await findOrganizationRow(ctx.db);
  if (!row) throw new AppError('NOT_FOUND', 'Chưa có thông tin cơ quan. Hãy khởi tạo dữ liệu (lệnh init).');
  return {
    name: row.name,
    parentBody: row.parent_body,
    issuingBody: row.issuing_body,
    place: row.place,
    headingStyle: row.heading_style,
    standingOfficeCode: row.standing_office_code,
  };
}
