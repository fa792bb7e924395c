// What antd's <App> gives every screen (App.useApp(): message, notification, modal),
// without putting those three on the first screen. antd's App creates them with hooks
// whose holders must be mounted; here the holders load in their own chunk after the
// first screen is up (warmDeferred), or at the first call if that comes sooner. A call
// made before then waits for them and is answered the same way (`await modal.confirm`
// still gives true or false). The root <div class="ant-app"> and its style are antd's.
import AppContext, { type useAppProps as AppApis } from 'antd/es/app/context';
import useAppStyle from 'antd/es/app/style';
import { ConfigContext } from 'antd/es/config-provider/context';
import { useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { deferred, onWarm } from '../lib/deferred';
import type { FeedbackHoldersProps } from './FeedbackHolders';

const FeedbackHolders = deferred<FeedbackHoldersProps>(() => import('./FeedbackHolders'));

/** Each method of the three Apis, standing in until the real one is here. */
function waiting(real: Promise<AppApis>, request: () => void): AppApis {
  const part = (name: keyof AppApis) =>
    new Proxy(
      {},
      {
        get: (_, method) => {
          if (typeof method !== 'string' || method === 'then') return undefined;
          return (...args: unknown[]) => {
            request();
            return real.then((apis) => {
              const target = apis[name] as unknown as Record<string, (...a: unknown[]) => unknown>;
              return target[method]?.(...args);
            });
          };
        },
      },
    );
  return { message: part('message'), notification: part('notification'), modal: part('modal') } as unknown as AppApis;
}

export function Feedback({ children }: { children: ReactNode }) {
  const { getPrefixCls } = useContext(ConfigContext);
  const prefixCls = getPrefixCls('app');
  const [hashId, cssVarCls] = useAppStyle(prefixCls);
  const [apis, setApis] = useState<AppApis | null>(null);
  const [wanted, setWanted] = useState(false);
  const pending = useMemo(() => {
    let resolve: (apis: AppApis) => void = () => {};
    const real = new Promise<AppApis>((r) => {
      resolve = r;
    });
    // The first call made before the holders are here asks for them (from an event
    // handler or an effect, never during a render).
    return { resolve, stand: waiting(real, () => setWanted(true)) };
  }, []);
  useEffect(() => onWarm(() => setWanted(true)), []);
  const ready = useCallback(
    (real: AppApis) => {
      setApis(real);
      pending.resolve(real);
    },
    [pending],
  );
  return (
    <AppContext.Provider value={apis ?? pending.stand}>
      <div className={[hashId, prefixCls, cssVarCls].filter(Boolean).join(' ')}>
        {wanted ? <FeedbackHolders onReady={ready} /> : null}
        {children}
      </div>
    </AppContext.Provider>
  );
}
