// Loading one Api result into a screen: loading, the value, or the Api's error (its
// Vietnamese message is shown as it is), plus reload after a change.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ArgsOf, MethodName, ResultOf } from '../../shared/api';
import type { ApiError, ApiResult } from '../../shared/errors';
import { api } from '../api';

export type Loaded<T> =
  | { state: 'loading'; value: T | null; error: null }
  | { state: 'ok'; value: T; error: null }
  | { state: 'error'; value: T | null; error: ApiError };

/**
 * Calls `method(args)` whenever the arguments change (compared as JSON); `args` null
 * means "nothing to load yet". The previous value stays while reloading, so a table
 * does not flash empty when the clerk switches periods.
 */
export function useApi<K extends MethodName>(method: K, args: ArgsOf<K> | null): Loaded<ResultOf<K>> & { reload: () => void } {
  const [loaded, setLoaded] = useState<Loaded<ResultOf<K>>>({ state: 'loading', value: null, error: null });
  const [generation, setGeneration] = useState(0);
  const key = args === null ? null : JSON.stringify(args);
  const argsRef = useRef(args);
  argsRef.current = args;

  useEffect(() => {
    if (key === null) return;
    let live = true;
    setLoaded((prev) => ({ state: 'loading', value: prev.value, error: null }));
    // The mapped Api type cannot be narrowed by a generic key, hence the one cast.
    const call = api[method] as unknown as (a: ArgsOf<K>) => Promise<ApiResult<ResultOf<K>>>;
    void call(argsRef.current as ArgsOf<K>).then((result) => {
      if (!live) return;
      setLoaded((prev) => (result.ok ? { state: 'ok', value: result.value, error: null } : { state: 'error', value: prev.value, error: result.error }));
    });
    return () => {
      live = false;
    };
  }, [method, key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...loaded, reload };
}
