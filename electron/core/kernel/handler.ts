import type { MethodName, MethodOutput, MethodParsed } from '../../contract/methods';
import type { SessionStore } from '../auth/sessions';
import { actorOf, type Actor, type CoreContext, type Session } from './context';
import { AppError } from './errors';
import { inTransaction } from './tx';

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

/** Runs a session's mutation in one transaction, handing it the session and its audit actor. */
export function mutation<T>(env: HandlerEnv, fn: (ctx: CoreContext, s: Session, actor: Actor) => T): T {
  const s = sessionOf(env);
  return inTransaction(env.ctx, () => fn(env.ctx, s, actorOf(s)));
}
