import type { MethodName, MethodOutput, MethodParsed } from '../../contract/methods';
import { actorOf, type Actor, type CoreContext, type Session } from './context';
import { AppError } from './errors';
import { inTransaction } from './tx';

/**
 * What handlers may do with the live sessions. auth's SessionStore implements it; the kernel
 * names only this shape so that it imports no domain.
 */
export interface SessionRegistry {
  open(ctx: CoreContext, userId: string): string;
  close(token: string): void;
  closeForUser(userId: string, keep?: string): void;
  resolve(ctx: CoreContext, token: string | undefined): Session;
}

export interface HandlerEnv {
  ctx: CoreContext;
  session: Session | null;
  sessions: SessionRegistry;
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
