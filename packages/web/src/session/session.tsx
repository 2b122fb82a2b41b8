import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setUnauthorizedHandler, type ApiError } from '../api/client.ts';
import type { Me, Permission } from '../api/types.ts';
import { permissionsOf } from './permissions.ts';

export interface Session {
  me: Me;
  can: (permission: Permission) => boolean;
  signOut: () => Promise<void>;
}

type SessionState = { status: 'loading' } | { status: 'signed-out'; notice?: string } | { status: 'failed'; error: ApiError } | { status: 'signed-in'; me: Me };

const HINT_KEY = 'invoiceops.signed-in';

function hasSessionHint(): boolean {
  try {
    return window.localStorage.getItem(HINT_KEY) === '1';
  } catch {
    return true; // storage blocked: ask the server
  }
}

/** Remembers (or forgets) that this browser holds a session cookie. */
export function setSessionHint(signedIn: boolean): void {
  try {
    if (signedIn) window.localStorage.setItem(HINT_KEY, '1');
    else window.localStorage.removeItem(HINT_KEY);
  } catch {
    // storage blocked: every load asks the server instead
  }
}

const SessionContext = createContext<Session | null>(null);

/** The signed-in user; only inside the signed-in part of the app. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

/**
 * Loads the current user from the session cookie (`GET /v1/me`) and renders `signedIn`
 * or `signedOut`. A 401 from any call later (the session expired) returns to sign-in.
 */
export function SessionGate(props: {
  signedIn: ReactNode;
  signedOut: (onSignedIn: () => void, notice: string | undefined) => ReactNode;
  loading: ReactNode;
  failed: (error: ApiError, retry: () => void) => ReactNode;
}) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const load = useCallback(() => {
    // The session cookie is httpOnly, so a hint remembers whether this browser signed in:
    // without one, show sign-in at once instead of asking the server and getting a 401.
    if (!hasSessionHint()) {
      setState({ status: 'signed-out' });
      return;
    }
    setState({ status: 'loading' });
    api<Me>('/v1/me').then(
      (me) => setState({ status: 'signed-in', me }),
      (error: ApiError) => {
        if (error.status === 401) setSessionHint(false);
        setState(error.status === 401 ? { status: 'signed-out' } : { status: 'failed', error });
      },
    );
  }, []);

  useEffect(() => {
    load();
    setUnauthorizedHandler(() => {
      setSessionHint(false);
      setState({ status: 'signed-out', notice: 'Your session has ended. Please sign in again.' });
    });
    return () => setUnauthorizedHandler(null);
  }, [load]);

  const session = useMemo<Session | null>(() => {
    if (state.status !== 'signed-in') return null;
    const granted = permissionsOf(state.me);
    return {
      me: state.me,
      can: (permission) => granted.has(permission),
      signOut: async () => {
        await api('/v1/auth/sign-out', { method: 'POST' }).catch(() => undefined);
        setSessionHint(false);
        setState({ status: 'signed-out' });
      },
    };
  }, [state]);

  if (state.status === 'loading') return props.loading;
  if (state.status === 'failed') return props.failed(state.error, load);
  if (state.status === 'signed-out' || !session) return props.signedOut(load, state.status === 'signed-out' ? state.notice : undefined);
  return <SessionContext.Provider value={session}>{props.signedIn}</SessionContext.Provider>;
}
