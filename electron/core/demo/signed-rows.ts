/**
 * Helpers of the demo's bulk workflow histories (appraisal, opening, arrangement): a demo
 * account as a session, and a signature row exactly as signature/sign.ts writes it — without
 * the password check, which a bulk load cannot pass (the demo accounts' passwords are random
 * and reset by the administrator before use), and at a time in the past.
 */
import { signatures, type SignatureRecord, type UserRecord } from '../../../db/schema';
import { type CoreContext, nodeIdOf, recordChange, type Session } from '../kernel';
import { contentHash } from '../signature';

export const DAY = 86_400_000;

/** '周所长(demo_head)', as sessions and signatures name a user. */
export const nameOf = (u: UserRecord) => `${u.displayName}(${u.username})`;

/** A demo account as a session (for domain functions that take one; nothing is dispatched). */
export const sessionFor = (u: UserRecord): Session => ({
  token: '',
  userId: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  clearance: u.clearance as Session['clearance'],
  permissions: [],
  mustChangePassword: false,
});

/** A past moment as ISO, never later than a minute before "now". */
export const isoBefore = (ctx: CoreContext) => {
  const now = ctx.clock.now().getTime();
  return (t: number) => new Date(Math.min(t, now - 60_000)).toISOString();
};

export function putSignature(
  ctx: CoreContext,
  signer: UserRecord,
  what: { kind: string; entity: string; entityId: string; content: unknown },
  signedAt: string,
): SignatureRecord {
  const row: SignatureRecord = {
    id: ctx.ids(),
    nodeId: nodeIdOf(ctx),
    signerId: signer.id,
    signerName: nameOf(signer),
    signerRole: signer.role,
    kind: what.kind,
    entity: what.entity,
    entityId: what.entityId,
    contentHash: contentHash(what.content),
    signedAt,
  };
  ctx.orm.insert(signatures).values(row).run();
  recordChange(ctx, 'signature', row.id, 1, 'insert');
  return row;
}
