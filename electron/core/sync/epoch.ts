/**
 * A station database restored from a backup is behind what it already sent. It notices
 * from the head marker beside the database (written after each export) or from a
 * bureau receipt for a bundle it never wrote (on the stick, or imported by hand), and
 * starts a new epoch: sequence numbers continue after the highest one known, the chain
 * continues from the newest bundle the bureau acknowledged, and the watermark stays the
 * restored one (so everything changed since then is sent again; any record whose
 * version was reused shows up at the bureau as a conflict, never silently overwritten).
 */
import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { syncFilesAcked, syncOutBundles, syncReceipts } from '../../../db/schema';
import { bureauPeer } from './peers';
import { openReceipt, readReceiptFile, type Receipt } from './receipt-format';
import { K, headFile, lastUsedSeq, metaInt, setMetaInt, stationState } from './state';
import { appendAudit } from '../audit';
import { type Actor, type CoreContext, inTransaction, setMeta } from '../kernel';

/** Records what a receipt from another timeline proves (seq used, bundle acknowledged, files held). */
export function learnForeignReceipt(ctx: CoreContext, r: Receipt, body: string): void {
  setMetaInt(ctx, K.seqFloor, Math.max(metaInt(ctx, K.seqFloor), r.bundleSeq));
  if (r.bundleSeq > metaInt(ctx, K.ackedBundleSeq)) {
    setMeta(ctx, K.ackedBundleId, r.bundleId);
    setMetaInt(ctx, K.ackedBundleSeq, r.bundleSeq);
  }
  noteFilesAcked(ctx, r.files, r.bundleId, ctx.nowIso());
  ctx.orm
    .insert(syncReceipts)
    .values({ bundleId: r.bundleId, seq: r.bundleSeq, kind: 'foreign', body, receivedAt: ctx.nowIso() })
    .onConflictDoNothing()
    .run();
}

/** Files the bureau holds: not sent again (a receipt lists every file of its bundle, often thousands). */
export function noteFilesAcked(ctx: CoreContext, files: readonly string[], bundleId: string, at: string): void {
  const insert = ctx.orm
    .insert(syncFilesAcked)
    .values({ sha256: sql.placeholder('sha'), bundleId, ackedAt: at })
    .onConflictDoNothing()
    .prepare();
  for (const sha of files) insert.run({ sha });
}

export function startEpoch(ctx: CoreContext, actor: Actor, why: string, details: unknown): number {
  const epoch = (metaInt(ctx, K.epoch) || 1) + 1;
  setMetaInt(ctx, K.epoch, epoch);
  appendAudit(ctx, actor, {
    action: 'sync.epoch.start',
    entity: 'sync',
    summary: `检测到数据库由备份恢复（${why}），开始第 ${epoch} 轮次，不再重复使用已用过的数据包序号`,
    details,
  });
  return epoch;
}

interface Head {
  stationId: string;
  seq: number;
  epoch: number;
  bundleId: string;
}

function readHead(ctx: CoreContext): Head | null {
  try {
    return JSON.parse(fs.readFileSync(headFile(ctx), 'utf8')) as Head;
  } catch {
    return null;
  }
}

/** Before an export: looks for evidence of a restore; returns whether a new epoch began. */
export function detectRestore(ctx: CoreContext, actor: Actor, stickDir: string): boolean {
  const st = stationState(ctx);
  const peer = bureauPeer(ctx);
  const foreign: { r: Receipt; body: string }[] = [];
  const dir = path.join(stickDir, 'receipts', st.stationId);
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    names = [];
  }
  const known = (id: string) =>
    !!ctx.orm.select({ seq: syncOutBundles.seq }).from(syncOutBundles).where(eq(syncOutBundles.bundleId, id)).get();
  const seen = (id: string) =>
    !!ctx.orm.select({ seq: syncReceipts.seq }).from(syncReceipts).where(eq(syncReceipts.bundleId, id)).get();
  for (const n of names) {
    const id = n.slice(0, -5);
    if (known(id) || seen(id)) continue;
    try {
      const { json, sig } = readReceiptFile(path.join(dir, n));
      const r = openReceipt(json, sig, peer.signPublicPem);
      if (r.stationId === st.stationId) foreign.push({ r, body: json.toString('utf8') });
    } catch {
      // A receipt that does not verify proves nothing; receipt import reports it.
    }
  }
  const head = readHead(ctx);
  const headAhead = head && head.stationId === st.stationId && head.seq > lastUsedSeq(ctx) ? head : null;
  if (!foreign.length && !headAhead) return false;
  inTransaction(
    ctx,
    () => {
      for (const f of foreign) learnForeignReceipt(ctx, f.r, f.body);
      if (headAhead) setMetaInt(ctx, K.seqFloor, Math.max(metaInt(ctx, K.seqFloor), headAhead.seq));
      startEpoch(
        ctx,
        actor,
        headAhead ? '本机记录的最近数据包序号高于数据库' : 'U 盘上有本数据库未写过的数据包的回执',
        {
          head: headAhead,
          receipts: foreign.map((f) => ({ bundleId: f.r.bundleId, seq: f.r.bundleSeq })),
        },
      );
    },
    { catalogue: false },
  );
  return true;
}
