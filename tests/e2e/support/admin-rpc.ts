/**
 * Test setup through the bridge as the administrator, before the browser opens: one
 * typed call per method, failing the test on an error result.
 */
import type { LoginResult, MethodName, MethodOutput } from '../../../electron/contract';
import { httpCaller } from '../../helpers/http-client';
import type { ServeHandle } from './server';

export type AdminCall = <M extends MethodName>(method: M, input: unknown) => Promise<MethodOutput<M>>;

export async function adminRpc(serve: ServeHandle, password: string, username = 'admin'): Promise<AdminCall> {
  const rpc = httpCaller(serve.origin, decodeURIComponent(new URL(serve.url).hash.replace(/^#token=/, '')));
  const call = async (method: string, input: unknown, session?: string): Promise<unknown> => {
    const r = await rpc(method, input, session);
    if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
    return r.value;
  };
  const login = (await call('auth.login', { username, password })) as LoginResult;
  return async (method, input) => (await call(method, input, login.token)) as MethodOutput<typeof method>;
}
