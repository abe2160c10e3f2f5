import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema';
import { ROLE_PERMISSIONS } from '../../contract/permissions';
import { clearanceOf } from './users';
import { type CoreContext, type Session, AppError, idleMinutes } from '../kernel';

interface SessionState {
  userId: string;
  lastSeen: number;
}

/**
 * Sessions live in memory: a restart logs everyone out, which is what a shared
 * station PC wants. Each call re-reads the user so a disable or role change applies at once.
 */
export class SessionStore {
  private sessions = new Map<string, SessionState>();

  open(ctx: CoreContext, userId: string): string {
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(token, { userId, lastSeen: ctx.clock.now().getTime() });
    return token;
  }

  close(token: string): void {
    this.sessions.delete(token);
  }

  /** Ends every session of a user but `keep` (the caller's own, when a user changes their password). */
  closeForUser(userId: string, keep?: string): void {
    for (const [t, s] of this.sessions) if (s.userId === userId && t !== keep) this.sessions.delete(t);
  }

  resolve(ctx: CoreContext, token: string | undefined): Session {
    if (!token) throw new AppError('AUTH_REQUIRED');
    const state = this.sessions.get(token);
    if (!state) throw new AppError('SESSION_EXPIRED');
    const now = ctx.clock.now().getTime();
    if (now - state.lastSeen > idleMinutes(ctx) * 60_000) {
      this.sessions.delete(token);
      throw new AppError('SESSION_EXPIRED', '长时间未操作，登录已超时，请重新登录');
    }
    const user = ctx.orm
      .select({
        id: users.id,
        username: users.username,
        displayName: users.displayName,
        role: users.role,
        clearance: users.clearance,
        disabled: users.disabled,
        mustChangePassword: users.mustChangePassword,
      })
      .from(users)
      .where(eq(users.id, state.userId))
      .get();
    if (!user || user.disabled) {
      this.sessions.delete(token);
      throw new AppError(user ? 'ACCOUNT_DISABLED' : 'SESSION_EXPIRED');
    }
    state.lastSeen = now;
    return {
      token,
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      clearance: clearanceOf(user),
      permissions: ROLE_PERMISSIONS[user.role],
      mustChangePassword: user.mustChangePassword,
    };
  }
}
