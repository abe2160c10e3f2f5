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
  const templates = (
    ctx.sqlite.prepare('SELECT body FROM form_templates WHERE deleted_at IS NULL ORDER BY id').pluck().all() as string[]
  ).map((b) => zFormTemplate.parse(JSON.parse(b)));
  const sign = requireKey(ctx, 'sign');
  return {
    format: 'dangan-downlink/1',
    stationId,
    seq,
    issuedAt: now,
    bureau: { nodeId: nodeIdOf(ctx), unitName: getMeta(ctx, 'unit_name') ?? '', fingerprint: sign.fingerprint },
    scheme,
    formTemplates: templates,
    resolutions: ctx.sqlite
      .prepare(
        `SELECT entity, entity_id AS id, theirs_version AS version, resolution AS action, resolved_at AS resolvedAt
         FROM sync_conflicts WHERE station_id = ? AND status = 'resolved' AND resolution IS NOT NULL ORDER BY resolved_at`,
      )
      .all(stationId) as DownlinkPayload['resolutions'],
    // Only this station's keys: the bundle is not encrypted, and other stations' keys are none of its business.
    trust: {
      version: trustVersion(ctx),
      keys: trustRows(ctx, stationId).map((k) => ({
        fingerprint: k.fingerprint,
        status: k.status,
        validFromSeq: k.valid_from_seq,
        validThroughSeq: k.valid_through_seq,
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
  const prev = ctx.sqlite
    .prepare(
      "SELECT seq, bundle_id FROM sync_downlinks_out WHERE station_id = ? AND status = 'written' ORDER BY seq DESC LIMIT 1",
    )
    .get(station.station_id) as { seq: number; bundle_id: string } | undefined;
  // What the station reported applying wins over our own record when it is as new or newer
  // (after a restore from backup ours is behind): continue after it, chained to it.
  const head = downlinkHead(ctx, station.station_id);
  const written = prev ? { seq: prev.seq, id: prev.bundle_id } : null;
  const base = head && (!written || head.seq >= written.seq) ? head : written;
  const seq =
    Math.max(
      ctx.sqlite
        .prepare('SELECT coalesce(max(seq), 0) FROM sync_downlinks_out WHERE station_id = ?')
        .pluck()
        .get(station.station_id) as number,
      head?.seq ?? 0,
    ) + 1;
  const now = ctx.nowIso();
  const payload = downlinkPayload(ctx, station.station_id, seq, now);
  const dirName = downlinkDirName(station.station_id, seq);
  const prevId = base?.id ?? GENESIS_BUNDLE_ID;
  // The number is taken before anything is written: a crash mid-write can never lead to
  // a second, different bundle under the same number (a fork the station would refuse).
  inTransaction(
    ctx,
    () => {
      ctx.sqlite
        .prepare(
          `INSERT INTO sync_downlinks_out (station_id, seq, prev_bundle_id, prev_seq, status, dir_name, categories, templates, trust_version, created_at)
           VALUES (?, ?, ?, ?, 'writing', ?, ?, ?, ?, ?)`,
        )
        .run(
          station.station_id,
          seq,
          prevId,
          base?.seq ?? 0,
          dirName,
          payload.scheme.length,
          payload.formTemplates.length,
          payload.trust.version,
          now,
        );
      appendAudit(ctx, actor, {
        action: 'sync.downlink.start',
        entity: 'sync_downlink',
        entityId: `${station.station_id}:${seq}`,
        summary: `开始写出给派出所 ${station.station_id} 的第 ${seq} 号下发包`,
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
        ['Station-Id', station.station_id],
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
        { path: 'keys/bureau.pub.pem', text: sign.public_key },
      ],
      privatePem,
    });
    w.commit();
    const back = readBundle(w.finalDir);
    if (
      back.problems.length ||
      back.bundleId !== bag.bundleId ||
      !verifyBytes(sign.public_key, back.tagmanifest!, back.signature!)
    ) {
      throw new AppError('BUNDLE_READBACK_FAILED', undefined, { problems: back.problems });
    }
    inTransaction(
      ctx,
      () => {
        ctx.sqlite
          .prepare("UPDATE sync_downlinks_out SET status = 'written', bundle_id = ? WHERE station_id = ? AND seq = ?")
          .run(bag.bundleId, station.station_id, seq);
        appendAudit(ctx, actor, {
          action: 'sync.downlink.export',
          entity: 'sync_downlink',
          entityId: bag.bundleId,
          summary: `写出给派出所 ${station.station_id} 的第 ${seq} 号下发包：门类 ${payload.scheme.length} 个，表单模板 ${payload.formTemplates.length} 个，信任列表第 ${payload.trust.version} 版`,
          details: { seq, prev: prevId, dir: w.finalDir },
        });
      },
      { catalogue: false },
    );
    return {
      stationId: station.station_id,
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
        ctx.sqlite
          .prepare("UPDATE sync_downlinks_out SET status = 'failed', error = ? WHERE station_id = ? AND seq = ?")
          .run(message, station.station_id, seq);
        appendAudit(ctx, actor, {
          action: 'sync.downlink.failed',
          entity: 'sync_downlink',
          entityId: `${station.station_id}:${seq}`,
          summary: `给派出所 ${station.station_id} 的第 ${seq} 号下发包写出失败：${message}`,
          details: { code: e instanceof AppError ? e.code : null },
        });
      },
      { catalogue: false },
    );
    throw e;
  }
}
