// Who this app is connected as (issue #16): on a PostgreSQL server a leader's read-only
// role gets the same screens without the controls that change data. The server refuses
// such a role's writes whatever the screen shows (GRANTs, server-setup); hiding the
// controls only spares the leader buttons that could never work.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SessionInfo } from '../../shared/domain';
import { api } from '../api';

interface SessionState {
  /** Null until the app has asked (and on a failed ask, where the server's own refusal still stands). */
  session: SessionInfo | null;
  /** False only for a role the server has said cannot write. */
  canWrite: boolean;
}

const SessionContext = createContext<SessionState>({ session: null, canWrite: true });

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionInfo | null>(null);
  useEffect(() => {
    let live = true;
    void api['session.get']({}).then((r) => {
      if (live && r.ok) setSession(r.value);
    });
    return () => {
      live = false;
    };
  }, []);
  const value = useMemo(() => ({ session, canWrite: session?.canWrite ?? true }), [session]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  return useContext(SessionContext);
}

/** What changes data: drawn only for a role that may write. */
export function Writes({ children }: { children: ReactNode }): ReactNode {
  return useSession().canWrite ? children : null;
}
