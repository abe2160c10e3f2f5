import { createHash } from 'node:crypto';
import type { AuditAction, AuditEntity } from '../../contract/audit';
import type { AuditVerifyResult } from '../../contract/dto';
import type { Actor, CoreContext } from '../kernel';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  /** Only actions with a Chinese label in the contract can be written. */
  action: AuditAction;
  entity: AuditEntity;
  entityId?: string | null;
  summary: string;
  details?: unknown;
}

/** An audit_log row as stored. */
export interface AuditRow {
  seq: number;
  ts: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string | null;
  summary: string;
  details: string;
  prev_hash: string;
  hash: string;
}

/** The hashed content of an entry: every column except the hash itself, in a fixed order. */
export function entryHash(prevHash: string, r: Omit<AuditRow, 'hash' | 'prev_hash'>): string {
  const canonical = JSON.stringify([
    r.seq,
    r.ts,
    r.actor_id,
    r.actor_name,
    r.action,
    r.entity,
    r.entity_id,
    r.summary,
    r.details,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/** Appends one entry, chained to the last; must run inside the mutation's transaction. */
export function appendAudit(ctx: CoreContext, actor: Actor, input: AuditInput): void {
  const last = ctx.sqlite.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined;
  const row = {
    seq: (last?.seq ?? 0) + 1,
    ts: ctx.nowIso(),
    actor_id: actor.id,
    actor_name: actor.name,
    action: input.action,
    entity: input.entity,
    entity_id: input.entityId ?? null,
    summary: input.summary,
    details: JSON.stringify(input.details ?? {}),
  };
  const prev = last?.hash ?? GENESIS_HASH;
  ctx.sqlite
    .prepare(
      `INSERT INTO audit_log (seq, ts, actor_id, actor_name, action, entity, entity_id, summary, details, prev_hash, hash)
       VALUES (@seq, @ts, @actor_id, @actor_name, @action, @entity, @entity_id, @summary, @details, @prev_hash, @hash)`,
    )
    .run({ ...row, prev_hash: prev, hash: entryHash(prev, row) });
}

/**
 * Walks the whole chain in order. A changed field breaks that entry's hash; a deleted
 * or inserted row breaks the sequence or the next entry's prev_hash.
 */
export function verifyAuditChain(ctx: Pick<CoreContext, 'sqlite'>): AuditVerifyResult {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  const rows = ctx.sqlite.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>;
  for (const r of rows) {
    const broken = (reason: string): AuditVerifyResult => ({ ok: false, checked, firstBroken: { seq: r.seq, reason } });
    if (r.seq !== expectedSeq) return broken(`序号不连续：应为 ${expectedSeq}，实为 ${r.seq}（有记录被删除或插入）`);
    if (r.prev_hash !== prev) return broken('前序哈希不匹配（前一条记录被改动或删除）');
    if (entryHash(prev, r) !== r.hash) return broken('本条记录内容与哈希不符（记录被篡改）');
    prev = r.hash;
    expectedSeq++;
    checked++;
  }
  return { ok: true, checked, firstBroken: null };
}
