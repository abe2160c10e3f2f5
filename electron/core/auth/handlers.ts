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
import { hashPassword, verifyPassword } from './passwords';
import { findUserById, findUserByName, insertUser, toUserView, type UserRecord } from './users';

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
    mustChangePassword: !!u.must_change_password,
  };
}

function touchUser(ctx: CoreContext, u: UserRecord, set: string, ...args: unknown[]): void {
  ctx.sqlite
    .prepare(`UPDATE users SET ${set}, version = version + 1, updated_at = ? WHERE id = ?`)
    .run(...args, ctx.nowIso(), u.id);
  recordChange(ctx, 'user', u.id, u.version + 1, 'update');
}

export const authHandlers = {
  'auth.login': ({ ctx, sessions }, { username, password }) => {
    const u = findUserByName(ctx, username);
    const now = ctx.clock.now();
    const actor = { id: u?.id ?? null, name: username };
    if (u && u.locked_until && new Date(u.locked_until) > now) {
      const mins = Math.ceil((new Date(u.locked_until).getTime() - now.getTime()) / 60_000);
      throw new AppError('ACCOUNT_LOCKED', `密码连续错误${MAX_FAILED_LOGINS}次，账号已锁定，请${mins}分钟后再试`, {
        lockedUntil: u.locked_until,
      });
    }
    if (!u || !verifyPassword(password, u.password_hash)) {
      // The failed attempt is recorded even though the call fails: that is the lockout's memory.
      let locked = false;
      inTransaction(
        ctx,
        () => {
          if (u) {
            const attempts = u.failed_attempts + 1;
            locked = attempts >= MAX_FAILED_LOGINS;
            const until = locked ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : null;
            touchUser(ctx, u, 'failed_attempts = ?, locked_until = ?', locked ? 0 : attempts, until);
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
        if (u.failed_attempts > 0 || u.locked_until) touchUser(ctx, u, 'failed_attempts = 0, locked_until = NULL');
        appendAudit(ctx, actor, {
          action: 'auth.login',
          entity: 'user',
          entityId: u.id,
          summary: `${u.display_name} 登录`,
        });
      },
      ACCOUNTS_ONLY,
    );
    warmDefaultView(ctx, u.clearance);
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
    if (!verifyPassword(oldPassword, u.password_hash)) throw new AppError('INVALID_CREDENTIALS', '原密码不正确');
    // The administrator knows the old one: keeping it would defeat the forced change.
    if (oldPassword.normalize('NFC') === newPassword.normalize('NFC')) throw new AppError('PASSWORD_UNCHANGED');
    const hash = hashPassword(newPassword, env.ctx.passwordCost);
    inTransaction(
      env.ctx,
      () => {
        touchUser(env.ctx, u, 'password_hash = ?, must_change_password = 0', hash);
        appendAudit(env.ctx, actorOf(s), {
          action: 'user.changePassword',
          entity: 'user',
          entityId: u.id,
          summary: u.must_change_password ? '首次登录，修改管理员设置的密码' : '修改本人密码',
        });
      },
      ACCOUNTS_ONLY,
    );
    return { ok: true as const };
  },

  'users.list': ({ ctx }) =>
    (ctx.sqlite.prepare('SELECT * FROM users ORDER BY created_at').all() as UserRecord[]).map(toUserView),

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
          summary: `新建用户 ${u.display_name}(${u.username})，角色 ${ROLE_LABELS[u.role]}，密级 ${SECURITY_LABELS[u.clearance]}`,
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
    const hash = input.resetPassword ? hashPassword(input.resetPassword, ctx.passwordCost) : null;
    inTransaction(
      ctx,
      () => {
        ctx.sqlite
          .prepare(
            `UPDATE users SET display_name = ?, role = ?, clearance = ?, disabled = ?, password_hash = ?,
             must_change_password = ?, failed_attempts = ?, locked_until = ?, version = version + 1, updated_at = ?
             WHERE id = ?`,
          )
          .run(
            input.displayName ?? u.display_name,
            input.role ?? u.role,
            input.clearance ?? u.clearance,
            (input.disabled ?? !!u.disabled) ? 1 : 0,
            hash ?? u.password_hash,
            // A password the administrator typed is known to them: the user must replace it.
            hash ? 1 : u.must_change_password,
            input.unlock || hash ? 0 : u.failed_attempts,
            input.unlock || hash ? null : u.locked_until,
            ctx.nowIso(),
            u.id,
          );
        recordChange(ctx, 'user', u.id, u.version + 1, 'update');
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
