import type { UserView } from '../../contract/dto';
import type { Role, SecurityLevel } from '../../contract/domain';
import type { CoreContext } from '../kernel';

export interface UserRecord {
  id: string;
  node_id: string;
  version: number;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  clearance: SecurityLevel;
  disabled: number;
  failed_attempts: number;
  locked_until: string | null;
  must_change_password: number;
  created_at: string;
  updated_at: string;
}

export const toUserView = (u: UserRecord): UserView => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  role: u.role,
  clearance: u.clearance,
  disabled: !!u.disabled,
  lockedUntil: u.locked_until,
  createdAt: u.created_at,
});

export const findUserByName = (ctx: CoreContext, username: string): UserRecord | undefined =>
  ctx.sqlite.prepare('SELECT * FROM users WHERE username = ? COLLATE NOCASE').get(username) as UserRecord | undefined;

export const findUserById = (ctx: CoreContext, id: string): UserRecord | undefined =>
  ctx.sqlite.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRecord | undefined;

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
  ctx.sqlite
    .prepare(
      `INSERT INTO users (id, node_id, version, username, display_name, password_hash, role, clearance, disabled, failed_attempts, must_change_password, created_at, updated_at)
       VALUES (?, ?, 1, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?)`,
    )
    .run(
      id,
      nodeId,
      u.username,
      u.displayName,
      u.passwordHash,
      u.role,
      u.clearance,
      u.mustChangePassword ? 1 : 0,
      now,
      now,
    );
  return findUserById(ctx, id)!;
}
