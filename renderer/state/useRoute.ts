import { useCallback, useEffect, useState } from 'react';
import { formatHash, parseHash, type Route, type Screen } from './route';

/** The current route, following hash changes (links, back and forward). */
export function useRoute(): [Route, (screen: Screen, params?: Record<string, string | undefined>) => void] {
  const [route, setRoute] = useState<Route>(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback((screen: Screen, params?: Record<string, string | undefined>) => {
    window.location.hash = formatHash({ screen, params });
  }, []);
  return [route, navigate];
}

export function hrefFor(screen: Screen, params?: Record<string, string | undefined>): string {
  return formatHash({ screen, params });
}
