/**
 * A signature that means something (issue 19): the signer confirms with their own password at
 * that moment — checked with the same scrypt verification as login, not just the open session —
 * and the row names what was signed by the sha256 of its content. Used by loan approvals now,
 * by acceptance signatures and destruction approvals later. Runs inside the caller's
 * transaction; a wrong password throws before anything is written.
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { signatures, users, type SignatureRecord } from '../../../db/schema';
import { verifyPassword } from '../auth';
import { AppError, type CoreContext, nodeIdOf, recordChange, type Session } from '../kernel';

export interface SignRequest {
  /** What kind of signature ('loan.approve', 'acceptance', 'destruction' …). */
  kind: string;
  entity: string;
  entityId: string;
  /** The content as signed; hashed as canonical JSON (keys sorted). */
  content: unknown;
  /** The password the signer typed just now. */
  password: string;
}

/** JSON with object keys sorted at every depth, so the same content always hashes the same. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v ?? null);
}

export const contentHash = (content: unknown): string => createHash('sha256').update(canonical(content)).digest('hex');

/** Checks the signer's password now and records the signature (and its change-log row). */
export function sign(ctx: CoreContext, session: Session, req: SignRequest): SignatureRecord {
  const u = ctx.orm.select().from(users).where(eq(users.id, session.userId)).get();
  if (!u || u.disabled || !verifyPassword(req.password, u.passwordHash))
    throw new AppError('SIGNATURE_PASSWORD_WRONG', '签名密码不正确：请输入您本人的登录密码');
  const row: SignatureRecord = {
    id: ctx.ids(),
    nodeId: nodeIdOf(ctx),
    signerId: u.id,
    signerName: `${session.displayName}(${session.username})`,
    signerRole: u.role,
    kind: req.kind,
    entity: req.entity,
    entityId: req.entityId,
    contentHash: contentHash(req.content),
    signedAt: ctx.nowIso(),
  };
  ctx.orm.insert(signatures).values(row).run();
  recordChange(ctx, 'signature', row.id, 1, 'insert');
  return row;
}
