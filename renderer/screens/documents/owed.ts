// Who a reminder letter chases, apart from the dialog that writes it: Tổng quan asks
// this on its first paint, and loads the dialog (with its date fields) only when opened.
import type { AgencyReceipt } from '../../../shared/api';

/** The agencies a reminder chases: no report yet, or the report sent back for correction. */
export function owedAgencies(agencies: readonly AgencyReceipt[]): AgencyReceipt[] {
  return agencies.filter((a) => a.state === 'missing' || a.state === 'returned');
}
