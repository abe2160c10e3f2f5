import type { MethodName, MethodOutput, MethodParsed } from '../../contract/methods';
import type { SessionStore } from '../auth/sessions';
import type { CoreContext, Session } from './context';
import { AppError } from './errors';

export interface HandlerEnv {
  ctx: CoreContext;
  session: Session | null;
  sessions: SessionStore;
}

export type Handler<M extends MethodName> = (
  env: HandlerEnv,
  input: MethodParsed<M>,
) => MethodOutput<M> | Promise<MethodOutput<M>>;

export type Handlers = { [M in MethodName]: Handler<M> };

/** The caller's session; dispatch guarantees one for non-public methods. */
export function sessionOf(env: HandlerEnv): Session {
  if (!env.session) throw new AppError('AUTH_REQUIRED');
  return env.session;
}
