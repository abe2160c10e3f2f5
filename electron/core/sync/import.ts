/**
 * Bureau: imports a station's bundle. Checks come first and change nothing (judge.ts):
 * manifests, signature against the trust list, chain; then decryption and plaintext
 * hashes. A bundle failing any of them goes to quarantine. A good bundle is applied in
 * one transaction (import-commit.ts); the signed receipt is then written onto the stick
 * beside the bundle. A bundle already imported changes nothing and gets the same receipt
 * again, byte for byte.
 */
import { eq } from 'drizzle-orm';
import { syncImports } from '../../../db/schema';
import path from 'node:path';
import type { BundleImportResult } from '../../contract/sync';
import type { ErrorCode } from '../../contract/errors';
import { type Actor, type CoreContext, checkServerPath } from '../kernel';
import type { BundleHeader } from './bundle-header';
import { readBundleAsync } from './bundle-read';
import type { RecordState } from './entities';
import { commitBundle } from './import-commit';
import { judgeBundle, type ImportOptions } from './judge';
import { requireKey, unsealKey } from './keys';
import { PayloadError, decryptChanges, fileParts, storeScans } from './payload';
import { quarantineBundle } from './quarantine';
import { receiptPaths, type Receipt } from './receipt-format';
import { requireRole } from './state';
import { writeFileAtomic } from './stick-writer';

// Kept importable from here: verify.ts and inspect.ts read the header and the verdict.
export { parseHeader, type BundleHeader } from './bundle-header';
export { judgeBundle, type ImportOptions, type Verdict } from './judge';

export async function importBundle(
  ctx: CoreContext,
  actor: Actor,
  dir: string,
  opts: ImportOptions = {},
): Promise<BundleImportResult> {
  requireRole(ctx, 'bureau');
  // The same checks as readBundle, the files hashed on two cores.
  const rb = await readBundleAsync(dir);
  const receiptDir = opts.receiptDir ?? path.dirname(path.resolve(dir));
  const v = judgeBundle(ctx, rb, opts);
  const quarantine = (
    code: ErrorCode,
    message: string,
    h: BundleHeader | null,
    details?: unknown,
  ): BundleImportResult => {
    const q = quarantineBundle(ctx, dir, {
      code,
      message,
      stationId: h?.stationId ?? rb.info?.['Station-Id'] ?? null,
      seq: h?.seq ?? null,
      bundleId: rb.bundleId,
      details,
    });
    return {
      outcome: 'quarantined',
      code,
      message,
      bundleId: rb.bundleId,
      stationId: q.stationId,
      seq: q.seq,
      quarantine: q,
      counts: null,
      receiptFile: null,
      receiptError: null,
    };
  };
  if (v.kind === 'refuse') return quarantine(v.code, v.message, v.h, { problems: rb.problems });
  if (v.kind === 'duplicate') {
    const row = ctx.orm
      .select({ receipt: syncImports.receipt, receiptSig: syncImports.receiptSig })
      .from(syncImports)
      .where(eq(syncImports.bundleId, rb.bundleId!))
      .get()!;
    const r = JSON.parse(row.receipt) as Receipt;
    const written = writeReceipt(
      receiptDir,
      v.h.stationId,
      rb.bundleId!,
      row.receipt,
      Buffer.from(row.receiptSig, 'base64'),
    );
    return {
      outcome: 'duplicate',
      code: null,
      message: '该数据包已导入过：数据库未改变，回执已重新写出',
      bundleId: rb.bundleId,
      stationId: v.h.stationId,
      seq: v.h.seq,
      quarantine: null,
      counts: r.counts,
      ...written,
    };
  }
  const { h } = v;
  const identity = unsealKey(ctx, requireKey(ctx, 'age'));
  const signKey = requireKey(ctx, 'sign');
  const signPem = unsealKey(ctx, signKey);

  let records: RecordState[];
  let files: { sha256: string; size: number }[];
  try {
    records = await decryptChanges(identity, dir);
    if (records.length !== h.records)
      throw new PayloadError('malformed', `记录数 ${records.length} 与 bag-info 记载的 ${h.records} 不符`);
    const parts = fileParts(rb.payload);
    if (!parts || parts.size !== h.files) throw new PayloadError('malformed', '扫描文件的命名或数量与 bag-info 不符');
    // Every stored scan is fsynced and renamed under its hash before this returns (before the commit below).
    files = await storeScans(ctx, identity, dir, parts);
  } catch (e) {
    if (!(e instanceof PayloadError)) throw e;
    return quarantine(e.kind === 'decrypt' ? 'BUNDLE_DECRYPT_FAILED' : 'BUNDLE_TAMPERED', e.message, h);
  }

  const bundleId = rb.bundleId!;
  const receipt = commitBundle(ctx, actor, { dir, bundleId, verdict: v, records, files, signKey, signPem });
  const written = writeReceipt(receiptDir, h.stationId, bundleId, receipt.body, receipt.sig);
  return {
    outcome: 'applied',
    code: null,
    message: '数据包已应用',
    bundleId,
    stationId: h.stationId,
    seq: h.seq,
    quarantine: null,
    counts: receipt.counts,
    ...written,
  };
}

function writeReceipt(
  stickDir: string,
  stationId: string,
  bundleId: string,
  body: string,
  sig: Buffer,
): { receiptFile: string | null; receiptError: string | null } {
  const p = receiptPaths(stickDir, stationId, bundleId);
  try {
    // Beside the bundle, as the stick's own folder: never into a system folder or a home folder's root.
    checkServerPath(stickDir, { kind: 'writeDir', what: '回执写出目录' });
    writeFileAtomic(p.json, Buffer.from(body));
    writeFileAtomic(p.sig, sig);
    return { receiptFile: p.json, receiptError: null };
  } catch (e) {
    return { receiptFile: null, receiptError: (e as Error).message };
  }
}
