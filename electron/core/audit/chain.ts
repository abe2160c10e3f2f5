import { createHash } from 'node:crypto';
import { desc, gt } from 'drizzle-orm';
import { auditLog, type AuditRecord } from '../../../db/schema';
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

/** The hashed content of an entry: every column except the hash itself, in a fixed order. */
export function entryHash(prevHash: string, r: Omit<AuditRecord, 'hash' | 'prevHash'>): string {
  const canonical = JSON.stringify([
    r.seq,
    r.ts,
    r.actorId,
    r.actorName,
    r.action,
    r.entity,
    r.entityId,
    r.summary,
    r.details,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/** Appends one entry, chained to the last; must run inside the mutation's transaction. */
export function appendAudit(ctx: CoreContext, actor: Actor, input: AuditInput): void {
  const last = ctx.orm
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1)
    .get();
  const row = {
    seq: (last?.seq ?? 0) + 1,
    ts: ctx.nowIso(),
    actorId: actor.id,
    actorName: actor.name,
    action: input.action,
    entity: input.entity,
    entityId: input.entityId ?? null,
    summary: input.summary,
    details: JSON.stringify(input.details ?? {}),
  };
  const prev = last?.hash ?? GENESIS_HASH;
  ctx.orm
    .insert(auditLog)
    .values({ ...row, prevHash: prev, hash: entryHash(prev, row) })
    .run();
}

/** Rows read per query while walking the chain: memory stays flat however long the log is. */
const VERIFY_PAGE = 2000;

/**
 * Walks the whole chain in order. A changed field breaks that entry's hash; a deleted
 * or inserted row breaks the sequence or the next entry's prev_hash.
 */
export function verifyAuditChain(ctx: Pick<CoreContext, 'orm'>): AuditVerifyResult {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  // Pages in seq order; the first has no lower bound, so a row slipped in below 1 is seen too.
  for (let after: number | null = null; ;) {
    const rows: AuditRecord[] = ctx.orm
      .select()
      .from(auditLog)
      .where(after === null ? undefined : gt(auditLog.seq, after))
      .orderBy(auditLog.seq)
      .limit(VERIFY_PAGE)
      .all();
    for (const r of rows) {
      const broken = (reason: string): AuditVerifyResult => ({
        ok: false,
        checked,
        firstBroken: { seq: r.seq, reason },
      });
      if (r.seq !== expectedSeq) return broken(`序号不连续：应为 ${expectedSeq}，实为 ${r.seq}（有记录被删除或插入）`);
      if (r.prevHash !== prev) return broken('前序哈希不匹配（前一条记录被改动或删除）');
      if (entryHash(prev, r) !== r.hash) return broken('本条记录内容与哈希不符（记录被篡改）');
      prev = r.hash;
      expectedSeq++;
      checked++;
    }
    if (rows.length < VERIFY_PAGE) return { ok: true, checked, firstBroken: null };
    after = rows[rows.length - 1]!.seq;
  }
}
