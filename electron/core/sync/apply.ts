/**
 * Bureau: applies a bundle's records to the station's mirror (`station_records`), inside
 * the import transaction. A record is applied when it is new or newer than the held
 * copy; the same state again is a duplicate; an older or same-version different state
 * (a restored station, a reused version) is a conflict, kept beside the held copy in
 * `sync_conflicts`. Records the station does not own, of unknown kinds, whose hash does
 * not match, or whose id another station already holds are rejected with the reason.
 */
import { and, eq, ne, sql } from 'drizzle-orm';
import { stationRecords, syncConflicts } from '../../../db/schema';
import { excluded } from './excluded';
import { isSyncEntity, stateHash, SYNC_ENTITIES, type RecordState } from './entities';
import type { ReceiptRecord } from './receipt-format';
import { type CoreContext } from '../kernel';

export function applyRecords(
  ctx: CoreContext,
  stationId: string,
  stationNodeId: string,
  bundleId: string,
  records: readonly RecordState[],
): ReceiptRecord[] {
  const now = ctx.nowIso();
  const r = stationRecords;
  const c = syncConflicts;
  const entity = sql.placeholder('entity');
  const id = sql.placeholder('id');
  // Every statement prepared once per bundle and run per record (a bundle holds tens of thousands).
  const held = ctx.orm
    .select({ version: r.version, fieldsHash: r.fieldsHash, deleted: r.deleted })
    .from(r)
    .where(and(eq(r.stationId, stationId), eq(r.entity, entity), eq(r.entityId, id)))
    .prepare();
  const elsewhere = ctx.orm
    .select({ stationId: r.stationId })
    .from(r)
    .where(and(eq(r.entity, entity), eq(r.entityId, id), ne(r.stationId, stationId)))
    .limit(1)
    .prepare();
  const state = {
    stationId,
    entity,
    entityId: id,
    version: sql.placeholder('version'),
    deleted: sql.placeholder('deleted'),
    nodeId: sql.placeholder('node'),
    fields: sql.placeholder('fields'),
    fieldsHash: sql.placeholder('hash'),
    bundleId,
    receivedAt: now,
  };
  const upsert = ctx.orm
    .insert(r)
    .values(state)
    .onConflictDoUpdate({
      target: [r.stationId, r.entity, r.entityId],
      set: {
        version: excluded(r.version),
        deleted: excluded(r.deleted),
        nodeId: excluded(r.nodeId),
        fields: excluded(r.fields),
        fieldsHash: excluded(r.fieldsHash),
        bundleId: excluded(r.bundleId),
        receivedAt: excluded(r.receivedAt),
      },
    })
    .prepare();
  const conflict = ctx.orm
    .insert(c)
    .values({
      id: sql.placeholder('cid'),
      stationId,
      entity,
      entityId: id,
      oursVersion: sql.placeholder('oursVersion'),
      oursHash: sql.placeholder('oursHash'),
      theirsVersion: state.version,
      theirsDeleted: state.deleted,
      theirsFields: state.fields,
      theirsHash: state.fieldsHash,
      bundleId,
      reason: sql.placeholder('reason'),
      status: 'open',
      createdAt: now,
    })
    .prepare();
  const openConflict = ctx.orm
    .select({ id: c.id })
    .from(c)
    .where(
      and(
        eq(c.stationId, stationId),
        eq(c.entity, entity),
        eq(c.entityId, id),
        eq(c.theirsHash, sql.placeholder('hash')),
        eq(c.status, 'open'),
      ),
    )
    .prepare();
  const out: ReceiptRecord[] = [];
  for (const rec of records) {
    const base = { entity: rec.entity, id: rec.id, version: rec.version };
    const reject = (reason: string) => out.push({ ...base, outcome: 'rejected', reason });
    if (!isSyncEntity(rec.entity)) {
      reject(`未知的记录类型：${rec.entity}`);
      continue;
    }
    if (rec.nodeId !== stationNodeId) {
      reject('记录不是本所创建的（一条记录只由创建它的单位修改）');
      continue;
    }
    if (stateHash(rec) !== rec.hash) {
      reject('记录内容与其哈希不符');
      continue;
    }
    const other = SYNC_ENTITIES[rec.entity]!.stationScopedId
      ? undefined
      : elsewhere.get({ entity: rec.entity, id: rec.id })?.stationId;
    if (other) {
      reject(`记录标识与派出所 ${other} 的记录重复`);
      continue;
    }
    const row = {
      entity: rec.entity,
      id: rec.id,
      version: rec.version,
      deleted: rec.deleted ? 1 : 0,
      node: rec.nodeId,
      fields: JSON.stringify({ fields: rec.fields, files: rec.files }),
      hash: rec.hash,
    };
    const h = held.get({ entity: rec.entity, id: rec.id });
    if (!h || rec.version > h.version) {
      upsert.run(row);
      out.push({ ...base, outcome: 'applied' });
    } else if (h.fieldsHash === rec.hash) {
      out.push({ ...base, outcome: 'duplicate' });
    } else {
      const reason =
        rec.version === h.version
          ? `同一版本（${rec.version}）内容不同：县局保留原件，新内容另存待人工处理`
          : `收到的版本 ${rec.version} 旧于县局已有的版本 ${h.version}（派出所数据库可能由备份恢复）`;
      if (!openConflict.get({ entity: rec.entity, id: rec.id, hash: rec.hash })) {
        conflict.run({ ...row, cid: ctx.ids(), oursVersion: h.version, oursHash: h.fieldsHash, reason });
      }
      out.push({ ...base, outcome: 'conflict', reason });
    }
  }
  return out;
}
