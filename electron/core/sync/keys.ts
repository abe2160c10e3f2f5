/**
 * This node's keys: one active Ed25519 signing key (and, at a rotation, the announced
 * next one), and on the bureau the age X25519 identity stations encrypt to.
 */
import { and, desc, eq } from 'drizzle-orm';
import { syncKeys, type SyncKeyRecord } from '../../../db/schema';
import { fingerprintOf, generateAgeIdentity, generateSigningKey, sha256Hex } from './crypto';
import { vaultOf } from './vault';
import { appendAudit } from '../audit';
import { type Actor, type CoreContext, AppError, inTransaction } from '../kernel';

export type KeyPurpose = 'sign' | 'age';

export type KeyStatus = 'active' | 'next' | 'retired';

/** A `sync_keys` row. */
export type KeyRow = SyncKeyRecord;

export function keyRow(ctx: CoreContext, purpose: KeyPurpose, status: KeyStatus = 'active'): KeyRow | null {
  return (
    ctx.orm
      .select()
      .from(syncKeys)
      .where(and(eq(syncKeys.purpose, purpose), eq(syncKeys.status, status)))
      .orderBy(desc(syncKeys.createdAt))
      .limit(1)
      .get() ?? null
  );
}

export function requireKey(ctx: CoreContext, purpose: KeyPurpose, status: KeyStatus = 'active'): KeyRow {
  const row = keyRow(ctx, purpose, status);
  if (!row) throw new AppError('KEYS_MISSING');
  return row;
}

export const keyLabel = (row: Pick<KeyRow, 'id' | 'purpose'>) => `dangan-key:${row.id}:${row.purpose}`;

/** The private half, unsealed with the registered vault (a wrong passphrase is KEY_PASSPHRASE_WRONG). */
export function unsealKey(ctx: CoreContext, row: KeyRow): string {
  return vaultOf(ctx).open(row.sealedPrivate, keyLabel(row)).toString('utf8');
}

function insertKey(ctx: CoreContext, purpose: KeyPurpose, status: KeyStatus, pub: string, priv: string): KeyRow {
  const id = ctx.ids();
  const fingerprint = purpose === 'sign' ? fingerprintOf(pub) : sha256Hex(pub);
  const vault = vaultOf(ctx);
  const row: KeyRow = {
    id,
    purpose,
    status,
    publicKey: pub,
    fingerprint,
    sealedPrivate: vault.seal(Buffer.from(priv, 'utf8'), keyLabel({ id, purpose })),
    vaultKind: vault.kind,
    createdAt: ctx.nowIso(),
    retiredAt: null,
  };
  ctx.orm.insert(syncKeys).values(row).run();
  return row;
}

/**
 * Generates what is missing: the signing key, and (bureau) the age identity. Returns
 * whether anything was made. Needs the vault (the keys are sealed as they are stored).
 */
export async function ensureNodeKeys(ctx: CoreContext, actor: Actor, opts: { age: boolean }): Promise<boolean> {
  vaultOf(ctx);
  const needSign = !keyRow(ctx, 'sign');
  const needAge = opts.age && !keyRow(ctx, 'age');
  if (!needSign && !needAge) return false;
  const sign = needSign ? generateSigningKey() : null;
  const age = needAge ? await generateAgeIdentity() : null;
  inTransaction(
    ctx,
    () => {
      const made: string[] = [];
      if (sign) made.push(insertKey(ctx, 'sign', 'active', sign.publicPem, sign.privatePem).fingerprint);
      if (age) made.push(insertKey(ctx, 'age', 'active', age.recipient, age.identity).publicKey);
      appendAudit(ctx, actor, {
        action: 'sync.keys.generate',
        entity: 'sync_key',
        summary: `生成本机同步密钥（${[sign ? '签名密钥' : '', age ? '加密身份' : ''].filter(Boolean).join('、')}）`,
        details: { made },
      });
    },
    { catalogue: false },
  );
  return true;
}

/** Rotation, step 1: a new signing key is made and announced in the next bundle (signed by the old one). */
export function createNextSigningKey(ctx: CoreContext, actor: Actor): KeyRow {
  requireKey(ctx, 'sign');
  const existing = keyRow(ctx, 'sign', 'next');
  if (existing) return existing;
  const pair = generateSigningKey();
  return inTransaction(
    ctx,
    () => {
      const row = insertKey(ctx, 'sign', 'next', pair.publicPem, pair.privatePem);
      appendAudit(ctx, actor, {
        action: 'sync.keys.rotate',
        entity: 'sync_key',
        entityId: row.id,
        summary: `生成新签名密钥 ${row.fingerprint.slice(0, 16)}…，将在下一个数据包中由旧密钥宣告`,
        details: { fingerprint: row.fingerprint },
      });
      return row;
    },
    { catalogue: false },
  );
}

/** Rotation, step 2 (inside the receipt's transaction): the bureau trusts the new key; the old one retires. */
export function promoteNextSigningKey(ctx: CoreContext, fingerprint: string): boolean {
  const next = keyRow(ctx, 'sign', 'next');
  if (!next || next.fingerprint !== fingerprint) return false;
  const now = ctx.nowIso();
  ctx.orm
    .update(syncKeys)
    .set({ status: 'retired', retiredAt: now })
    .where(and(eq(syncKeys.purpose, 'sign'), eq(syncKeys.status, 'active')))
    .run();
  ctx.orm.update(syncKeys).set({ status: 'active' }).where(eq(syncKeys.id, next.id)).run();
  return true;
}
