/**
 * The single typed client. Inside Electron it talks to the preload bridge
 * (`window.dangan`), otherwise to the localhost HTTP bridge (`POST ./rpc` + SSE).
 */
import type {
  CoreEvents,
  ErrorCode,
  EventName,
  MethodInput,
  MethodName,
  MethodOutput,
  Result,
} from '../../../electron/contract';
import { t } from '../i18n/zh-CN';

export interface DanganBridge {
  invoke(method: string, input: unknown, sessionToken: string | null): Promise<Result<unknown>>;
  on(event: string, cb: (data: unknown) => void): () => void;
}

declare global {
  interface Window {
    dangan?: DanganBridge;
  }
}

export type ClientErrorCode = ErrorCode | 'NETWORK';

export class ApiError extends Error {
  readonly code: ClientErrorCode;
  readonly details: unknown;
  constructor(code: ClientErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }
}

const BRIDGE_KEY = 'dangan.bridgeToken';
const SESSION_KEY = 'dangan.session';

/** Reads `#token=XYZ` once at startup, stores it and removes it from the address bar. */
export function initBridgeToken(): void {
  const hash = window.location.hash.replace(/^#/, '');
  if (!hash) return;
  const params = new URLSearchParams(hash);
  const token = params.get('token');
  if (token) {
    sessionStorage.setItem(BRIDGE_KEY, token);
    const url = window.location.pathname + window.location.search;
    window.history.replaceState(null, '', url);
  }
}

/**
 * A clerk who opened the bare address (and was told how to get in) pastes the full one into
 * the same tab: the browser only changes the hash and does not load the page again, so the
 * app starts over itself and takes the token.
 */
export function watchPastedBridgeToken(): void {
  window.addEventListener('hashchange', () => {
    if (new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token')) window.location.reload();
  });
}

export const getBridgeToken = (): string => sessionStorage.getItem(BRIDGE_KEY) ?? '';
export const getSessionToken = (): string | null => sessionStorage.getItem(SESSION_KEY);
export function setSessionToken(token: string | null): void {
  if (token) sessionStorage.setItem(SESSION_KEY, token);
  else sessionStorage.removeItem(SESSION_KEY);
}

type AuthErrorHandler = (err: ApiError) => void;
let authErrorHandler: AuthErrorHandler | null = null;
/** Registered by the session store: SESSION_EXPIRED / AUTH_REQUIRED → login screen; BRIDGE_TOKEN_INVALID → how to get in. */
export function onAuthError(handler: AuthErrorHandler | null): void {
  authErrorHandler = handler;
}

const AUTH_CODES: ReadonlySet<string> = new Set(['SESSION_EXPIRED', 'AUTH_REQUIRED', 'BRIDGE_TOKEN_INVALID']);

async function httpInvoke(method: string, input: unknown, session: string | null): Promise<Result<unknown>> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-dangan-token': getBridgeToken(),
  };
  if (session) headers['x-dangan-session'] = session;
  let res: Response;
  try {
    res = await fetch('./rpc', { method: 'POST', headers, body: JSON.stringify({ method, input }) });
  } catch {
    throw new ApiError('NETWORK', t('error.network'));
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new ApiError('NETWORK', t('error.badResponse', { status: String(res.status) }));
  }
  if (!body || typeof body !== 'object' || !('ok' in body)) {
    throw new ApiError('NETWORK', t('error.badResponse', { status: String(res.status) }));
  }
  return body as Result<unknown>;
}

export async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const session = getSessionToken();
  const bridge = window.dangan;
  let result: Result<unknown>;
  if (bridge) {
    try {
      result = await bridge.invoke(method, input ?? {}, session);
    } catch {
      throw new ApiError('NETWORK', t('error.network'));
    }
  } else {
    result = await httpInvoke(method, input ?? {}, session);
  }
  if (result.ok) return result.value as MethodOutput<M>;
  const { code, message, details } = result.error;
  const err = new ApiError(code, message || t('error.unknown'), details);
  if (AUTH_CODES.has(code) && method !== 'auth.login' && authErrorHandler) authErrorHandler(err);
  throw err;
}

/* ---------- events ---------- */

type Listener = (data: unknown) => void;
const listeners = new Map<string, Set<Listener>>();
let source: EventSource | null = null;
const attached = new Set<string>();

function ensureSource(event: string): void {
  if (!source) {
    source = new EventSource(`./events?token=${encodeURIComponent(getBridgeToken())}`);
  }
  if (attached.has(event)) return;
  attached.add(event);
  source.addEventListener(event, (ev) => {
    let data: unknown;
    try {
      data = JSON.parse((ev as MessageEvent<string>).data);
    } catch {
      return;
    }
    listeners.get(event)?.forEach((cb) => cb(data));
  });
}

/** Subscribes to a core event; returns the unsubscribe function. */
export function subscribe<E extends EventName>(event: E, cb: (data: CoreEvents[E]) => void): () => void {
  const bridge = window.dangan;
  if (bridge) return bridge.on(event, cb as Listener);
  let set = listeners.get(event);
  if (!set) {
    set = new Set();
    listeners.set(event, set);
  }
  set.add(cb as Listener);
  ensureSource(event);
  return () => {
    set.delete(cb as Listener);
  };
}

/* ---------- helpers ---------- */

interface Issue {
  path: (string | number)[];
  message: string;
}

/** Errors whose details name the fields at fault (one issue or a list of them). */
const FIELD_ERROR_CODES = new Set(['VALIDATION_FAILED', 'INVALID_ID_NUMBER']);

/**
 * Field-level details → `{ 'title': '请填写题名', 'persons.0.idNumber': … }` (first message per
 * path), so the form can mark and focus the field instead of showing a banner.
 */
export function fieldErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(err instanceof ApiError) || !FIELD_ERROR_CODES.has(err.code)) return out;
  const list: unknown[] = Array.isArray(err.details) ? err.details : [err.details];
  for (const raw of list) {
    if (!raw || typeof raw !== 'object') continue;
    const issue = raw as Partial<Issue>;
    if (!Array.isArray(issue.path) || issue.path.length === 0) continue;
    const key = issue.path.join('.');
    const message = typeof issue.message === 'string' ? issue.message : err.message;
    if (!(key in out)) out[key] = message;
  }
  return out;
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return t('error.unknown');
}
