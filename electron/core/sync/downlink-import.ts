/**
 * Station: imports a downlink bundle from the bureau. Every check comes first and changes
 * nothing: manifests, the signature against the bureau key pinned at enrollment (the key
 * file inside the bundle is ignored), the addressee, the payload's shape, and the order:
 * the same bundle again is a no-op, an older or replayed one is BUNDLE_STALE, another
 * bundle under a number already applied (or a predecessor that differs from the one
 * applied) is BUNDLE_FORK. A gap is accepted: every downlink is a full snapshot. Then the
 * snapshot is applied in one transaction with its audit entry. A refused downlink is not
 * copied anywhere: it stays on the stick, and the error says why.
 */
import { eq, sql } from 'drizzle-orm';
import { syncDownlinksIn } from '../../../db/schema';
import fs from 'node:fs';
import path from 'node:path';
import type { DownlinkChange, DownlinkImportResult } from '../../contract/downlink';
import { appendAudit } from '../audit';
import { type Actor, type CoreContext, AppError, inTransaction } from '../kernel';
import { GENESIS_BUNDLE_ID, intField } from './bagit';
import { checkBundleSchema } from './schema-version';
import { mainProblem, readBundleAsync } from './bundle-read';
import { verifyBytes } from './crypto';
import { applyDownlink } from './downlink-apply';
import { DOWNLINK_FILE, zDownlinkPayload, type DownlinkPayload } from './downlink-format';
import { bureauPeer } from './peers';
import { stationState } from './state';

interface Checked {
  bundleId: string;
  seq: number;
  prev: string;
  prevSeq: number;
  payload: DownlinkPayload;
}

const countsOf = (changes: DownlinkChange[]): DownlinkImportResult['counts'] => {
  const c = { created: 0, updated: 0, unchanged: 0, skipped: 0 };
  for (const x of changes) c[x.outcome]++;
  return c;
};

/** Every check that changes nothing; throws the refusal as a stable code with a Chinese message. */
export async function checkDownlink(ctx: CoreContext, dir: string): Promise<Checked> {
  // Refused before any hashing where this node is no enrolled station.
  stationState(ctx);
  bureauPeer(ctx);
  // Hashed off the request path (other callers answer meanwhile); the state is read after it.
  const rb = await readBundleAsync(dir);
  const st = stationState(ctx);
  const peer = bureauPeer(ctx);
  const p = mainProblem(rb.problems);
  if (p) throw new AppError(p.code, p.message, { problems: rb.problems });
  const info = rb.info!;
  if (info['Bundle-Type'] !== 'downlink')
    throw new AppError('DOWNLINK_INVALID', '这不是县局下发包（Bundle-Type 不是 downlink）');
  if (!verifyBytes(peer.signPublicPem, rb.tagmanifest!, rb.signature!)) {
    throw new AppError('BUNDLE_BAD_SIGNATURE', '下发包的签名与登记时固定的县局密钥不符，未应用');
  }
  const schema = checkBundleSchema(ctx, info, '下发包', false);
  if (!schema.ok) throw schema.error;
  if (info['Station-Id'] !== st.stationId) {
    throw new AppError(
      'DOWNLINK_WRONG_STATION',
      `该下发包是发给派出所 ${info['Station-Id']} 的，本所是 ${st.stationId}`,
    );
  }
  const seq = intField(info, 'Bundle-Seq');
  const prevSeq = intField(info, 'Prev-Bundle-Seq');
  const prev = info['Prev-Bundle-Id'] ?? '';
  if (!seq || prevSeq === null || prevSeq >= seq || !/^[0-9a-f]{64}$/.test(prev)) {
    throw new AppError('DOWNLINK_INVALID', 'bag-info.txt 中的序号或前序数据包字段无效');
  }
  let payload: DownlinkPayload;
  try {
    const raw: unknown = JSON.parse(fs.readFileSync(path.join(dir, ...DOWNLINK_FILE.split('/')), 'utf8'));
    payload = zDownlinkPayload.parse(raw);
  } catch (e) {
    throw new AppError('DOWNLINK_INVALID', `下发内容格式不正确：${(e as Error).message.slice(0, 200)}`);
  }
  if (payload.seq !== seq || payload.stationId !== st.stationId || payload.bureau.fingerprint !== peer.fingerprint) {
    throw new AppError('DOWNLINK_INVALID', '下发内容与 bag-info.txt 记载的序号、派出所或县局密钥不一致');
  }
  return { bundleId: rb.bundleId!, seq, prev, prevSeq, payload };
}

export async function importDownlink(ctx: CoreContext, actor: Actor, dir: string): Promise<DownlinkImportResult> {
  const c = await checkDownlink(ctx, dir);
  const bundleAt = (seq: number) =>
    ctx.orm
      .select({ bundleId: syncDownlinksIn.bundleId })
      .from(syncDownlinksIn)
      .where(eq(syncDownlinksIn.seq, seq))
      .get()?.bundleId;
  const seen = ctx.orm
    .select({ summary: syncDownlinksIn.summary })
    .from(syncDownlinksIn)
    .where(eq(syncDownlinksIn.bundleId, c.bundleId))
    .get()?.summary;
  const result = (
    outcome: DownlinkImportResult['outcome'],
    message: string,
    changes: DownlinkChange[],
    rotated: boolean,
    resolutions: number,
  ): DownlinkImportResult => ({
    outcome,
    message,
    bundleId: c.bundleId,
    seq: c.seq,
    issuedAt: c.payload.issuedAt,
    counts: countsOf(changes),
    changes,
    trustVersion: c.payload.trust.version,
    rotated,
    resolutions,
  });
  if (seen !== undefined) {
    const s = JSON.parse(seen) as { changes: DownlinkChange[]; rotated: boolean; resolutions?: number };
    return result('duplicate', '该下发包已应用过：本所数据未改变', s.changes, s.rotated, s.resolutions ?? 0);
  }
  const sameSeq = bundleAt(c.seq);
  if (sameSeq) throw new AppError('BUNDLE_FORK', `县局第 ${c.seq} 号下发包已应用过另一个内容不同的版本：分叉，未应用`);
  const last =
    ctx.orm
      .select({ n: sql<number>`coalesce(max(${syncDownlinksIn.seq}), 0)` })
      .from(syncDownlinksIn)
      .get()?.n ?? 0;
  if (c.seq < last) {
    throw new AppError('BUNDLE_STALE', `第 ${c.seq} 号下发包早于已应用的第 ${last} 号（重放或顺序颠倒），未应用`);
  }
  const heldPrev = bundleAt(c.prevSeq);
  if (c.prevSeq > 0 ? heldPrev !== undefined && heldPrev !== c.prev : c.prev !== GENESIS_BUNDLE_ID) {
    throw new AppError('BUNDLE_FORK', `下发包接在县局第 ${c.prevSeq} 号之后，但与本所应用过的那一号不同：分叉，未应用`);
  }
  try {
    return inTransaction(ctx, () => {
      const { changes, rotated, resolutions } = applyDownlink(ctx, actor, c.payload, c.bundleId);
      const counts = countsOf(changes);
      ctx.orm
        .insert(syncDownlinksIn)
        .values({
          seq: c.seq,
          bundleId: c.bundleId,
          prevBundleId: c.prev,
          issuedAt: c.payload.issuedAt,
          summary: JSON.stringify({ changes, rotated, resolutions }),
          appliedAt: ctx.nowIso(),
        })
        .run();
      appendAudit(ctx, actor, {
        action: 'sync.downlink.import',
        entity: 'sync_downlink',
        entityId: c.bundleId,
        summary: `应用县局第 ${c.seq} 号下发包：新增 ${counts.created}，更新 ${counts.updated}，未变 ${counts.unchanged}，未采用 ${counts.skipped}；信任列表第 ${c.payload.trust.version} 版${resolutions ? `；县局已处理的冲突 ${resolutions} 条` : ''}${rotated ? '；新签名密钥已启用' : ''}`,
        details: { seq: c.seq, prev: c.prev, resolutions, skipped: changes.filter((x) => x.outcome === 'skipped') },
      });
      return result('applied', '下发包已应用', changes, rotated, resolutions);
    });
  } finally {
    // Caches of the scheme and templates key on the data version; a rollback must not leave them ahead.
    ctx.dataVersion++;
  }
}
