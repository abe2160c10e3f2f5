import { eq, sql } from 'drizzle-orm';
import { users } from '../../../db/schema';
import type { LoginResult } from '../../contract/dto';
import { ROLE_LABELS, SECURITY_LABELS } from '../../contract/domain';
import { ROLE_PERMISSIONS } from '../../contract/permissions';
import { appendAudit } from '../audit';
import { warmDefaultView } from '../catalogue';
import {
  nodeIdOf,
  recordChange,
  actorOf,
  type CoreContext,
  AppError,
  sessionOf,
  type Handlers,
  inTransaction,
  idleMinutes,
} from '../kernel';
import { dummyHash, hashPassword, verifyPassword } from './passwords';
import { clearanceOf, findUserById, findUserByName, insertUser, toUserView, type UserRecord } from './users';

/** Account and login changes leave the catalogue's caches valid. */
const ACCOUNTS_ONLY = { catalogue: false };

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

function loginResult(ctx: CoreContext, u: UserRecord, token: string): LoginResult {
  return {
    token,
    user: toUserView(u),
    permissions: [...ROLE_PERMISSIONS[u.role]],
    idleTimeoutMinutes: idleMinutes(ctx),
    mustChangePassword: u.mustChangePassword,
  };
}

/** The columns a change may set: everything but the bookkeeping this function owns. */
type UserChange = Partial<Omit<typeof users.$inferInsert, 'id' | 'version' | 'updatedAt'>>;

/** Writes a change to an account with its new version and change-log row (inside the caller's transaction). */
function touchUser(ctx: CoreContext, u: UserRecord, set: UserChange): void {
  ctx.orm
    .update(users)
    .set({ ...set, version: sql`${users.version} + 1`, updatedAt: ctx.nowIso() })
    .where(eq(users.id, u.id))
    .run();
  recordChange(ctx, 'user', u.id, u.version + 1, 'update');
}

export const authHandlers = {
  'auth.login': ({ ctx, sessions }, { username, password }) => {
    const u = findUserByName(ctx, username);
    // Exactly one scrypt on every path (unknown name, locked, disabled, wrong or right password):
    // an unknown name is checked against a dummy hash of the same cost, so the time a refusal
    // takes does not tell which user names exist. Unknown names and wrong passwords also get
    // the same code and message below.
    const passwordOk = verifyPassword(password, u?.passwordHash ?? dummyHash(ctx.passwordCost));
    const now = ctx.clock.now();
    const actor = { id: u?.id ?? null, name: username };
    if (u && u.lockedUntil && new Date(u.lockedUntil) > now) {
      const mins = Math.ceil((new Date(u.lockedUntil).getTime() - now.getTime()) / 60_000);
      throw new AppError('ACCOUNT_LOCKED', `密码连续错误${MAX_FAILED_LOGINS}次，账号已锁定，请${mins}分钟后再试`, {
        lockedUntil: u.lockedUntil,
      });
    }
    if (!u || !passwordOk) {
      // The failed attempt is recorded even though the call fails: that is the lockout's memory.
      let locked = false;
      inTransaction(
        ctx,
        () => {
          if (u) {
            const attempts = u.failedAttempts + 1;
            locked = attempts >= MAX_FAILED_LOGINS;
            const until = locked ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : null;
            touchUser(ctx, u, { failedAttempts: locked ? 0 : attempts, lockedUntil: until });
          }
          appendAudit(ctx, actor, {
            action: locked ? 'auth.locked' : 'auth.loginFailed',
            entity: 'user',
            entityId: u?.id ?? null,
            summary: locked ? `账号 ${username} 因密码连续错误被锁定` : `登录失败：${username}`,
          });
        },
        ACCOUNTS_ONLY,
      );
      if (locked)
        throw new AppError('ACCOUNT_LOCKED', `密码连续错误${MAX_FAILED_LOGINS}次，账号已锁定${LOCKOUT_MINUTES}分钟`);
      throw new AppError('INVALID_CREDENTIALS');
    }
    if (u.disabled) throw new AppError('ACCOUNT_DISABLED');
    inTransaction(
      ctx,
      () => {
        if (u.failedAttempts > 0 || u.lockedUntil) touchUser(ctx, u, { failedAttempts: 0, lockedUntil: null });
        appendAudit(ctx, actor, {
          action: 'auth.login',
          entity: 'user',
          entityId: u.id,
          summary: `${u.displayName} 登录`,
        });
      },
      ACCOUNTS_ONLY,
    );
    warmDefaultView(ctx, clearanceOf(u));
    return loginResult(ctx, findUserById(ctx, u.id)!, sessions.open(ctx, u.id));
  },

  'auth.logout': (env) => {
    const s = sessionOf(env);
    env.sessions.close(s.token);
    inTransaction(
      env.ctx,
      () =>
        appendAudit(env.ctx, actorOf(s), {
          action: 'auth.logout',
          entity: 'user',
          entityId: s.userId,
          summary: `${s.displayName} 退出`,
        }),
      ACCOUNTS_ONLY,
    );
    return { ok: true as const };
  },

  'auth.me': (env) => {
    const s = sessionOf(env);
    return loginResult(env.ctx, findUserById(env.ctx, s.userId)!, s.token);
  },

  'auth.changePassword': (env, { oldPassword, newPassword }) => {
    const s = sessionOf(env);
    const u = findUserById(env.ctx, s.userId)!;
    if (!verifyPassword(oldPassword, u.passwordHash)) throw new AppError('INVALID_CREDENTIALS', '原密码不正确');
    // The administrator knows the old one: keeping it would defeat the forced change.
    if (oldPassword.normalize('NFC') === newPassword.normalize('NFC')) throw new AppError('PASSWORD_UNCHANGED');
    const hash = hashPassword(newPassword, env.ctx.passwordCost);
    inTransaction(
      env.ctx,
      () => {
        touchUser(env.ctx, u, { passwordHash: hash, mustChangePassword: false });
        appendAudit(env.ctx, actorOf(s), {
          action: 'user.changePassword',
          entity: 'user',
          entityId: u.id,
          summary: u.mustChangePassword ? '首次登录，修改管理员设置的密码' : '修改本人密码',
        });
      },
      ACCOUNTS_ONLY,
    );
    // Whoever may know the old password (a shoulder-surfer, the administrator who set it) loses
    // any session they opened with it; the session that made the change stays.
    env.sessions.closeForUser(u.id, s.token);
    return { ok: true as const };
  },

  'users.list': ({ ctx }) => ctx.orm.select().from(users).orderBy(users.createdAt).all().map(toUserView),

  'users.create': (env, input) => {
    const s = sessionOf(env);
    const { ctx } = env;
    if (findUserByName(ctx, input.username))
      throw new AppError('DUPLICATE_USERNAME', `用户名“${input.username}”已存在`);
    const passwordHash = hashPassword(input.password, ctx.passwordCost);
    const created = inTransaction(
      ctx,
      () => {
        const u = insertUser(ctx, nodeIdOf(ctx), { ...input, passwordHash, mustChangePassword: true });
        recordChange(ctx, 'user', u.id, 1, 'insert');
        appendAudit(ctx, actorOf(s), {
          action: 'user.create',
          entity: 'user',
          entityId: u.id,
          summary: `新建用户 ${u.displayName}(${u.username})，角色 ${ROLE_LABELS[u.role]}，密级 ${SECURITY_LABELS[clearanceOf(u)]}`,
          details: { username: u.username, role: u.role, clearance: u.clearance },
        });
        return u;
      },
      ACCOUNTS_ONLY,
    );
    return toUserView(created);
  },

  'users.update': (env, input) => {
    const s = sessionOf(env);
    const { ctx } = env;
    const u = findUserById(ctx, input.id);
    if (!u) throw new AppError('NOT_FOUND', '用户不存在');
    if (u.id === s.userId && (input.disabled || (input.role && input.role !== 'admin'))) {
      throw new AppError('FORBIDDEN', '不能停用自己或取消自己的管理员角色');
    }
    // Rule: an administrator may lower their own 密级 but not raise it; raising it takes another
    // administrator, so the audit log names a second person for every widening of an
    // administrator's reach. The refused call changes nothing, so it leaves no audit row.
    if (u.id === s.userId && input.clearance !== undefined && input.clearance > u.clearance) {
      throw new AppError('SELF_CLEARANCE_RAISE');
    }
    const hash = input.resetPassword ? hashPassword(input.resetPassword, ctx.passwordCost) : null;
    inTransaction(
      ctx,
      () => {
        touchUser(ctx, u, {
          displayName: input.displayName ?? u.displayName,
          role: input.role ?? u.role,
          clearance: input.clearance ?? u.clearance,
          disabled: input.disabled ?? u.disabled,
          passwordHash: hash ?? u.passwordHash,
          // A password the administrator typed is known to them: the user must replace it.
          mustChangePassword: hash ? true : u.mustChangePassword,
          failedAttempts: input.unlock || hash ? 0 : u.failedAttempts,
          lockedUntil: input.unlock || hash ? null : u.lockedUntil,
        });
        const { resetPassword: _omit, ...shown } = input;
        appendAudit(ctx, actorOf(s), {
          action: 'user.update',
          entity: 'user',
          entityId: u.id,
          summary: `修改用户 ${u.username}${hash ? '（重置密码）' : ''}`,
          details: { ...shown, passwordReset: !!hash },
        });
      },
      ACCOUNTS_ONLY,
    );
    if (input.disabled || hash) env.sessions.closeForUser(u.id);
    return toUserView(findUserById(ctx, u.id)!);
  },
} satisfies Partial<Handlers>;
