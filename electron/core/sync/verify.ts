/**
 * `dangan bundle verify`: every check import makes, applying nothing. Integrity needs
 * no key; the signature is checked against the trust list (bureau), the node's own keys
 * (a station checking what it wrote) or the pinned bureau key (enrollment); decryption
 * and plaintext hashes are checked where this node holds the age identity and it is unlocked.
 */
import { eq } from 'drizzle-orm';
import { syncKeys } from '../../../db/schema';
import path from 'node:path';
import type { BundleVerifyResult, VerifyCheck } from '../../contract/sync';
import { type CoreContext, AppError, readBoundedFile } from '../kernel';
import { TAG_MAX_BYTES, mainProblem, readBundleAsync } from './bundle-read';
import { verifyBytes } from './crypto';
import { judgeBundle, parseHeader } from './import';
import { keyRow, unsealKey } from './keys';
import { PayloadError, decryptChanges, fileParts, storeFile } from './payload';
import { bureauPeerOrNull } from './peers';
import { checkBundleSchema } from './schema-version';
import { roleOf } from './state';
import { hasVault } from './vault';

export async function verifyBundleDir(ctx: CoreContext, dir: string): Promise<BundleVerifyResult> {
  const rb = await readBundleAsync(dir);
  const checks: VerifyCheck[] = [];
  const p = mainProblem(rb.problems);
  checks.push(
    p
      ? { name: 'integrity', ok: false, code: p.code, message: rb.problems.map((x) => x.message).join('；') }
      : { name: 'integrity', ok: true, code: null, message: `清单校验通过（${rb.payload.length} 个载荷文件）` },
  );
  const type = rb.info?.['Bundle-Type'] ?? null;
  const h = parseHeader(rb.info);
  const result = (): BundleVerifyResult => ({
    ok: checks.every((c) => c.ok !== false),
    dir: path.resolve(dir),
    type,
    bundleId: rb.bundleId,
    stationId: rb.info?.['Station-Id'] ?? null,
    seq: h?.seq ?? null,
    checks,
  });
  if (p || !rb.tagmanifest || !rb.signature) return result();
  if (type === 'changes' || type === 'downlink') {
    const schema = checkBundleSchema(ctx, rb.info!, type === 'changes' ? '数据包' : '下发包', type === 'changes');
    checks.push(
      schema.ok
        ? { name: 'schema', ok: true, code: null, message: `数据结构版本 ${schema.version}，本机可以读取` }
        : { name: 'schema', ok: false, code: schema.error.code, message: schema.error.message },
    );
  }
  const role = roleOf(ctx);
  if (type === 'enrollment') {
    const peer = bureauPeerOrNull(ctx);
    let pem = peer?.signPublicPem ?? null;
    if (!pem) pem = readText(dir, 'keys/bureau.pub.pem');
    const ok = !!pem && verifyBytes(pem, rb.tagmanifest, rb.signature);
    checks.push({
      name: 'signature',
      ok,
      code: ok ? null : 'BUNDLE_BAD_SIGNATURE',
      message: ok ? (peer ? '与已固定的县局密钥相符' : '与包内县局公钥相符（尚未固定，需人工核对指纹）') : '签名无效',
    });
    return result();
  }
  if (type === 'downlink') {
    // Signed by the bureau: a station checks the key it pinned, the bureau its own keys.
    const keys = peerOrOwnKeys(ctx, role === 'bureau');
    const ok = keys.some((pem) => verifyBytes(pem, rb.tagmanifest!, rb.signature!));
    checks.push({
      name: 'signature',
      ok,
      code: ok ? null : 'BUNDLE_BAD_SIGNATURE',
      message: ok ? (role === 'bureau' ? '由本局密钥签名' : '与已固定的县局密钥相符') : '签名与县局密钥不符',
    });
    checks.push({ name: 'decrypt', ok: null, code: null, message: '下发包不加密（分类方案和表单模板不是秘密）' });
    return result();
  }
  if (role === 'bureau') {
    const v = judgeBundle(ctx, rb, {});
    if (v.kind === 'refuse') {
      const sigCodes = ['BUNDLE_UNKNOWN_KEY', 'BUNDLE_REVOKED_KEY', 'BUNDLE_BAD_SIGNATURE', 'STATION_UNKNOWN'];
      const isSig = sigCodes.includes(v.code);
      if (isSig) checks.push({ name: 'signature', ok: false, code: v.code, message: v.message });
      else {
        checks.push({ name: 'signature', ok: true, code: null, message: '签名与信任列表相符' });
        // A newer schema is already reported by its own check above.
        if (v.code !== 'BUNDLE_TOO_NEW') checks.push({ name: 'chain', ok: false, code: v.code, message: v.message });
      }
    } else {
      checks.push({ name: 'signature', ok: true, code: null, message: '签名与信任列表相符' });
      checks.push({
        name: 'chain',
        ok: true,
        code: null,
        message: v.kind === 'duplicate' ? '该数据包已导入过（再次导入不会改变数据库）' : '序号与链接连续，可以导入',
      });
    }
    await checkDecrypt(ctx, dir, rb.payload, h?.records ?? null, checks);
    return result();
  }
  const own = ownSigningKeys(ctx);
  const mine = own.some((pem) => verifyBytes(pem, rb.tagmanifest!, rb.signature!));
  const embedded = readText(dir, 'keys/station.pub.pem');
  const selfOk = !!embedded && verifyBytes(embedded, rb.tagmanifest, rb.signature);
  checks.push({
    name: 'signature',
    ok: mine || selfOk,
    code: mine || selfOk ? null : 'BUNDLE_BAD_SIGNATURE',
    message: mine ? '由本机密钥签名' : selfOk ? '与包内公钥相符（该公钥是否可信须由县局信任列表判断）' : '签名无效',
  });
  checks.push({
    name: 'decrypt',
    ok: null,
    code: null,
    message: '本机不持有县局身份，无法解密（加密内容只有县局能读）',
  });
  return result();
}

async function checkDecrypt(
  ctx: CoreContext,
  dir: string,
  payload: { path: string }[],
  expectRecords: number | null,
  checks: VerifyCheck[],
): Promise<void> {
  const row = keyRow(ctx, 'age');
  if (!row || !hasVault(ctx)) {
    checks.push({ name: 'decrypt', ok: null, code: null, message: '未解锁县局身份，跳过解密检查' });
    return;
  }
  try {
    const identity = unsealKey(ctx, row);
    const records = await decryptChanges(identity, dir);
    if (expectRecords !== null && records.length !== expectRecords) {
      throw new PayloadError('malformed', `记录数 ${records.length} 与 bag-info 记载的 ${expectRecords} 不符`);
    }
    const parts = fileParts(payload.map((p) => ({ path: p.path, sha256: '' })));
    if (!parts) throw new PayloadError('malformed', '扫描文件命名不正确');
    for (const [sha, list] of parts) await storeFile(ctx, identity, dir, sha, list, false);
    checks.push({
      name: 'decrypt',
      ok: true,
      code: null,
      message: `已解密 ${records.length} 条记录和 ${parts.size} 个扫描文件，明文哈希全部相符`,
    });
  } catch (e) {
    if (e instanceof AppError) {
      checks.push({ name: 'decrypt', ok: null, code: e.code, message: e.message });
      return;
    }
    if (!(e instanceof PayloadError)) throw e;
    checks.push({
      name: 'decrypt',
      ok: false,
      code: e.kind === 'decrypt' ? 'BUNDLE_DECRYPT_FAILED' : 'BUNDLE_TAMPERED',
      message: e.message,
    });
  }
}

/** Every signing key this node has had (active, announced or retired). */
const ownSigningKeys = (ctx: CoreContext): string[] =>
  ctx.orm
    .select({ pem: syncKeys.publicKey })
    .from(syncKeys)
    .where(eq(syncKeys.purpose, 'sign'))
    .all()
    .map((k) => k.pem);

function peerOrOwnKeys(ctx: CoreContext, own: boolean): string[] {
  if (own) return ownSigningKeys(ctx);
  const peer = bureauPeerOrNull(ctx);
  return peer ? [peer.signPublicPem] : [];
}

function readText(dir: string, rel: string): string | null {
  try {
    return readBoundedFile(path.join(dir, ...rel.split('/')), TAG_MAX_BYTES).toString('utf8');
  } catch {
    return null;
  }
}
