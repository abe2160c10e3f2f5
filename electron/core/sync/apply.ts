/**
 * Bureau: applies a bundle's records to the station's mirror (`station_records`), inside
 * the import transaction. A record is applied when it is new or newer than the held
 * copy; the same state again is a duplicate; an older or same-version different state
 * (a restored station, a reused version) is a conflict, kept beside the held copy in
 * `sync_conflicts`. Records the station does not own, of unknown kinds, whose hash does
 * not match, or whose id another station already holds are rejected with the reason.
 */
import type { CoreContext } from '../kernel';
import { isSyncEntity, stateHash, type RecordState } from './entities';
import type { ReceiptRecord } from './receipt-format';

interface Held {
  version: number;
  fields_hash: string;
  deleted: number;
}

export function applyRecords(
  ctx: CoreContext,
  stationId: string,
  stationNodeId: string,
  bundleId: string,
  records: readonly RecordState[],
): ReceiptRecord[] {
  const db = ctx.sqlite;
  const now = ctx.nowIso();
  const held = db.prepare(
    'SELECT version, fields_hash, deleted FROM station_records WHERE station_id = ? AND entity = ? AND entity_id = ?',
  );
  const elsewhere = db
    .prepare('SELECT station_id FROM station_records WHERE entity = ? AND entity_id = ? AND station_id != ? LIMIT 1')
    .pluck();
  const upsert = db.prepare(
    `INSERT INTO station_records (station_id, entity, entity_id, version, deleted, node_id, fields, fields_hash, bundle_id, received_at)
     VALUES (@station, @entity, @id, @version, @deleted, @node, @fields, @hash, @bundle, @now)
     ON CONFLICT(station_id, entity, entity_id) DO UPDATE SET version = excluded.version, deleted = excluded.deleted,
       node_id = excluded.node_id, fields = excluded.fields, fields_hash = excluded.fields_hash,
       bundle_id = excluded.bundle_id, received_at = excluded.received_at`,
  );
  const conflict = db.prepare(
    `INSERT INTO sync_conflicts (id, station_id, entity, entity_id, ours_version, ours_hash, theirs_version, theirs_deleted,
       theirs_fields, theirs_hash, bundle_id, reason, status, created_at)
     VALUES (@cid, @station, @entity, @id, @oursVersion, @oursHash, @version, @deleted, @fields, @hash, @bundle, @reason, 'open', @now)`,
  );
  const openConflict = db
    .prepare(
      "SELECT 1 FROM sync_conflicts WHERE station_id = ? AND entity = ? AND entity_id = ? AND theirs_hash = ? AND status = 'open'",
    )
    .pluck();
  const out: ReceiptRecord[] = [];
  for (const r of records) {
    const base = { entity: r.entity, id: r.id, version: r.version };
    const reject = (reason: string) => out.push({ ...base, outcome: 'rejected', reason });
    if (!isSyncEntity(r.entity)) {
      reject(`未知的记录类型：${r.entity}`);
      continue;
    }
    if (r.nodeId !== stationNodeId) {
      reject('记录不是本所创建的（一条记录只由创建它的单位修改）');
      continue;
    }
    if (stateHash(r) !== r.hash) {
      reject('记录内容与其哈希不符');
      continue;
    }
    const other = elsewhere.get(r.entity, r.id, stationId) as string | undefined;
    if (other) {
      reject(`记录标识与派出所 ${other} 的记录重复`);
      continue;
    }
    const row = {
      station: stationId,
      entity: r.entity,
      id: r.id,
      version: r.version,
      deleted: r.deleted ? 1 : 0,
      node: r.nodeId,
      fields: JSON.stringify({ fields: r.fields, files: r.files }),
      hash: r.hash,
      bundle: bundleId,
      now,
    };
    const h = held.get(stationId, r.entity, r.id) as Held | undefined;
    if (!h || r.version > h.version) {
      upsert.run(row);
      out.push({ ...base, outcome: 'applied' });
    } else if (h.fields_hash === r.hash) {
      out.push({ ...base, outcome: 'duplicate' });
    } else {
      const reason =
        r.version === h.version
          ? `同一版本（${r.version}）内容不同：县局保留原件，新内容另存待人工处理`
          : `收到的版本 ${r.version} 旧于县局已有的版本 ${h.version}（派出所数据库可能由备份恢复）`;
      if (!openConflict.get(stationId, r.entity, r.id, r.hash)) {
        conflict.run({ ...row, cid: ctx.ids(), oursVersion: h.version, oursHash: h.fields_hash, reason });
      }
      out.push({ ...base, outcome: 'conflict', reason });
    }
  }
  return out;
}
