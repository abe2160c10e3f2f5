/**
 * Bureau → station: writes a downlink bundle (`DGD-<station>-<seq6>`) with the county
 * scheme, the bureau's saved form templates and the station's entries of the trust list,
 * in the same BagIt layout as every bundle, signed by the bureau key (the signature
 * written last is the commit marker), then read back from the stick and checked.
 *
 * Each station has its own downlink sequence; `Prev-Bundle-Id`/`Prev-Bundle-Seq` name the
 * previous downlink written for it, so a station can tell a fork (a bureau restored from
 * a backup reusing a number) from a gap (a stick that never arrived, harmless because
 * every downlink is a full snapshot).
 */
import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { formTemplates, syncConflicts, syncDownlinksOut } from '../../../db/schema';
import type { ConflictAction } from '../../contract/sync-conflicts';
import type { DownlinkExportResult } from '../../contract/downlink';
import { zFormTemplate } from '../../contract/forms';
import { appendAudit } from '../audit';
import { nodeIdOf, type Actor, type CoreContext, AppError, inTransaction, getMeta, setMeta } from '../kernel';
import { loadScheme } from '../scheme';
import { GENESIS_BUNDLE_ID } from './bagit';
import { finishBag, verifyText } from './bag-write';
import { readBundle } from './bundle-read';
import { verifyBytes } from './crypto';
import { DOWNLINK_FILE, downlinkDirName, type DownlinkPayload } from './downlink-format';
import { requireKey, unsealKey } from './keys';
import { schemaVersion } from './schema-version';
import { requireRole } from './state';
import { BundleWriter } from './stick-writer';
import { requireStation, trustRows, trustVersion } from './trust';

/** The snapshot a station receives; categories parents first, so a station can create them in order. */
export function downlinkPayload(ctx: CoreContext, stationId: string, seq: number, now: string): DownlinkPayload {
  const scheme = loadScheme(ctx)
    .list.map((c) => ({
      path: c.fullCode.split('·'),
      name: c.name,
      defaultRetention: c.defaultRetention,
      arrangement: c.arrangement,
      codeTemplate: c.codeTemplate,
      volumeCodeTemplate: c.volumeCodeTemplate,
      fields: c.fields,
      sortOrder: c.sortOrder,
    }))
    .sort((a, b) => a.path.length - b.path.length || a.sortOrder - b.sortOrder);
  const templates = ctx.orm
    .select({ body: formTemplates.body })
    .from(formTemplates)
    .where(isNull(formTemplates.deletedAt))
    .orderBy(formTemplates.id)
    .all()
    .map((t) => zFormTemplate.parse(JSON.parse(t.body)));
  const sign = requireKey(ctx, 'sign');
  return {
    format: 'dangan-downlink/1',
    stationId,
    seq,
    issuedAt: now,
    bureau: { nodeId: nodeIdOf(ctx), unitName: getMeta(ctx, 'unit_name') ?? '', fingerprint: sign.fingerprint },
    scheme,
    formTemplates: templates,
    resolutions: ctx.orm
      .select({
        entity: syncConflicts.entity,
        id: syncConflicts.entityId,
        version: syncConflicts.theirsVersion,
        // Only ever written from a ConflictAction (conflicts.ts).
        action: sql<ConflictAction>`${syncConflicts.resolution}`,
        resolvedAt: sql<string>`${syncConflicts.resolvedAt}`,
      })
      .from(syncConflicts)
      .where(
        and(
          eq(syncConflicts.stationId, stationId),
          eq(syncConflicts.status, 'resolved'),
          isNotNull(syncConflicts.resolution),
        ),
      )
      .orderBy(syncConflicts.resolvedAt)
      .all(),
    // Only this station's keys: the bundle is not encrypted, and other stations' keys are none of its business.
    trust: {
      version: trustVersion(ctx),
      keys: trustRows(ctx, stationId).map((k) => ({
        fingerprint: k.fingerprint,
        status: k.status,
        validFromSeq: k.validFromSeq,
        validThroughSeq: k.validThroughSeq,
      })),
    },
  };
}

const headKey = (stationId: string) => `sync.downlink_head.${stationId}`;

/**
 * Called by the uplink import: the newest downlink the station has applied. A bureau
 * restored from a backup learns from it that its numbers were used, and chains on.
 */
export function noteDownlinkHead(ctx: CoreContext, stationId: string, head: { seq: number; id: string } | null): void {
  if (!head) return;
  const cur = downlinkHead(ctx, stationId);
  if (!cur || head.seq > cur.seq) setMeta(ctx, headKey(stationId), JSON.stringify(head));
}

function downlinkHead(ctx: CoreContext, stationId: string): { seq: number; id: string } | null {
  try {
    return JSON.parse(getMeta(ctx, headKey(stationId)) ?? 'null') as { seq: number; id: string } | null;
  } catch {
    return null;
  }
}

export function exportDownlink(
  ctx: CoreContext,
  actor: Actor,
  input: { stationId: string; outDir: string },
): DownlinkExportResult {
  requireRole(ctx, 'bureau');
  const station = requireStation(ctx, input.stationId);
  const sign = requireKey(ctx, 'sign');
  const privatePem = unsealKey(ctx, sign);
  const stationId = station.stationId;
  const prev = ctx.orm
    .select({ seq: syncDownlinksOut.seq, bundleId: syncDownlinksOut.bundleId })
    .from(syncDownlinksOut)
    .where(and(eq(syncDownlinksOut.stationId, stationId), eq(syncDownlinksOut.status, 'written')))
    .orderBy(desc(syncDownlinksOut.seq))
    .limit(1)
    .get();
  // What the station reported applying wins over our own record when it is as new or newer
  // (after a restore from backup ours is behind): continue after it, chained to it.
  const head = downlinkHead(ctx, stationId);
  // A written downlink always has its bundle id (set in the same update as the status).
  const written = prev ? { seq: prev.seq, id: prev.bundleId! } : null;
  const base = head && (!written || head.seq >= written.seq) ? head : written;
  const usedSeq =
    ctx.orm
      .select({ n: sql<number>`coalesce(max(${syncDownlinksOut.seq}), 0)` })
      .from(syncDownlinksOut)
      .where(eq(syncDownlinksOut.stationId, stationId))
      .get()?.n ?? 0;
  const seq = Math.max(usedSeq, head?.seq ?? 0) + 1;
  const now = ctx.nowIso();
  const payload = downlinkPayload(ctx, stationId, seq, now);
  const dirName = downlinkDirName(stationId, seq);
  const prevId = base?.id ?? GENESIS_BUNDLE_ID;
  // The number is taken before anything is written: a crash mid-write can never lead to
  // a second, different bundle under the same number (a fork the station would refuse).
  inTransaction(
    ctx,
    () => {
      ctx.orm
        .insert(syncDownlinksOut)
        .values({
          stationId,
          seq,
          prevBundleId: prevId,
          prevSeq: base?.seq ?? 0,
          status: 'writing',
          dirName,
          categories: payload.scheme.length,
          templates: payload.formTemplates.length,
          trustVersion: payload.trust.version,
          createdAt: now,
        })
        .run();
      appendAudit(ctx, actor, {
        action: 'sync.downlink.start',
        entity: 'sync_downlink',
        entityId: `${stationId}:${seq}`,
        summary: `开始写出给派出所 ${stationId} 的第 ${seq} 号下发包`,
        details: { outDir: input.outDir },
      });
    },
    { catalogue: false },
  );
  const w = new BundleWriter(input.outDir, dirName);
  try {
    const body = Buffer.from(JSON.stringify(payload, null, 2) + '\n');
    w.begin(body.length + 64 * 1024);
    const written = [w.writeFile(DOWNLINK_FILE, body)];
    const unit = payload.bureau.unitName;
    const bag = finishBag(w, {
      payload: written,
      info: [
        ['Bundle-Type', 'downlink'],
        ['Station-Id', stationId],
        ['Station-Name', station.name],
        ['Bundle-Seq', seq],
        ['Prev-Bundle-Id', prevId],
        ['Prev-Bundle-Seq', base?.seq ?? 0],
        ['Bureau-Node-Id', payload.bureau.nodeId],
        ['Bureau-Unit', unit],
        ['Bureau-Key', sign.fingerprint],
        ['Schema-Version', schemaVersion(ctx)],
        ['Trust-Version', payload.trust.version],
        ['Category-Count', payload.scheme.length],
        ['Template-Count', payload.formTemplates.length],
        ['Issued-At', now],
        ['Alg-Suite', 'Ed25519+SHA-256 (payload not encrypted)'],
        ['Bagging-Date', now.slice(0, 10)],
        ['Bag-Software-Agent', `Dangan ${ctx.appVersion}`],
      ],
      tags: [
        { path: 'VERIFY.txt', text: verifyText('downlink', unit, sign.fingerprint) },
        { path: 'keys/bureau.pub.pem', text: sign.publicKey },
      ],
      privatePem,
    });
    w.commit();
    const back = readBundle(w.finalDir);
    if (
      back.problems.length ||
      back.bundleId !== bag.bundleId ||
      !verifyBytes(sign.publicKey, back.tagmanifest!, back.signature!)
    ) {
      throw new AppError('BUNDLE_READBACK_FAILED', undefined, { problems: back.problems });
    }
    inTransaction(
      ctx,
      () => {
        ctx.orm
          .update(syncDownlinksOut)
          .set({ status: 'written', bundleId: bag.bundleId })
          .where(and(eq(syncDownlinksOut.stationId, stationId), eq(syncDownlinksOut.seq, seq)))
          .run();
        appendAudit(ctx, actor, {
          action: 'sync.downlink.export',
          entity: 'sync_downlink',
          entityId: bag.bundleId,
          summary: `写出给派出所 ${stationId} 的第 ${seq} 号下发包：门类 ${payload.scheme.length} 个，表单模板 ${payload.formTemplates.length} 个，信任列表第 ${payload.trust.version} 版`,
          details: { seq, prev: prevId, dir: w.finalDir },
        });
      },
      { catalogue: false },
    );
    return {
      stationId: stationId,
      dir: w.finalDir,
      bundleId: bag.bundleId,
      seq,
      prevBundleId: prevId,
      categories: payload.scheme.length,
      templates: payload.formTemplates.length,
      trustVersion: payload.trust.version,
      bytes: bag.bytes,
    };
  } catch (e) {
    w.abort();
    const message = e instanceof Error ? e.message : String(e);
    inTransaction(
      ctx,
      () => {
        ctx.orm
          .update(syncDownlinksOut)
          .set({ status: 'failed', error: message })
          .where(and(eq(syncDownlinksOut.stationId, stationId), eq(syncDownlinksOut.seq, seq)))
          .run();
        appendAudit(ctx, actor, {
          action: 'sync.downlink.failed',
          entity: 'sync_downlink',
          entityId: `${stationId}:${seq}`,
          summary: `给派出所 ${stationId} 的第 ${seq} 号下发包写出失败：${message}`,
          details: { code: e instanceof AppError ? e.code : null },
        });
      },
      { catalogue: false },
    );
    throw e;
  }
}
