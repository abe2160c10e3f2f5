import type { LoginResult, Permission, SystemStatus } from '../../../electron/contract';
import { defineStore, resetUserState } from './define';
import { ApiError, call, errorMessage, getSessionToken, onAuthError, setSessionToken } from '../api/client';

/** `password`: an administrator set the password; the user must replace it before anything else. */
export type Phase = 'loading' | 'error' | 'noToken' | 'setup' | 'login' | 'password' | 'app';

interface SessionState {
  phase: Phase;
  status: SystemStatus | null;
  login: LoginResult | null;
  /** Message shown on the login screen (expired session, idle logout …). */
  loginMessage: string | null;
  bootError: string | null;
  /** The administrator-set password just typed at login, so the change screen need not ask for it again. */
  initialPassword: string | null;
  boot: () => Promise<void>;
  signIn: (username: string, password: string) => Promise<void>;
  signOut: (message?: string | null) => Promise<void>;
  expire: (message: string) => void;
  setupDone: (status: SystemStatus) => void;
  /** The first-login change succeeded: the session may now use the app. */
  passwordChanged: () => void;
}

/** The user whose data the stores may hold; any other user (or none) empties them first. */
let storesUserId: string | null = null;
function storesBelongTo(userId: string | null): void {
  if (userId === storesUserId) return;
  resetUserState();
  storesUserId = userId;
}

export const useSession = defineStore<SessionState>(
  'session',
  (set, get) => ({
    phase: 'loading',
    status: null,
    login: null,
    loginMessage: null,
    bootError: null,
    initialPassword: null,

    boot: async () => {
      set({ phase: 'loading', bootError: null });
      let status: SystemStatus;
      try {
        status = await call('system.status', {});
      } catch (err) {
        // Opened without the launch token (or with an old one): retrying cannot help, the page says how to get in.
        if (err instanceof ApiError && err.code === 'BRIDGE_TOKEN_INVALID') set({ phase: 'noToken' });
        else set({ phase: 'error', bootError: errorMessage(err) });
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
        storesBelongTo(me.user.id);
        set({
          phase: me.mustChangePassword ? 'password' : 'app',
          login: { ...me, token: getSessionToken() ?? me.token },
        });
      } catch (err) {
        setSessionToken(null);
        set({ phase: 'login', login: null, loginMessage: errorMessage(err) });
      }
    },

    signIn: async (username, password) => {
      const res = await call('auth.login', { username, password });
      setSessionToken(res.token);
      storesBelongTo(res.user.id);
      if (res.mustChangePassword) set({ phase: 'password', login: res, loginMessage: null, initialPassword: password });
      else set({ phase: 'app', login: res, loginMessage: null });
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
      // The next person at this PC must not see the previous one's data or notices.
      storesBelongTo(null);
      set({ phase: 'login', login: null, loginMessage: message, initialPassword: null });
    },

    expire: (message) => {
      if (get().phase !== 'app' && get().phase !== 'password') return;
      setSessionToken(null);
      storesBelongTo(null);
      set({ phase: 'login', login: null, loginMessage: message });
    },

    setupDone: (status) => set({ status, phase: 'login', loginMessage: null }),

    passwordChanged: () => {
      const login = get().login;
      set({ phase: 'app', initialPassword: null, login: login && { ...login, mustChangePassword: false } });
    },
  }),
  { notPerUser: 'it is who is logged in; it resets the others (resetUserState) when that changes' },
);

onAuthError((err: ApiError) => {
  // The bridge was restarted with a new token: the session is gone and only the new address helps.
  if (err.code === 'BRIDGE_TOKEN_INVALID') {
    storesBelongTo(null);
    useSession.setState({ phase: 'noToken', login: null });
  } else useSession.getState().expire(err.message);
});

export function usePermission(p: Permission): boolean {
  return useSession((s) => !!s.login?.permissions.includes(p));
}

export const hasPerm = (p: Permission): boolean => !!useSession.getState().login?.permissions.includes(p);
