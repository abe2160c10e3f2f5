import { eq, sql } from 'drizzle-orm';
import { users, type UserRecord } from '../../../db/schema';
import type { UserView } from '../../contract/dto';
import type { Role, SecurityLevel } from '../../contract/domain';
import type { CoreContext } from '../kernel';

export type { UserRecord };

/** The 密级 an account may see: stored as an integer, only ever written from a checked SecurityLevel. */
export const clearanceOf = (u: Pick<UserRecord, 'clearance'>): SecurityLevel => u.clearance as SecurityLevel;

export const toUserView = (u: UserRecord): UserView => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  clearance: clearanceOf(u),
  disabled: u.disabled,
  lockedUntil: u.lockedUntil,
  createdAt: u.createdAt,
});

export const findUserByName = (ctx: CoreContext, username: string): UserRecord | undefined =>
  ctx.orm
    .select()
    .from(users)
    .where(sql`${users.username} = ${username} COLLATE NOCASE`)
    .get();

export const findUserById = (ctx: CoreContext, id: string): UserRecord | undefined =>
  ctx.orm.select().from(users).where(eq(users.id, id)).get();

export function insertUser(
  ctx: CoreContext,
  nodeId: string,
  u: {
    username: string;
    displayName: string;
    role: Role;
    clearance: SecurityLevel;
    passwordHash: string;
    /** True when someone other than the user chose the password (an administrator). */
    mustChangePassword: boolean;
  },
): UserRecord {
  const now = ctx.nowIso();
  const id = ctx.ids();
  ctx.orm
    .insert(users)
    .values({
      id,
      nodeId,
      version: 1,
      username: u.username,
      displayName: u.displayName,
      passwordHash: u.passwordHash,
      role: u.role,
      clearance: u.clearance,
      disabled: false,
      failedAttempts: 0,
      mustChangePassword: u.mustChangePassword,
      createdAt: now,
      updatedAt: now,
    })
    .run();
  return findUserById(ctx, id)!;
}
