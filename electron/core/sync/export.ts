/**
 * Station → bureau: writes everything changed since the watermark the bureau acknowledged
 * (full current states from the change log's records) and the scans the bureau does not
 * hold yet, as one signed, encrypted bundle on the stick; then reads it back and checks it.
 */
import { desc, eq, gt, sql } from 'drizzle-orm';
import { changeLog, syncDownlinksIn, syncFilesAcked, syncOutBundles } from '../../../db/schema';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { BundleExportResult } from '../../contract/sync';
import { appendAudit } from '../audit';
import { nodeIdOf, type Actor, type CoreContext, AppError, inTransaction, getMeta } from '../kernel';
import { snapshotForExport } from '../statistics';
import { BlobStore } from '../storage';
import { bundleDirName } from './bagit';
import { finishBag, verifyText } from './bag-write';
import { AgeSealer } from './age-native';
import { AGE_RECIPIENT, ageEncrypt, ageEncryptStream, ageSizeBound, ALG_SUITE, verifyBytes } from './crypto';
import { StateReader, isSyncEntity, type RecordState } from './entities';
import { detectRestore } from './epoch';
import { keyRow, requireKey, unsealKey } from './keys';
import { readBundleAsync } from './bundle-read';
import { bureauPeer } from './peers';
import { headFile, lastUsedSeq, stationState } from './state';
import { schemaVersion } from './schema-version';
import { BundleWriter, writeFileAtomic } from './stick-writer';

/** FAT32 holds files under 4 GiB; scans larger than this are split into parts. */
export const DEFAULT_PART_LIMIT = 4 * 1024 ** 3 - 16 * 1024 ** 2;

export interface ExportOptions {
  outDir: string;
  partLimit?: number;
  /** Called after each chunk written to the stick (progress; tests pull the stick here). */
  onWrite?: (bytes: number) => void;
}

interface FilePart {
  sha256: string;
  rel: string;
  source: string;
  start: number;
  end: number;
}

export interface ExportPlan {
  records: RecordState[];
  changeTo: number;
  files: { sha256: string; size: number }[];
  missingFiles: string[];
}

/** What the next bundle would carry (also the status page's "pending"). */
export function planExport(ctx: CoreContext, ackedThrough: number): ExportPlan {
  const own = nodeIdOf(ctx);
  const last = sql<number>`max(${changeLog.seq})`;
  const rows = ctx.orm
    .select({ entity: changeLog.entity, id: changeLog.entityId, last })
    .from(changeLog)
    .where(gt(changeLog.seq, ackedThrough))
    .groupBy(changeLog.entity, changeLog.entityId)
    .orderBy(last)
    .all();
  const changeTo = rows.reduce((m, r) => Math.max(m, r.last), ackedThrough);
  const reader = new StateReader(ctx);
  const records: RecordState[] = [];
  for (const r of rows) {
    if (!isSyncEntity(r.entity)) continue;
    const s = reader.read(r.entity, r.id);
    if (s && s.nodeId === own) records.push(s);
  }
  const acked = ctx.orm
    .select({ sha256: syncFilesAcked.sha256 })
    .from(syncFilesAcked)
    .where(eq(syncFilesAcked.sha256, sql.placeholder('sha')))
    .prepare();
  const store = new BlobStore(ctx.dataDir);
  const files: ExportPlan['files'] = [];
  const missingFiles: string[] = [];
  const seen = new Set<string>();
  for (const rec of records) {
    for (const sha of rec.files) {
      if (seen.has(sha)) continue;
      seen.add(sha);
      if (acked.get({ sha })) continue;
      try {
        files.push({ sha256: sha, size: fs.statSync(store.pathOf(sha)).size });
      } catch {
        missingFiles.push(sha);
      }
    }
  }
  return { records, changeTo, files, missingFiles };
}

function partsOf(store: BlobStore, f: { sha256: string; size: number }, limit: number): FilePart[] {
  const source = store.pathOf(f.sha256);
  const n = Math.max(1, Math.ceil(f.size / limit));
  if (n === 1) return [{ sha256: f.sha256, rel: `data/files/${f.sha256}.age`, source, start: 0, end: f.size }];
  return Array.from({ length: n }, (_, i) => ({
    sha256: f.sha256,
    rel: `data/files/${f.sha256}.part${String(i + 1).padStart(3, '0')}.age`,
    source,
    start: i * limit,
    end: Math.min(f.size, (i + 1) * limit),
  }));
}

/** Plaintext read and sealed per block: 64 chunks of age's 64 KiB. */
const BLOCK = 4 * 1024 * 1024;

/** One part of a scan as an age file: the head, then each block sealed (the last one marked). */
function* sealedPart(recipients: readonly string[], p: FilePart): Generator<Uint8Array> {
  const sealer = new AgeSealer(recipients);
  yield sealer.head;
  const size = p.end - p.start;
  const fd = fs.openSync(p.source, 'r');
  try {
    const buf = Buffer.allocUnsafe(Math.max(1, Math.min(BLOCK, size)));
    for (let at = 0; ;) {
      const n = Math.min(BLOCK, size - at);
      for (let got = 0; got < n;) {
        const r = fs.readSync(fd, buf, got, n - got, p.start + at + got);
        if (r === 0) throw new Error(`扫描文件 ${p.sha256.slice(0, 12)}… 比登记的短`);
        got += r;
      }
      at += n;
      const last = at >= size;
      yield Buffer.concat(sealer.seal(buf.subarray(0, n), last));
      if (last) return;
    }
  } finally {
    fs.closeSync(fd);
  }
}

const emptyStream = () => new ReadableStream<Uint8Array>({ start: (c) => c.close() });

export async function exportBundle(ctx: CoreContext, actor: Actor, opts: ExportOptions): Promise<BundleExportResult> {
  let st = stationState(ctx);
  const peer = bureauPeer(ctx);
  const keyRowActive = requireKey(ctx, 'sign');
  const privatePem = unsealKey(ctx, keyRowActive);
  const next = keyRow(ctx, 'sign', 'next');
  const restore = detectRestore(ctx, actor, opts.outDir);
  st = stationState(ctx);
  // Today's 考核指标 travel with the bundle (statistics/snapshot.ts: why a snapshot, not a recount).
  snapshotForExport(ctx, actor);
  const plan = planExport(ctx, st.ackedThrough);
  const partLimit = opts.partLimit ?? DEFAULT_PART_LIMIT;
  const store = new BlobStore(ctx.dataDir);
  const parts = plan.files.flatMap((f) => partsOf(store, f, partLimit));
  const lines = plan.records.map((r) => JSON.stringify(r)).join('\n') + (plan.records.length ? '\n' : '');
  const plain = Buffer.from(lines, 'utf8');
  const recipients = peer.ageRecipients;
  const needed =
    ageSizeBound(plain.length, recipients.length) +
    parts.reduce((n, p) => n + ageSizeBound(p.end - p.start, recipients.length), 0) +
    64 * 1024;

  const seq = lastUsedSeq(ctx) + 1;
  const dirName = bundleDirName(st.stationId, seq);
  const now = ctx.nowIso();
  inTransaction(
    ctx,
    () => {
      ctx.orm
        .insert(syncOutBundles)
        .values({
          seq,
          epoch: st.epoch,
          prevBundleId: st.ackedBundleId,
          ackedThrough: st.ackedThrough,
          changeTo: plan.changeTo,
          records: plan.records.length,
          files: plan.files.length,
          status: 'writing',
          dirName,
          createdAt: now,
        })
        .run();
      appendAudit(ctx, actor, {
        action: 'sync.bundle.start',
        entity: 'sync_bundle',
        entityId: String(seq),
        summary: `开始写出数据包 ${dirName}（${plan.records.length} 条记录，${plan.files.length} 个文件）`,
        details: { seq, epoch: st.epoch, outDir: opts.outDir },
      });
    },
    { catalogue: false },
  );

  const total = needed;
  let written = 0;
  const progress = (phase: string, message: string) =>
    ctx.events.emit('job.progress', { jobId: `sync-${seq}`, kind: 'export', phase, done: written, total, message });
  const w = new BundleWriter(opts.outDir, dirName, (n) => {
    written += n;
    opts.onWrite?.(n);
  });
  try {
    w.begin(needed);
    progress('changes', '写出变更记录');
    const payload = [w.writeFile('data/changes.ndjson.age', await ageEncrypt(recipients, plain))];
    const native = recipients.every((r) => AGE_RECIPIENT.test(r));
    for (const p of parts) {
      progress('files', `写出扫描文件 ${p.sha256.slice(0, 12)}…`);
      if (native) {
        // Sealed in 4 MiB blocks straight from the file, hashed as written, flushed in the background.
        payload.push(await w.writeDeferred(p.rel, sealedPart(recipients, p)));
        continue;
      }
      const src =
        p.end > p.start
          ? (Readable.toWeb(
              fs.createReadStream(p.source, { start: p.start, end: p.end - 1, highWaterMark: 1 << 20 }),
            ) as ReadableStream<Uint8Array>)
          : emptyStream();
      payload.push(await w.writeStream(p.rel, await ageEncryptStream(recipients, src)));
    }
    // Every payload file is on the stick, flushed and renamed, before anything is signed.
    await w.settle();
    const info: [string, string | number][] = [
      ['Bundle-Type', 'changes'],
      ['Station-Id', st.stationId],
      ['Station-Name', getMeta(ctx, 'unit_name') ?? ''],
      ['Station-Node-Id', nodeIdOf(ctx)],
      ['Bundle-Seq', seq],
      ['Epoch', st.epoch],
      ['Prev-Bundle-Id', st.ackedBundleId],
      ['Acked-Through', st.ackedThrough],
      ['Change-Range', `${st.ackedThrough + 1}-${plan.changeTo}`],
      ['Exported-By', actor.name],
      ['Exported-At', now],
      ['Schema-Version', schemaVersion(ctx)],
      ['Alg-Suite', ALG_SUITE],
      ['Signing-Key', keyRowActive.fingerprint],
      ['Record-Count', plan.records.length],
      ['File-Count', plan.files.length],
      ['Bagging-Date', now.slice(0, 10)],
      ['Bag-Software-Agent', `Dangan ${ctx.appVersion}`],
    ];
    if (next) info.push(['Next-Signing-Key', next.fingerprint]);
    // The newest downlink applied here: a bureau restored from a backup continues after it (downlink-export.ts).
    const downlink = ctx.orm
      .select({ seq: syncDownlinksIn.seq, bundleId: syncDownlinksIn.bundleId })
      .from(syncDownlinksIn)
      .orderBy(desc(syncDownlinksIn.seq))
      .limit(1)
      .get();
    if (downlink) info.push(['Downlink-Seq', downlink.seq], ['Downlink-Id', downlink.bundleId]);
    const tags = [
      {
        path: 'VERIFY.txt',
        text: verifyText('changes', `${st.stationId} ${getMeta(ctx, 'unit_name') ?? ''}`, keyRowActive.fingerprint),
      },
      { path: 'keys/station.pub.pem', text: keyRowActive.publicKey },
    ];
    if (next) tags.push({ path: 'keys/next-station.pub.pem', text: next.publicKey });
    progress('sign', '签名');
    // The bundle's id is noted before its signature exists on the stick. A process killed after
    // that (while renaming the folder, reading it back, or before the 'written' update below)
    // can leave a finished bundle on the stick; when the bureau imports it, its receipt must be
    // recognised as this station's own, not taken for a receipt from a restored database's other
    // timeline (a false new epoch). Found by tests/integration/sync-kill.test.ts.
    const noteId = (bundleId: string) =>
      inTransaction(
        ctx,
        () => ctx.orm.update(syncOutBundles).set({ bundleId }).where(eq(syncOutBundles.seq, seq)).run(),
        { catalogue: false },
      );
    const bag = finishBag(w, { payload, info, tags, privatePem, beforeCommitMarker: noteId });
    w.commit();
    progress('verify', '从 U 盘读回并校验');
    const back = await readBundleAsync(w.finalDir);
    const ok =
      back.problems.length === 0 &&
      back.bundleId === bag.bundleId &&
      verifyBytes(keyRowActive.publicKey, back.tagmanifest!, back.signature!);
    if (!ok) {
      throw new AppError('BUNDLE_READBACK_FAILED', undefined, { problems: back.problems });
    }
    inTransaction(
      ctx,
      () => {
        ctx.orm
          .update(syncOutBundles)
          .set({ status: 'written', bundleId: bag.bundleId, bytes: bag.bytes })
          .where(eq(syncOutBundles.seq, seq))
          .run();
        appendAudit(ctx, actor, {
          action: 'sync.bundle.export',
          entity: 'sync_bundle',
          entityId: bag.bundleId,
          summary: `写出数据包 ${dirName}：${plan.records.length} 条记录，${plan.files.length} 个文件，已读回校验`,
          details: { seq, epoch: st.epoch, bundleId: bag.bundleId, prev: st.ackedBundleId, changeTo: plan.changeTo },
        });
      },
      { catalogue: false },
    );
    writeHead(ctx, { stationId: st.stationId, seq, epoch: st.epoch, bundleId: bag.bundleId });
    progress('done', '可以安全拔出 U 盘');
    return {
      dir: w.finalDir,
      bundleId: bag.bundleId,
      seq,
      epoch: st.epoch,
      records: plan.records.length,
      files: plan.files.length,
      bytes: bag.bytes,
      newEpoch: restore,
      missingFiles: plan.missingFiles,
    };
  } catch (e) {
    await w.drain();
    w.abort();
    const err = e instanceof AppError ? e : new AppError('INTERNAL', String((e as Error)?.message ?? e));
    inTransaction(
      ctx,
      () => {
        ctx.orm
          .update(syncOutBundles)
          .set({ status: 'failed', error: err.message })
          .where(eq(syncOutBundles.seq, seq))
          .run();
        appendAudit(ctx, actor, {
          action: 'sync.bundle.failed',
          entity: 'sync_bundle',
          entityId: String(seq),
          summary: `数据包 ${dirName} 写出失败：${err.message}`,
          details: { code: err.code },
        });
      },
      { catalogue: false },
    );
    throw e;
  }
}

function writeHead(ctx: CoreContext, head: { stationId: string; seq: number; epoch: number; bundleId: string }): void {
  try {
    writeFileAtomic(headFile(ctx), Buffer.from(JSON.stringify(head) + '\n'));
  } catch (e) {
    ctx.log.error('sync head marker not written', e);
  }
}
