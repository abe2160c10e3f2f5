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
import type {
  ConflictAction,
  ConflictDetail,
  ConflictResolveResult,
  ConflictSide,
} from '../../contract/sync-conflicts';
import { appendAudit } from '../audit';
import { recordChange, type Actor, type CoreContext, type Session, AppError, inTransaction } from '../kernel';
import { requireRole } from './state';

interface ConflictRow {
  id: string;
  station_id: string;
  entity: string;
  entity_id: string;
  ours_version: number;
  ours_hash: string;
  theirs_version: number;
  theirs_deleted: number;
  theirs_fields: string;
  theirs_hash: string;
  bundle_id: string;
  reason: string;
  status: 'open' | 'resolved';
  resolution: ConflictAction | null;
  resolved_by: string | null;
  resolved_at: string | null;
  created_at: string;
}

interface HeldRow {
  version: number;
  deleted: number;
  node_id: string;
  fields: string;
  fields_hash: string;
}

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
  const row = ctx.sqlite.prepare('SELECT * FROM sync_conflicts WHERE id = ?').get(id) as ConflictRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', '冲突记录不存在');
  return row;
}

const heldRow = (ctx: CoreContext, c: ConflictRow): HeldRow | undefined =>
  ctx.sqlite
    .prepare(
      'SELECT version, deleted, node_id, fields, fields_hash FROM station_records WHERE station_id = ? AND entity = ? AND entity_id = ?',
    )
    .get(c.station_id, c.entity, c.entity_id) as HeldRow | undefined;

const isCurrent = (c: ConflictRow, held: HeldRow | undefined): boolean =>
  !!held && held.version === c.ours_version && held.fields_hash === c.ours_hash;

/** Both copies of one conflict; records above the caller's clearance do not exist for them. */
export function getConflict(ctx: CoreContext, session: Session | null, id: string): ConflictDetail {
  requireRole(ctx, 'bureau');
  const c = conflictRow(ctx, id);
  const held = heldRow(ctx, c);
  const ours = held ? side(held.fields, held.version, held.deleted) : null;
  const theirs = side(c.theirs_fields, c.theirs_version, c.theirs_deleted);
  if (session && Math.max(levelOf(ours), levelOf(theirs)) > session.clearance) {
    throw new AppError('NOT_FOUND', '冲突记录不存在');
  }
  return {
    id: c.id,
    stationId: c.station_id,
    entity: c.entity,
    entityId: c.entity_id,
    label: labelOf(ours ?? theirs),
    oursVersion: c.ours_version,
    theirsVersion: c.theirs_version,
    theirsDeleted: c.theirs_deleted === 1,
    reason: c.reason,
    bundleId: c.bundle_id,
    createdAt: c.created_at,
    status: c.status,
    resolution: c.resolution,
    resolvedBy: c.resolved_by,
    resolvedAt: c.resolved_at,
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
        `该冲突已于 ${c.resolved_at ?? ''} 由 ${c.resolved_by ?? ''} 处理（${ACTION_TEXT[c.resolution ?? 'ours']}）`,
      );
    }
    const held = heldRow(ctx, c);
    const theirs = side(c.theirs_fields, c.theirs_version, c.theirs_deleted);
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
      ctx.sqlite
        .prepare(
          `UPDATE station_records SET version = ?, deleted = ?, fields = ?, fields_hash = ?, bundle_id = ?, received_at = ?
           WHERE station_id = ? AND entity = ? AND entity_id = ?`,
        )
        .run(
          c.theirs_version,
          c.theirs_deleted,
          c.theirs_fields,
          c.theirs_hash,
          c.bundle_id,
          now,
          c.station_id,
          c.entity,
          c.entity_id,
        );
    } else if (input.action === 'both') {
      variantId = `${c.entity_id}${VARIANT_SEPARATOR}${c.id}`;
      const fields = JSON.stringify({
        fields: theirs.fields,
        files: theirs.files,
        variantOf: { entityId: c.entity_id, conflictId: c.id, oursVersion: c.ours_version },
      });
      ctx.sqlite
        .prepare(
          `INSERT INTO station_records (station_id, entity, entity_id, version, deleted, node_id, fields, fields_hash, bundle_id, received_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          c.station_id,
          c.entity,
          variantId,
          c.theirs_version,
          c.theirs_deleted,
          held?.node_id ?? String(theirs.fields.node_id ?? ''),
          fields,
          c.theirs_hash,
          c.bundle_id,
          now,
        );
    }
    ctx.sqlite
      .prepare(
        "UPDATE sync_conflicts SET status = 'resolved', resolution = ?, resolved_by = ?, resolved_at = ? WHERE id = ?",
      )
      .run(input.action, actor.name, now, c.id);
    // Version 1 is the open conflict, 2 its resolution.
    recordChange(ctx, 'sync_conflict', c.id, 2, 'update');
    const note = input.note?.trim() || null;
    appendAudit(ctx, actor, {
      action: 'sync.conflict.resolve',
      entity: 'sync_conflict',
      entityId: c.id,
      summary: `处理派出所 ${c.station_id} 的冲突（${c.entity} ${c.entity_id}，县局第 ${c.ours_version} 版 / 来件第 ${c.theirs_version} 版）：${ACTION_TEXT[input.action]}${note ? `。说明：${note}` : ''}`,
      details: {
        stationId: c.station_id,
        entity: c.entity,
        entityId: c.entity_id,
        action: input.action,
        note,
        oursVersion: c.ours_version,
        oursHash: c.ours_hash,
        theirsVersion: c.theirs_version,
        theirsHash: c.theirs_hash,
        variantId,
      },
    });
    return { id: c.id, action: input.action, resolvedAt: now, variantId };
  });
}
