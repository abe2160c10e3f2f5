import type { ZodError } from 'zod';
import { ERROR_MESSAGES, type Result } from '../contract/errors';
import { methods, type MethodName, type MethodOutput } from '../contract/methods';
import type { Permission } from '../contract/permissions';
import type { Targets } from '../contract/targets';
import type { SessionStore } from './auth';
import { assertTargets } from './clearance';
import { type CoreContext, type Session, AppError, type Handlers, isSetUp } from './kernel';

export interface CallContext {
  sessionToken?: string | undefined;
}

export type Dispatch = <M extends MethodName>(
  method: M,
  input: unknown,
  call?: CallContext,
) => Promise<Result<MethodOutput<M>>>;

/** What a user whose password an administrator set may still do: see who they are, change it, or leave. */
const ALLOWED_BEFORE_PASSWORD_CHANGE: ReadonlySet<string> = new Set([
  'auth.me',
  'auth.changePassword',
  'auth.logout',
  'system.status',
]);

const issuesOf = (e: ZodError) => e.issues.map((i) => ({ path: i.path.map(String), message: i.message }));

/** SQLite's own constraint failures still reach the user as a stable code, never a stack. */
function fromSqlite(e: unknown): AppError | null {
  const code = (e as { code?: string }).code;
  const msg = String((e as Error).message ?? '');
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' && msg.includes('archive_code'))
    return new AppError('DUPLICATE_ARCHIVE_CODE');
  if (code === 'SQLITE_BUSY') return new AppError('BUSY');
  return null;
}

/**
 * The single entry point of every transport: validate the input with the contract's
 * schema, resolve the session, check the permission and the clearance for the records
 * the input names, run the handler (mutations one at a time), and return a Result. Nothing is thrown across this boundary.
 */
export function createDispatch(ctx: CoreContext, handlers: Handlers, sessions: SessionStore): Dispatch {
  return async (method, input, call = {}) => {
    try {
      const spec = Object.hasOwn(methods, method) ? methods[method as MethodName] : undefined;
      if (!spec) throw new AppError('UNKNOWN_METHOD', `未知的操作：${String(method).slice(0, 80)}`);
      const parsed = spec.input.safeParse(input ?? {});
      if (!parsed.success) {
        const issues = issuesOf(parsed.error);
        throw new AppError('VALIDATION_FAILED', issues[0]?.message ?? ERROR_MESSAGES.VALIDATION_FAILED, issues);
      }
      const run = () => {
        let session: Session | null = null;
        if (spec.access !== 'public') {
          if (!isSetUp(ctx)) throw new AppError('SETUP_REQUIRED');
          session = sessions.resolve(ctx, call.sessionToken);
          if (session.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(method))
            throw new AppError('PASSWORD_CHANGE_REQUIRED');
          if (spec.access !== 'session' && !session.permissions.includes(spec.access as Permission)) {
            throw new AppError('FORBIDDEN', `当前账号无权执行此操作（${method}）`);
          }
          // The records the input names, against the caller's 密级 (declared in the contract).
          const targets = (spec as { targets?: Targets<unknown> }).targets;
          if (targets) assertTargets(ctx, session.clearance, targets, parsed.data);
        }
        const handler = handlers[method] as (env: unknown, input: unknown) => unknown;
        return handler({ ctx, session, sessions }, parsed.data);
      };
      // 'audit' methods read beside others and lock only for their audit entry (methods.ts).
      const value = spec.mutates === true ? await ctx.lock.run(run) : await ctx.lock.runRead(run);
      return { ok: true, value: value as MethodOutput<typeof method> };
    } catch (e) {
      const err = e instanceof AppError ? e : fromSqlite(e);
      if (err) return { ok: false, error: err.toPayload() };
      ctx.log.error(`dispatch ${String(method)} failed`, e);
      return { ok: false, error: { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL } };
    }
  };
}
