// The period every screen works on, chosen once in the frame and kept across reloads.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Period } from '../../shared/domain';
import type { ApiError } from '../../shared/errors';
import { api } from '../api';
import { choosePeriod, loadStoredPeriod, storePeriod, todayIso } from './period';

interface PeriodState {
  periods: Period[];
  period: Period | null;
  setPeriod: (code: string) => void;
  loading: boolean;
  error: ApiError | null;
  reload: () => void;
}

const PeriodContext = createContext<PeriodState | null>(null);

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function PeriodProvider({ children }: { children: ReactNode }) {
  const [periods, setPeriods] = useState<Period[]>([]);
  const [code, setCode] = useState<string | null>(() => loadStoredPeriod(storage()));
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    setLoading(true);
    void api['periods.list']({}).then((result) => {
      if (!live) return;
      setLoading(false);
      if (result.ok) {
        setError(null);
        setPeriods(result.value);
      } else {
        setError(result.error);
      }
    });
    return () => {
      live = false;
    };
  }, [generation]);

  const period = useMemo(() => choosePeriod(periods, code, todayIso()), [periods, code]);
  const setPeriod = useCallback((next: string) => {
    setCode(next);
    storePeriod(storage(), next);
  }, []);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const value = useMemo(() => ({ periods, period, setPeriod, loading, error, reload }), [periods, period, setPeriod, loading, error, reload]);
  return <PeriodContext.Provider value={value}>{children}</PeriodContext.Provider>;
}

export function usePeriod(): PeriodState {
  const state = useContext(PeriodContext);
  if (!state) throw new Error('usePeriod outside PeriodProvider');
  return state;
}
