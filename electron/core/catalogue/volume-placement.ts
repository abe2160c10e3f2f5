/**
 * 更正归档位置 for a 案卷: the volume moves to another 年度/保管期限/机构 of its 门类 and
 * gets the next 案卷号 there. Its items take the volume's class and are re-coded with it
 * (their 档号 is built from the volume's), deleted ones too so a later 撤销删除 finds a
 * consistent 档号. Every old 档号 is kept in archive_code_history.
 * Moving a volume to another 门类 is refused: its items' fields belong to their 门类.
 */
import { asc, eq, sql } from 'drizzle-orm';
import { items as itemsTable, volumes } from '../../../db/schema';
import type { MethodParsed } from '../../contract/methods';
import type { PlacementPreview, VolumeCorrection } from '../../contract/records';
import { appendAudit } from '../audit';
import { type Actor, type CoreContext, type Session, AppError } from '../kernel';
import { assertCodeFree, itemArchiveCode, resolveClass } from './class';
import { recordRecoded } from './code-history';
import { loadVolume, nextVolumeCode, toView, volumeCategory } from './volumes';

type Target = MethodParsed<'volumes.placementPreview'>;

function planVolume(ctx: CoreContext, s: Session, input: Target) {
  const cur = loadVolume(ctx, input.id, s.clearance);
  const category = volumeCategory(ctx, cur.categoryId);
  const retention = input.retention ?? category.defaultRetention;
  if (input.year === cur.year && retention === cur.retention && input.orgCode === cur.orgCode) {
    throw new AppError('PLACEMENT_UNCHANGED');
  }
  const next = nextVolumeCode(ctx, category, { year: input.year, retention, orgCode: input.orgCode });
  assertCodeFree(ctx, 'volumes', next.archiveCode, cur.id);
  return { cur, ...next };
}

export function previewVolumePlacement(ctx: CoreContext, s: Session, input: Target): PlacementPreview {
  const p = planVolume(ctx, s, input);
  return { from: p.cur.archiveCode, to: p.archiveCode };
}

export function correctVolumePlacement(
  ctx: CoreContext,
  s: Session,
  input: MethodParsed<'volumes.correctPlacement'>,
  actor: Actor,
): VolumeCorrection {
  const { cur, retention, volumeNo, archiveCode } = planVolume(ctx, s, input);
  if (cur.version !== input.expectedVersion) throw new AppError('VERSION_CONFLICT');
  const now = ctx.nowIso();
  ctx.orm
    .update(volumes)
    .set({
      year: input.year,
      retention,
      orgCode: input.orgCode,
      volumeNo,
      archiveCode,
      version: sql`${volumes.version} + 1`,
      updatedAt: now,
    })
    .where(eq(volumes.id, cur.id))
    .run();
  recordRecoded(ctx, actor, 'volume', cur, archiveCode, input.reason);

  // The volume row now holds the new class: its items are numbered inside it.
  const cls = resolveClass(ctx, { categoryId: cur.categoryId, year: input.year, orgCode: '', volumeId: cur.id });
  const items = ctx.orm
    .select({
      id: itemsTable.id,
      version: itemsTable.version,
      itemNo: itemsTable.itemNo,
      archiveCode: itemsTable.archiveCode,
    })
    .from(itemsTable)
    .where(eq(itemsTable.volumeId, cur.id))
    .orderBy(asc(itemsTable.itemNo))
    .all();
  for (const it of items) {
    const code = itemArchiveCode(cls, it.itemNo);
    ctx.orm
      .update(itemsTable)
      .set({
        year: cls.year,
        retention: cls.retention,
        orgCode: cls.orgCode,
        archiveCode: code,
        version: sql`${itemsTable.version} + 1`,
        updatedAt: now,
      })
      .where(eq(itemsTable.id, it.id))
      .run();
    recordRecoded(ctx, actor, 'item', it, code, input.reason);
  }
  appendAudit(ctx, actor, {
    action: 'volume.correctPlacement',
    entity: 'volume',
    entityId: cur.id,
    summary: `更正归档位置 案卷 ${cur.archiveCode} → ${archiveCode}（卷内 ${items.length} 件随之更正），原因：${input.reason}`,
    details: {
      from: cur.archiveCode,
      to: archiveCode,
      reason: input.reason,
      before: { year: cur.year, retention: cur.retention, orgCode: cur.orgCode },
      after: { year: input.year, retention, orgCode: input.orgCode },
      items: items.length,
    },
  });
  return { volume: toView(loadVolume(ctx, cur.id, s.clearance)), from: cur.archiveCode, items: items.length };
}
