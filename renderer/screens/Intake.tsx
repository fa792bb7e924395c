// Nhận báo cáo: take in many workbooks at once (check, preview, commit), and manage
// the reports already received (revision history, restore, return for correction).
import { useCallback, useMemo } from 'react';
import type { Period } from '../../shared/domain';
import { useApi } from '../hooks/useApi';
import { Batch } from './intake/Batch';
import { Received } from './intake/Received';

export function Intake({ period, params }: { period: Period; params: Record<string, string> }) {
  const agencies = useApi('agencies.list', { includeInactive: true });
  const submissions = useApi('submissions.list', { period: period.code });
  const names = useMemo(() => new Map((agencies.value ?? []).map((a) => [a.code, a.name])), [agencies.value]);
  const agencyName = useCallback((code: string) => names.get(code) ?? code, [names]);
  const reload = submissions.reload;
  return (
    <div className="screen intake">
      <Batch period={period} agencyName={agencyName} onCommitted={reload} />
      <Received period={period} submissions={submissions} agencyName={agencyName} focusAgency={params['agency']} onChanged={reload} />
    </div>
  );
}
