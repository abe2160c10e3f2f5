/** Unlocking the keys with a passphrase (serve mode, CLI) and handing the bureau identity to stock tools. */
import fs from 'node:fs';
import path from 'node:path';
import { appendAudit } from '../audit';
import { type Actor, type CoreContext, type Session, AppError, inTransaction } from '../kernel';
import { keyLabel, keyRow, requireKey, unsealKey } from './keys';
import { requireRole } from './state';
import { PassphraseVault, setKeyVault } from './vault';

/** Registers a passphrase vault after checking the passphrase opens the keys already stored. */
export function unlockWithPassphrase(ctx: CoreContext, passphrase: string): { unlocked: true } {
  const vault = new PassphraseVault(passphrase, ctx.passwordCost);
  const row = keyRow(ctx, 'sign') ?? keyRow(ctx, 'age');
  if (row && row.vaultKind === vault.kind) vault.open(row.sealedPrivate, keyLabel(row));
  setKeyVault(ctx, vault);
  return { unlocked: true };
}

/**
 * Writes the bureau's age identity in age-keygen's format (mode 0600), so `age -d -i`
 * can decrypt bundles without this program. Administrators only; audited.
 */
export function exportIdentity(
  ctx: CoreContext,
  session: Session | null,
  actor: Actor,
  outFile: string,
): { file: string; recipient: string } {
  requireRole(ctx, 'bureau');
  if (session && session.role !== 'admin') throw new AppError('FORBIDDEN', '只有管理员可以导出县局解密身份');
  const row = requireKey(ctx, 'age');
  const identity = unsealKey(ctx, row);
  const file = path.resolve(outFile);
  const text = `# created: ${row.createdAt}\n# public key: ${row.publicKey}\n${identity}\n`;
  try {
    fs.writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AppError('VALIDATION_FAILED', code === 'EEXIST' ? `文件已存在，不会覆盖：${file}` : `无法写入：${file}`);
  }
  inTransaction(
    ctx,
    () =>
      appendAudit(ctx, actor, {
        action: 'sync.keys.exportIdentity',
        entity: 'sync_key',
        entityId: row.id,
        summary: `导出县局解密身份到 ${file}（持有者可解密所有派出所数据包，请妥善保管）`,
        details: { recipient: row.publicKey },
      }),
    { catalogue: false },
  );
  return { file, recipient: row.publicKey };
}
