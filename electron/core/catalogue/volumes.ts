import { and, asc, count, eq, getTableColumns, inArray, isNull, lte, max, sql } from 'drizzle-orm';
import { items, volumes, type VolumeRecord } from '../../../db/schema';
import type { CatalogueScope, CategoryView, VolumeView } from '../../contract/dto';
import type { Retention } from '../../contract/domain';
import type { MethodParsed } from '../../contract/methods';
import { appendAudit } from '../audit';
import { nodeIdOf, recordChange, type Actor, type CoreContext, type Session, AppError, fondsCodeOf } from '../kernel';
import { softDelete } from './soft-delete';
import { loadScheme, formatArchiveCode } from '../scheme';
import { assertCodeFree } from './class';
import { assertClearance } from './items';
import { qualified, securityLevelOf } from './rows';

/** A volume with the count of its live items the caller may see. */
type CountedVolume = VolumeRecord & { itemCount: number };

export const toView = (r: CountedVolume): VolumeView => ({
  id: r.id,
  version: r.version,
  categoryId: r.categoryId,
  categoryCode: r.categoryCode,
  fondsCode: r.fondsCode,
  year: r.year,
  retention: r.retention,
  orgCode: r.orgCode,
  volumeNo: r.volumeNo,
  archiveCode: r.archiveCode,
  title: r.title,
  startDate: r.startDate,
  endDate: r.endDate,
  securityLevel: securityLevelOf(r.securityLevel),
  remarks: r.remarks,
  itemCount: r.itemCount,
  deletedAt: r.deletedAt,
});

// The item count only counts what the caller may see: a count must not reveal classified items.
const counted = (clearance: number) => ({
  ...getTableColumns(volumes),
  itemCount: sql<number>`(SELECT count(*) FROM ${items} WHERE ${qualified(items.volumeId)} = ${qualified(volumes.id)}
    AND ${qualified(items.deletedAt)} IS NULL AND ${qualified(items.securityLevel)} <= ${clearance})`,
});

export function loadVolume(ctx: CoreContext, id: string, clearance: number): CountedVolume {
  const r = ctx.orm.select(counted(clearance)).from(volumes).where(eq(volumes.id, id)).get();
  if (!r || r.securityLevel > clearance || r.deletedAt) throw new AppError('NOT_FOUND', '案卷不存在');
  return r;
}

/** The live volumes of a scope (its volume part ignored) that the caller may see. */
export function listVolumes(ctx: CoreContext, scope: CatalogueScope, clearance: number): VolumeView[] {
  const where = [lte(volumes.securityLevel, clearance), isNull(volumes.deletedAt)];
  if (scope.categoryId) where.push(inArray(volumes.categoryId, loadScheme(ctx).subtree(scope.categoryId)));
  if (scope.year !== undefined) where.push(eq(volumes.year, scope.year));
  if (scope.retention) where.push(eq(volumes.retention, scope.retention));
  if (scope.orgCode !== undefined) where.push(eq(volumes.orgCode, scope.orgCode));
  return ctx.orm
    .select(counted(clearance))
    .from(volumes)
    .where(and(...where))
    .orderBy(asc(volumes.archiveCode))
    .limit(5000)
    .all()
    .map(toView);
}

/** A category that volumes may be made in (按卷整理). */
export function volumeCategory(ctx: CoreContext, id: string): CategoryView {
  const category = loadScheme(ctx).byId.get(id);
  if (!category) throw new AppError('NOT_FOUND', '门类不存在');
  if (category.arrangement !== 'volume') {
    throw new AppError('WRONG_ARRANGEMENT', `“${category.name}”按件整理，不能组卷`);
  }
  return category;
}

/** The next 案卷号 in its class and the 档号 it would get. */
export function nextVolumeCode(
  ctx: CoreContext,
  category: CategoryView,
  input: { year: number; retention?: Retention | undefined; orgCode: string },
) {
  const retention = input.retention ?? category.defaultRetention;
  const last = ctx.orm
    .select({ m: max(volumes.volumeNo) })
    .from(volumes)
    .where(
      and(
        eq(volumes.categoryId, category.id),
        eq(volumes.year, input.year),
        eq(volumes.retention, retention),
        eq(volumes.orgCode, input.orgCode),
      ),
    )
    .get();
  const volumeNo = (last?.m ?? 0) + 1;
  const fonds = fondsCodeOf(ctx);
  const archiveCode = formatArchiveCode(category.volumeCodeTemplate, {
    fonds,
    category: category.fullCode,
    year: input.year,
    retention,
    org: input.orgCode,
    volume: volumeNo,
  });
  return { retention, volumeNo, archiveCode, fonds };
}

export function getVolume(ctx: CoreContext, id: string, clearance: number): VolumeView {
  return toView(loadVolume(ctx, id, clearance));
}

export function createVolume(
  ctx: CoreContext,
  s: Session,
  input: MethodParsed<'volumes.create'>,
  actor: Actor,
): VolumeView {
  assertClearance(s, input.securityLevel);
  const category = volumeCategory(ctx, input.categoryId);
  const { retention, volumeNo, archiveCode, fonds } = nextVolumeCode(ctx, category, input);
  assertCodeFree(ctx, 'volumes', archiveCode);
  const id = ctx.ids();
  const now = ctx.nowIso();
  ctx.orm
    .insert(volumes)
    .values({
      id,
      nodeId: nodeIdOf(ctx),
      version: 1,
      fondsCode: fonds,
      categoryId: category.id,
      categoryCode: category.fullCode,
      year: input.year,
      retention,
      orgCode: input.orgCode,
      volumeNo,
      archiveCode,
      title: input.title,
      startDate: input.startDate,
      endDate: input.endDate,
      securityLevel: input.securityLevel,
      remarks: input.remarks,
      createdBy: s.userId,
      createdAt: now,
      updatedAt: now,
    })
    .run();
  recordChange(ctx, 'volume', id, 1, 'insert');
  appendAudit(ctx, actor, {
    action: 'volume.create',
    entity: 'volume',
    entityId: id,
    summary: `新建案卷 ${archiveCode}《${input.title}》`,
  });
  return toView(loadVolume(ctx, id, s.clearance));
}

export function updateVolume(
  ctx: CoreContext,
  s: Session,
  input: MethodParsed<'volumes.update'>,
  actor: Actor,
): VolumeView {
  const cur = loadVolume(ctx, input.id, s.clearance);
  if (cur.version !== input.expectedVersion) throw new AppError('VERSION_CONFLICT');
  assertClearance(s, input.securityLevel);
  ctx.orm
    .update(volumes)
    .set({
      title: input.title,
      startDate: input.startDate,
      endDate: input.endDate,
      securityLevel: input.securityLevel,
      remarks: input.remarks,
      version: sql`${volumes.version} + 1`,
      updatedAt: ctx.nowIso(),
    })
    .where(eq(volumes.id, cur.id))
    .run();
  recordChange(ctx, 'volume', cur.id, cur.version + 1, 'update');
  appendAudit(ctx, actor, {
    action: 'volume.update',
    entity: 'volume',
    entityId: cur.id,
    summary: `修改案卷 ${cur.archiveCode}`,
    details: input,
  });
  return toView(loadVolume(ctx, cur.id, s.clearance));
}

export function deleteVolume(ctx: CoreContext, s: Session, id: string, reason: string, actor: Actor): void {
  const cur = loadVolume(ctx, id, s.clearance);
  const inside =
    ctx.orm
      .select({ n: count() })
      .from(items)
      .where(and(eq(items.volumeId, id), isNull(items.deletedAt)))
      .get()?.n ?? 0;
  if (inside > 0) throw new AppError('CATEGORY_IN_USE', `案卷内还有 ${inside} 件，请先删除或移出卷内文件`);
  softDelete(
    ctx,
    { table: 'volumes', entity: 'volume', id, version: cur.version },
    { userId: s.userId, actor },
    reason,
    `删除案卷 ${cur.archiveCode}，原因：${reason}`,
  );
}
