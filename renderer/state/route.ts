// The selected screen lives in the URL hash ("#/intake?agency=CA") so a reload keeps
// it and every figure can link to its detail. No routing library: four screens and a
// few parameters do not need one.
export const SCREENS = ['overview', 'forms', 'intake', 'consolidation', 'entry', 'charts', 'profiles', 'plan', 'agencies', 'periods', 'audit', 'settings'] as const;
/** Administration screens: they work on a plan year or on the whole app, not on the chosen period. */
export const ADMIN_SCREENS = ['plan', 'agencies', 'periods', 'audit', 'settings'] as const satisfies readonly Screen[];
export type Screen = (typeof SCREENS)[number];
/** Screens that only change data (receiving reports, typing them in, saving layouts): not drawn for a read-only role. */
export const WRITE_SCREENS = ['intake', 'entry', 'profiles'] as const satisfies readonly Screen[];

export interface Route {
  screen: Screen;
  params: Record<string, string>;
}

export function parseHash(hash: string): Route {
  const body = hash.replace(/^#\/?/u, '');
  const [path = '', query = ''] = body.split('?', 2);
  const screen = (SCREENS as readonly string[]).includes(path) ? (path as Screen) : 'overview';
  const params: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(query)) params[k] = v;
  return { screen, params };
}

export function formatHash(route: { screen: Screen; params?: Record<string, string | undefined> }): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(route.params ?? {})) if (v !== undefined && v !== '') query.set(k, v);
  const text = query.toString();
  return `#/${route.screen}${text ? `?${text}` : ''}`;
}
