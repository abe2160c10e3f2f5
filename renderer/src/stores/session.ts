import { create } from 'zustand';
import type { LoginResult, Permission, SystemStatus } from '../../../electron/contract';
import { useScheme } from './scheme';
import { useToasts } from './toasts';
import { ApiError, call, errorMessage, getSessionToken, onAuthError, setSessionToken } from '../api/client';

export type Phase = 'loading' | 'error' | 'setup' | 'login' | 'app';

interface SessionState {
  phase: Phase;
  status: SystemStatus | null;
  login: LoginResult | null;
  /** Message shown on the login screen (expired session, idle logout …). */
  loginMessage: string | null;
  bootError: string | null;
  boot: () => Promise<void>;
  signIn: (username: string, password: string) => Promise<void>;
  signOut: (message?: string | null) => Promise<void>;
  expire: (message: string) => void;
  setupDone: (status: SystemStatus) => void;
}

export const useSession = create<SessionState>((set, get) => ({
  phase: 'loading',
  status: null,
  login: null,
  loginMessage: null,
  bootError: null,

  boot: async () => {
    set({ phase: 'loading', bootError: null });
    let status: SystemStatus;
    try {
      status = await call('system.status', {});
    } catch (err) {
      set({ phase: 'error', bootError: errorMessage(err) });
      return;
    }
    set({ status });
    if (!status.setupDone) {
      set({ phase: 'setup' });
      return;
    }
    if (!getSessionToken()) {
      set({ phase: 'login' });
      return;
    }
    try {
      const me = await call('auth.me', {});
      set({ phase: 'app', login: { ...me, token: getSessionToken() ?? me.token } });
    } catch (err) {
      setSessionToken(null);
      set({ phase: 'login', login: null, loginMessage: errorMessage(err) });
    }
  },

  signIn: async (username, password) => {
    const res = await call('auth.login', { username, password });
    setSessionToken(res.token);
    set({ phase: 'app', login: res, loginMessage: null });
  },

  signOut: async (message = null) => {
    if (getSessionToken()) {
      try {
        await call('auth.logout', {});
      } catch {
        /* the session may already be gone */
      }
    }
    setSessionToken(null);
    useScheme.setState({ categories: [], loaded: false });
    // The next person at this PC must not see the previous one's notices.
    useToasts.setState({ toasts: [] });
    set({ phase: 'login', login: null, loginMessage: message });
  },

  expire: (message) => {
    if (get().phase !== 'app') return;
    setSessionToken(null);
    useScheme.setState({ categories: [], loaded: false });
    set({ phase: 'login', login: null, loginMessage: message });
  },

  setupDone: (status) => set({ status, phase: 'login', loginMessage: null }),
}));

onAuthError((err: ApiError) => useSession.getState().expire(err.message));

export function usePermission(p: Permission): boolean {
  return useSession((s) => !!s.login?.permissions.includes(p));
}

export const hasPerm = (p: Permission): boolean => !!useSession.getState().login?.permissions.includes(p);
