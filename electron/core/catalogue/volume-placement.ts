/**
 * 更正归档位置 for a 案卷: the volume moves to another 年度/保管期限/机构 of its 门类 and
 * gets the next 案卷号 there. Its items take the volume's class and are re-coded with it
 * (their 档号 is built from the volume's), deleted ones too so a later 撤销删除 finds a
 * consistent 档号. Every old 档号 is kept in archive_code_history.
 * Moving a volume to another 门类 is refused: its items' fields belong to their 门类.
 */
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
  const category = volumeCategory(ctx, cur.category_id);
  const retention = input.retention ?? category.defaultRetention;
  if (input.year === cur.year && retention === cur.retention && input.orgCode === cur.org_code) {
    throw new AppError('PLACEMENT_UNCHANGED');
  }
  const next = nextVolumeCode(ctx, category, { year: input.year, retention, orgCode: input.orgCode });
  assertCodeFree(ctx, 'volumes', next.archiveCode, cur.id);
  return { cur, ...next };
}

export function previewVolumePlacement(ctx: CoreContext, s: Session, input: Target): PlacementPreview {
  const p = planVolume(ctx, s, input);
  return { from: p.cur.archive_code, to: p.archiveCode };
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
  ctx.sqlite
    .prepare(
      'UPDATE volumes SET year=?, retention=?, org_code=?, volume_no=?, archive_code=?, version=version+1, updated_at=? WHERE id=?',
    )
    .run(input.year, retention, input.orgCode, volumeNo, archiveCode, now, cur.id);
  recordRecoded(ctx, actor, 'volume', cur, archiveCode, input.reason);

  // The volume row now holds the new class: its items are numbered inside it.
  const cls = resolveClass(ctx, { categoryId: cur.category_id, year: input.year, orgCode: '', volumeId: cur.id });
  const items = ctx.sqlite
    .prepare('SELECT id, version, item_no, archive_code FROM items WHERE volume_id = ? ORDER BY item_no')
    .all(cur.id) as { id: string; version: number; item_no: number; archive_code: string }[];
  const upd = ctx.sqlite.prepare(
    'UPDATE items SET year=?, retention=?, org_code=?, archive_code=?, version=version+1, updated_at=? WHERE id=?',
  );
  for (const it of items) {
    const code = itemArchiveCode(cls, it.item_no);
    upd.run(cls.year, cls.retention, cls.orgCode, code, now, it.id);
    recordRecoded(ctx, actor, 'item', it, code, input.reason);
  }
  appendAudit(ctx, actor, {
    action: 'volume.correctPlacement',
    entity: 'volume',
    entityId: cur.id,
    summary: `更正归档位置 案卷 ${cur.archive_code} → ${archiveCode}（卷内 ${items.length} 件随之更正），原因：${input.reason}`,
    details: {
      from: cur.archive_code,
      to: archiveCode,
      reason: input.reason,
      before: { year: cur.year, retention: cur.retention, orgCode: cur.org_code },
      after: { year: input.year, retention, orgCode: input.orgCode },
      items: items.length,
    },
  });
  return { volume: toView(loadVolume(ctx, cur.id, s.clearance)), from: cur.archive_code, items: items.length };
}
