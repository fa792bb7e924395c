// A component whose code loads the first time it is drawn, not with the first screen.
// The build (vite.config.ts) routes a few of antd's inner parts through it: parts that
// Table and Card import unconditionally but Tổng quan never draws (the filter menu, the
// selection checkboxes, the pager, the card tabs). Until the code is there the part
// draws nothing; warmDeferred() fetches every part once the first screen is up, so a
// later screen normally finds it loaded and draws it at once.
import { createElement, lazy, Suspense, useState, type ComponentType } from 'react';

type Loader = () => Promise<unknown>;

const loaders: Loader[] = [];
const warmListeners = new Set<() => void>();
let warmed = false;

export function deferred<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<{ default: ComponentType<P> }> | undefined;
  const once = () =>
    (loading ??= load().then(
      (m) => {
        loaded = m.default;
        return m;
      },
      (error: unknown) => {
        loading = undefined; // the next use tries again
        throw error;
      },
    ));
  loaders.push(once);
  const Lazy = lazy(once);
  function Deferred(props: P) {
    // Decided once per instance: switching from the lazy path to the direct one while
    // mounted would remount the part and lose its state.
    const [ready] = useState(() => loaded);
    if (ready) return createElement(ready, props);
    return createElement(Suspense, { fallback: null }, createElement(Lazy, props));
  }
  return Deferred;
}

/** Fetches every deferred part now (idle time after the first screen); failures wait for first use. */
export function warmDeferred(): void {
  if (warmed) return;
  warmed = true;
  for (const load of loaders) load().catch(() => {});
  for (const listener of warmListeners) listener();
}

/** Calls back when the deferred parts are fetched (at once if they already were); returns the unsubscribe. */
export function onWarm(listener: () => void): () => void {
  if (warmed) {
    listener();
    return () => {};
  }
  warmListeners.add(listener);
  return () => warmListeners.delete(listener);
}

/** Warms the deferred parts once the browser is idle (after the screen that calls it has drawn). */
export function warmWhenIdle(): void {
  if (warmed) return;
  if (typeof requestIdleCallback === 'function') requestIdleCallback(warmDeferred, { timeout: 2000 });
  else setTimeout(warmDeferred, 200);
}
