/**
 * Bureau: a person resolves a conflict (an incoming state that could not replace the held
 * one, see apply.ts). Three ways, each one transaction with its audit entry and change-log row:
 *
 * - 'ours': the bureau's copy stays; the incoming copy stays in `sync_conflicts` (resolved).
 * - 'theirs': the incoming copy replaces the held one, with the station's version number,
 *   so the station's later edits (higher versions) apply normally. Refused when the held
 *   copy changed after the conflict arose (a newer bundle): that decision needs a new look.
 * - 'both': the held copy stays and the incoming one is kept beside it in `station_records`
 *   under `<id>~<conflict id>`, marked (`variantOf`), so search and browsing show both.
 *
 * The change-log row (entity `sync_conflict`) is what a downlink bundle would carry to tell
 * the station; mirrored station records themselves never get change-log rows at the bureau.
 */
import { and, eq } from 'drizzle-orm';
import { stationRecords, syncConflicts, type StationMirrorRecord, type SyncConflictRecord } from '../../../db/schema';
import type {
  ConflictAction,
  ConflictDetail,
  ConflictResolveResult,
  ConflictSide,
} from '../../contract/sync-conflicts';
import { appendAudit } from '../audit';
import { recordChange, type Actor, type CoreContext, type Session, AppError, inTransaction } from '../kernel';
import { requireRole } from './state';

/** A `sync_conflicts` row; status and resolution are only ever written by apply.ts and this file. */
type ConflictRow = Omit<SyncConflictRecord, 'status' | 'resolution'> & {
  status: 'open' | 'resolved';
  resolution: ConflictAction | null;
};

type HeldRow = Pick<StationMirrorRecord, 'version' | 'deleted' | 'nodeId' | 'fields' | 'fieldsHash'>;

const ACTION_TEXT: Record<ConflictAction, string> = {
  ours: '保留县局副本',
  theirs: '采用派出所来件',
  both: '两者都保留',
};

/** The separator of a kept-beside copy's id: `<record id>~<conflict id>`. */
export const VARIANT_SEPARATOR = '~';

function side(json: string, version: number, deleted: number): ConflictSide {
  let parsed: { fields?: Record<string, unknown>; files?: string[] } = {};
  try {
    parsed = JSON.parse(json) as typeof parsed;
  } catch {
    // stored by apply.ts as JSON; an unreadable value shows as empty
  }
  return { version, deleted: deleted === 1, fields: parsed.fields ?? {}, files: parsed.files ?? [] };
}

const levelOf = (s: ConflictSide | null): number => Number(s?.fields.security_level ?? 0) || 0;
/** 档号 and 题名 (or 姓名) of a copy, as the conflicts list names it. */
const labelOf = (s: ConflictSide | null): string | null => {
  const f = s?.fields ?? {};
  const parts = [f.archive_code, f.title ?? f.name].filter((v): v is string => typeof v === 'string' && v !== '');
  return parts.length ? parts.join(' ') : null;
};

function conflictRow(ctx: CoreContext, id: string): ConflictRow {
  const row = ctx.orm.select().from(syncConflicts).where(eq(syncConflicts.id, id)).get() as ConflictRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', '冲突记录不存在');
  return row;
}

/** Where the station's record is mirrored (the held copy the conflict is about). */
const heldAt = (c: ConflictRow) =>
  and(
    eq(stationRecords.stationId, c.stationId),
    eq(stationRecords.entity, c.entity),
    eq(stationRecords.entityId, c.entityId),
  );

const heldRow = (ctx: CoreContext, c: ConflictRow): HeldRow | undefined =>
  ctx.orm
    .select({
      version: stationRecords.version,
      deleted: stationRecords.deleted,
      nodeId: stationRecords.nodeId,
      fields: stationRecords.fields,
      fieldsHash: stationRecords.fieldsHash,
    })
    .from(stationRecords)
    .where(heldAt(c))
    .get();

const isCurrent = (c: ConflictRow, held: HeldRow | undefined): boolean =>
  !!held && held.version === c.oursVersion && held.fieldsHash === c.oursHash;

/** Both copies of one conflict; records above the caller's clearance do not exist for them. */
export function getConflict(ctx: CoreContext, session: Session | null, id: string): ConflictDetail {
  requireRole(ctx, 'bureau');
  const c = conflictRow(ctx, id);
  const held = heldRow(ctx, c);
  const ours = held ? side(held.fields, held.version, held.deleted) : null;
  const theirs = side(c.theirsFields, c.theirsVersion, c.theirsDeleted);
  if (session && Math.max(levelOf(ours), levelOf(theirs)) > session.clearance) {
    throw new AppError('NOT_FOUND', '冲突记录不存在');
  }
  return {
    id: c.id,
    stationId: c.stationId,
    entity: c.entity,
    entityId: c.entityId,
    label: labelOf(ours ?? theirs),
    oursVersion: c.oursVersion,
    theirsVersion: c.theirsVersion,
    theirsDeleted: c.theirsDeleted === 1,
    reason: c.reason,
    bundleId: c.bundleId,
    createdAt: c.createdAt,
    status: c.status,
    resolution: c.resolution,
    resolvedBy: c.resolvedBy,
    resolvedAt: c.resolvedAt,
    ours,
    theirs,
    oursCurrent: isCurrent(c, held),
  };
}

export function resolveConflict(
  ctx: CoreContext,
  session: Session | null,
  actor: Actor,
  input: { id: string; action: ConflictAction; note?: string | undefined },
): ConflictResolveResult {
  requireRole(ctx, 'bureau');
  return inTransaction(ctx, () => {
    const c = conflictRow(ctx, input.id);
    if (c.status !== 'open') {
      throw new AppError(
        'CONFLICT_RESOLVED',
        `该冲突已于 ${c.resolvedAt ?? ''} 由 ${c.resolvedBy ?? ''} 处理（${ACTION_TEXT[c.resolution ?? 'ours']}）`,
      );
    }
    const held = heldRow(ctx, c);
    const theirs = side(c.theirsFields, c.theirsVersion, c.theirsDeleted);
    const ours = held ? side(held.fields, held.version, held.deleted) : null;
    if (session && Math.max(levelOf(ours), levelOf(theirs)) > session.clearance) {
      throw new AppError('NOT_FOUND', '冲突记录不存在');
    }
    const now = ctx.nowIso();
    let variantId: string | null = null;
    if (input.action === 'theirs') {
      if (!isCurrent(c, held)) {
        throw new AppError(
          'CONFLICT_OUTDATED',
          `县局的副本在冲突发生后已更新（现为第 ${held?.version ?? '?'} 版），不能再采用这份旧来件；可保留县局副本或两者都保留`,
        );
      }
      ctx.orm
        .update(stationRecords)
        .set({
          version: c.theirsVersion,
          deleted: c.theirsDeleted,
          fields: c.theirsFields,
          fieldsHash: c.theirsHash,
          bundleId: c.bundleId,
          receivedAt: now,
        })
        .where(heldAt(c))
        .run();
    } else if (input.action === 'both') {
      variantId = `${c.entityId}${VARIANT_SEPARATOR}${c.id}`;
      const fields = JSON.stringify({
        fields: theirs.fields,
        files: theirs.files,
        variantOf: { entityId: c.entityId, conflictId: c.id, oursVersion: c.oursVersion },
      });
      ctx.orm
        .insert(stationRecords)
        .values({
          stationId: c.stationId,
          entity: c.entity,
          entityId: variantId,
          version: c.theirsVersion,
          deleted: c.theirsDeleted,
          nodeId: held?.nodeId ?? String(theirs.fields.node_id ?? ''),
          fields,
          fieldsHash: c.theirsHash,
          bundleId: c.bundleId,
          receivedAt: now,
        })
        .run();
    }
    ctx.orm
      .update(syncConflicts)
      .set({ status: 'resolved', resolution: input.action, resolvedBy: actor.name, resolvedAt: now })
      .where(eq(syncConflicts.id, c.id))
      .run();
    // Version 1 is the open conflict, 2 its resolution.
    recordChange(ctx, 'sync_conflict', c.id, 2, 'update');
    const note = input.note?.trim() || null;
    appendAudit(ctx, actor, {
      action: 'sync.conflict.resolve',
      entity: 'sync_conflict',
      entityId: c.id,
      summary: `处理派出所 ${c.stationId} 的冲突（${c.entity} ${c.entityId}，县局第 ${c.oursVersion} 版 / 来件第 ${c.theirsVersion} 版）：${ACTION_TEXT[input.action]}${note ? `。说明：${note}` : ''}`,
      details: {
        stationId: c.stationId,
        entity: c.entity,
        entityId: c.entityId,
        action: input.action,
        note,
        oursVersion: c.oursVersion,
        oursHash: c.oursHash,
        theirsVersion: c.theirsVersion,
        theirsHash: c.theirsHash,
        variantId,
      },
    });
    return { id: c.id, action: input.action, resolvedAt: now, variantId };
  });
}
