/**
 * Enrollment, a ceremony on a stick. The bureau registers a station and writes its
 * enrollment bundle (the bureau's public keys, the station id, the scheme and the form
 * templates), signed by the bureau key. The station imports it, pins that key (trust on
 * first use: the operators compare the bureau fingerprint shown on both screens) and
 * shows its own fingerprint, which the bureau operator compares before accepting the
 * station's first bundle (`bundle import --accept-key`).
 */
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { categories, formTemplates, syncPeers, syncStations } from '../../../db/schema';
import type { EnrollResult, StationAddResult } from '../../contract/sync';
import { appendAudit } from '../audit';
import {
  nodeIdOf,
  recordChange,
  type Actor,
  type CoreContext,
  AppError,
  inTransaction,
  getMeta,
  readBoundedFile,
  setMeta,
} from '../kernel';
import { enrollmentDirName } from './bagit';
import { finishBag, verifyText } from './bag-write';
import { mainProblem, readBundleAsync } from './bundle-read';
import { ALG_SUITE, fingerprintOf, verifyBytes } from './crypto';
import { fingerprintView } from './fingerprint';
import { ensureNodeKeys, keyRow, requireKey, unsealKey } from './keys';
import { bureauPeerOrNull } from './peers';
import { K, metaInt, requireRole, setMetaInt } from './state';
import { BundleWriter } from './stick-writer';
import { stationRow, trustVersion } from './trust';

interface Enrollment {
  format: 'dangan-enrollment/1';
  stationId: string;
  stationName: string;
  issuedAt: string;
  bureau: {
    nodeId: string;
    unitName: string;
    fondsCode: string;
    signPublicPem: string;
    fingerprint: string;
    ageRecipients: string[];
  };
  trustVersion: number;
  scheme: unknown[];
  formTemplates: unknown[];
}

export async function addStation(
  ctx: CoreContext,
  actor: Actor,
  input: { stationId: string; name: string; outDir: string },
): Promise<StationAddResult> {
  requireRole(ctx, 'bureau');
  await ensureNodeKeys(ctx, actor, { age: true });
  const existing = stationRow(ctx, input.stationId);
  if (existing && (existing.status !== 'enrolled' || existing.name !== input.name)) {
    throw new AppError('STATION_EXISTS', `派出所 ${input.stationId} 已登记（${existing.name}）`);
  }
  const sign = requireKey(ctx, 'sign');
  const age = requireKey(ctx, 'age');
  const privatePem = unsealKey(ctx, sign);
  const now = ctx.nowIso();
  const enrollment: Enrollment = {
    format: 'dangan-enrollment/1',
    stationId: input.stationId,
    stationName: input.name,
    issuedAt: now,
    bureau: {
      nodeId: nodeIdOf(ctx),
      unitName: getMeta(ctx, 'unit_name') ?? '',
      fondsCode: getMeta(ctx, 'fonds_code') ?? '',
      signPublicPem: sign.publicKey,
      fingerprint: sign.fingerprint,
      ageRecipients: [age.publicKey],
    },
    trustVersion: trustVersion(ctx),
    // The rows as stored, under their column names: the enrollment format stations already hold.
    scheme: ctx.orm.all(
      sql`SELECT * FROM ${categories} WHERE ${categories.deletedAt} IS NULL ORDER BY ${categories.sortOrder}, ${categories.code}`,
    ),
    formTemplates: ctx.orm.all(
      sql`SELECT * FROM ${formTemplates} WHERE ${formTemplates.deletedAt} IS NULL ORDER BY ${formTemplates.id}`,
    ),
  };
  const w = new BundleWriter(input.outDir, enrollmentDirName(input.stationId));
  try {
    const body = Buffer.from(JSON.stringify(enrollment, null, 2) + '\n');
    w.begin(body.length + 64 * 1024);
    const payload = [w.writeFile('data/enrollment.json', body)];
    const bag = finishBag(w, {
      payload,
      info: [
        ['Bundle-Type', 'enrollment'],
        ['Station-Id', input.stationId],
        ['Station-Name', input.name],
        ['Bureau-Node-Id', enrollment.bureau.nodeId],
        ['Bureau-Unit', enrollment.bureau.unitName],
        ['Bureau-Key', sign.fingerprint],
        ['Issued-At', now],
        ['Alg-Suite', ALG_SUITE],
        ['Bagging-Date', now.slice(0, 10)],
        ['Bag-Software-Agent', `Dangan ${ctx.appVersion}`],
      ],
      tags: [
        { path: 'VERIFY.txt', text: verifyText('enrollment', enrollment.bureau.unitName, sign.fingerprint) },
        { path: 'keys/bureau.pub.pem', text: sign.publicKey },
      ],
      privatePem,
    });
    inTransaction(
      ctx,
      () => {
        if (!existing) {
          ctx.orm
            .insert(syncStations)
            .values({
              stationId: input.stationId,
              name: input.name,
              status: 'enrolled',
              createdAt: now,
              updatedAt: now,
            })
            .run();
          recordChange(ctx, 'sync_station', input.stationId, 1, 'insert');
        }
        appendAudit(ctx, actor, {
          action: existing ? 'sync.station.reissue' : 'sync.station.add',
          entity: 'sync_station',
          entityId: input.stationId,
          summary: `${existing ? '重新写出' : '登记派出所并写出'}登记包：${input.stationId} ${input.name}`,
          details: { bundleId: bag.bundleId, outDir: input.outDir },
        });
      },
      { catalogue: false },
    );
    w.commit();
    return { stationId: input.stationId, name: input.name, dir: w.finalDir, bureau: fingerprintView(sign.fingerprint) };
  } catch (e) {
    w.abort();
    throw e;
  }
}

export async function enrollStation(ctx: CoreContext, actor: Actor, dir: string): Promise<EnrollResult> {
  requireRole(ctx, 'station');
  const rb = await readBundleAsync(dir);
  const invalid = (why: string) => new AppError('ENROLLMENT_INVALID', `登记包无效：${why}`);
  const p = mainProblem(rb.problems);
  if (p) throw invalid(p.message);
  if (rb.info?.['Bundle-Type'] !== 'enrollment') throw invalid('不是登记包');
  let e: Enrollment;
  try {
    // Checked above as a regular file within the declared payload; read no further than that.
    const bytes = readBoundedFile(path.join(dir, 'data', 'enrollment.json'), rb.payloadBytes);
    e = JSON.parse(bytes.toString('utf8')) as Enrollment;
  } catch {
    throw invalid('登记内容无法解析');
  }
  const pem = e.bureau?.signPublicPem;
  if (e.format !== 'dangan-enrollment/1' || !pem || !/^[A-Za-z0-9_-]{1,32}$/.test(e.stationId ?? '')) {
    throw invalid('登记内容格式不受支持');
  }
  if (!verifyBytes(pem, rb.tagmanifest!, rb.signature!)) throw invalid('签名与包内县局公钥不符');
  const fp = fingerprintOf(pem);
  if (fp !== rb.info['Bureau-Key'] || fp !== e.bureau.fingerprint) throw invalid('县局密钥指纹前后不一致');
  const pinned = bureauPeerOrNull(ctx);
  const enrolledAs = getMeta(ctx, K.stationId);
  if (pinned || enrolledAs) {
    if (pinned?.fingerprint !== fp || enrolledAs !== e.stationId) {
      throw new AppError(
        'ALREADY_ENROLLED',
        `本所已登记为 ${enrolledAs}（县局密钥 ${pinned?.fingerprint.slice(0, 16)}…）`,
      );
    }
  } else {
    await ensureNodeKeys(ctx, actor, { age: false });
    inTransaction(
      ctx,
      () => {
        ctx.orm
          .insert(syncPeers)
          .values({
            fingerprint: fp,
            role: 'bureau',
            nodeId: e.bureau.nodeId,
            unitName: e.bureau.unitName,
            signPublicPem: pem,
            ageRecipients: JSON.stringify(e.bureau.ageRecipients),
            status: 'active',
            pinnedAt: ctx.nowIso(),
          })
          .run();
        setMeta(ctx, K.stationId, e.stationId);
        setMeta(ctx, K.stationName, e.stationName);
        setMeta(ctx, K.bureauFingerprint, fp);
        if (!metaInt(ctx, K.epoch)) setMetaInt(ctx, K.epoch, 1);
        setMeta(
          ctx,
          K.bureauScheme,
          JSON.stringify({ scheme: e.scheme, formTemplates: e.formTemplates, issuedAt: e.issuedAt }),
        );
        appendAudit(ctx, actor, {
          action: 'sync.enroll',
          entity: 'sync',
          entityId: e.stationId,
          summary: `导入县局登记包：本所编号 ${e.stationId}，县局 ${e.bureau.unitName}，县局密钥 ${fp.slice(0, 16)}… 已固定`,
          details: { bureauFingerprint: fp, bureauNodeId: e.bureau.nodeId },
        });
      },
      { catalogue: false },
    );
  }
  const own = keyRow(ctx, 'sign') ?? requireKey(ctx, 'sign');
  return {
    stationId: e.stationId,
    stationName: e.stationName,
    bureauUnit: e.bureau.unitName,
    bureau: fingerprintView(fp),
    own: fingerprintView(own.fingerprint),
  };
}
