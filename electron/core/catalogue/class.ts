import { and, eq, getTableName, isNull, max } from 'drizzle-orm';
import { items, volumes, type ItemRecord, type VolumeRecord } from '../../../db/schema';
import type { CategoryView } from '../../contract/dto';
import type { Retention } from '../../contract/domain';
import { type CoreContext, AppError, fondsCodeOf } from '../kernel';
import { loadScheme, formatArchiveCode } from '../scheme';

/** The volume an item is filed in (按卷): what its class and 档号 are built from. */
export type VolumeRef = Pick<
  VolumeRecord,
  'id' | 'archiveCode' | 'volumeNo' | 'year' | 'retention' | 'orgCode' | 'categoryId' | 'securityLevel'
>;

/** The lowest class an item is numbered in: fonds/category/year/retention/org, or its volume. */
export interface ItemClass {
  fonds: string;
  category: CategoryView;
  year: number;
  retention: Retention;
  orgCode: string;
  volume: VolumeRef | null;
}

export function resolveClass(
  ctx: CoreContext,
  input: {
    categoryId: string;
    year: number;
    retention?: Retention | undefined;
    orgCode: string;
    volumeId: string | null;
  },
): ItemClass {
  const category = loadScheme(ctx).byId.get(input.categoryId);
  if (!category) throw new AppError('NOT_FOUND', '门类不存在', [{ path: ['categoryId'], message: '门类不存在' }]);
  const fonds = fondsCodeOf(ctx);
  if (category.arrangement === 'volume') {
    if (!input.volumeId) {
      throw new AppError('WRONG_ARRANGEMENT', `“${category.name}”按卷整理，请先选择所属案卷`, [
        { path: ['volumeId'], message: '请选择所属案卷' },
      ]);
    }
    const volume: VolumeRef | undefined = ctx.orm
      .select({
        id: volumes.id,
        archiveCode: volumes.archiveCode,
        volumeNo: volumes.volumeNo,
        year: volumes.year,
        retention: volumes.retention,
        orgCode: volumes.orgCode,
        categoryId: volumes.categoryId,
        securityLevel: volumes.securityLevel,
      })
      .from(volumes)
      .where(and(eq(volumes.id, input.volumeId), isNull(volumes.deletedAt)))
      .get();
    if (!volume || volume.categoryId !== category.id) {
      throw new AppError('NOT_FOUND', '所属案卷不存在或不属于该门类', [{ path: ['volumeId'], message: '案卷不存在' }]);
    }
    // Items inside a volume inherit its year, retention and org: the volume is their class.
    return { fonds, category, year: volume.year, retention: volume.retention, orgCode: volume.orgCode, volume };
  }
  if (input.volumeId) throw new AppError('WRONG_ARRANGEMENT', `“${category.name}”按件整理，件不归入案卷`);
  return {
    fonds,
    category,
    year: input.year,
    retention: input.retention ?? category.defaultRetention,
    orgCode: input.orgCode,
    volume: null,
  };
}

/** Where an item is filed now, in the terms resolveClass takes (and the audit log records for a move). */
export const itemPlacement = (r: Pick<ItemRecord, 'categoryId' | 'year' | 'retention' | 'orgCode' | 'volumeId'>) => ({
  categoryId: r.categoryId,
  year: r.year,
  retention: r.retention,
  orgCode: r.orgCode,
  volumeId: r.volumeId,
});

/** The same for a resolved class: where an item will be filed. */
export const classPlacement = (c: ItemClass) => ({
  categoryId: c.category.id,
  year: c.year,
  retention: c.retention,
  orgCode: c.orgCode,
  volumeId: c.volume?.id ?? null,
});

/** The class as the items table stores it, for an INSERT or UPDATE. */
export const classColumns = (c: ItemClass) =>
  ({
    categoryId: c.category.id,
    categoryCode: c.category.fullCode,
    year: c.year,
    retention: c.retention,
    orgCode: c.orgCode,
    volumeId: c.volume?.id ?? null,
  }) satisfies Partial<typeof items.$inferInsert>;

/** Next 件号 in the class: one past the highest ever used, deleted items included, so numbers are never silently reused. */
export function nextItemNo(ctx: CoreContext, c: ItemClass): number {
  const where = c.volume
    ? eq(items.volumeId, c.volume.id)
    : and(
        eq(items.categoryId, c.category.id),
        eq(items.year, c.year),
        eq(items.retention, c.retention),
        eq(items.orgCode, c.orgCode),
        isNull(items.volumeId),
      );
  const row = ctx.orm
    .select({ m: max(items.itemNo) })
    .from(items)
    .where(where)
    .get();
  return (row?.m ?? 0) + 1;
}

export function itemArchiveCode(c: ItemClass, itemNo: number): string {
  return formatArchiveCode(c.category.codeTemplate, {
    fonds: c.fonds,
    category: c.category.fullCode,
    year: c.year,
    retention: c.retention,
    org: c.orgCode,
    item: itemNo,
    volume: c.volume?.volumeNo,
    volumeCode: c.volume?.archiveCode,
  });
}

export function assertCodeFree(ctx: CoreContext, table: 'items' | 'volumes', code: string, exceptId?: string): void {
  // Raw on purpose: checked per row by imports, where the query builder cost ~2× (measured).
  const t = table === 'items' ? items : volumes;
  const clash = ctx.sqlite
    .prepare(
      `SELECT ${t.id.name} FROM ${getTableName(t)} WHERE ${t.archiveCode.name} = ? AND ${t.deletedAt.name} IS NULL`,
    )
    .pluck()
    .get(code) as ItemRecord['id'] | undefined;
  if (clash !== undefined && clash !== exceptId) {
    throw new AppError('DUPLICATE_ARCHIVE_CODE', `档号 ${code} 已存在`, [
      { path: ['archiveCode'], message: '档号重复' },
    ]);
  }
}
