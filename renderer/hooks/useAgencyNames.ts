// Agency names by code, inactive ones too: a comparison with last year or a rule check
// may name an agency that has since stopped, and the clerk should read its name.
import { useMemo } from 'react';
import type { AgencyNames } from '../lib/coverage';
import { useApi } from './useApi';

export function useAgencyNames(): AgencyNames {
  const agencies = useApi('agencies.list', { includeInactive: true });
  return useMemo(() => new Map((agencies.value ?? []).map((a) => [a.code, a.name])), [agencies.value]);
}
