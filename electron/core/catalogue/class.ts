import type { CategoryView } from '../../contract/dto';
import type { Retention } from '../../contract/domain';
import { type CoreContext, AppError, fondsCodeOf } from '../kernel';
import { loadScheme, formatArchiveCode } from '../scheme';
import type { ItemRecord } from './rows';

export interface VolumeRef {
  id: string;
  archive_code: string;
  volume_no: number;
  year: number;
  retention: Retention;
  org_code: string;
  category_id: string;
  security_level: number;
}

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
    const volume = ctx.sqlite
      .prepare('SELECT * FROM volumes WHERE id = ? AND deleted_at IS NULL')
      .get(input.volumeId) as VolumeRef | undefined;
    if (!volume || volume.category_id !== category.id) {
      throw new AppError('NOT_FOUND', '所属案卷不存在或不属于该门类', [{ path: ['volumeId'], message: '案卷不存在' }]);
    }
    // Items inside a volume inherit its year, retention and org: the volume is their class.
    return { fonds, category, year: volume.year, retention: volume.retention, orgCode: volume.org_code, volume };
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
export const itemPlacement = (
  r: Pick<ItemRecord, 'category_id' | 'year' | 'retention' | 'org_code' | 'volume_id'>,
) => ({
  categoryId: r.category_id,
  year: r.year,
  retention: r.retention,
  orgCode: r.org_code,
  volumeId: r.volume_id,
});

/** The same for a resolved class: where an item will be filed. */
export const classPlacement = (c: ItemClass) => ({
  categoryId: c.category.id,
  year: c.year,
  retention: c.retention,
  orgCode: c.orgCode,
  volumeId: c.volume?.id ?? null,
});

/** The class as the items table stores it, for an INSERT or UPDATE's named parameters. */
export const classColumns = (c: ItemClass) => ({
  category_id: c.category.id,
  category_code: c.category.fullCode,
  year: c.year,
  retention: c.retention,
  org_code: c.orgCode,
  volume_id: c.volume?.id ?? null,
});

/** Next 件号 in the class: one past the highest ever used, deleted items included, so numbers are never silently reused. */
export function nextItemNo(ctx: CoreContext, c: ItemClass): number {
  const row = c.volume
    ? ctx.sqlite.prepare('SELECT max(item_no) m FROM items WHERE volume_id = ?').get(c.volume.id)
    : ctx.sqlite
        .prepare(
          'SELECT max(item_no) m FROM items WHERE category_id = ? AND year = ? AND retention = ? AND org_code = ? AND volume_id IS NULL',
        )
        .get(c.category.id, c.year, c.retention, c.orgCode);
  return ((row as { m: number | null }).m ?? 0) + 1;
}

export function itemArchiveCode(c: ItemClass, itemNo: number): string {
  return formatArchiveCode(c.category.codeTemplate, {
    fonds: c.fonds,
    category: c.category.fullCode,
    year: c.year,
    retention: c.retention,
    org: c.orgCode,
    item: itemNo,
    volume: c.volume?.volume_no,
    volumeCode: c.volume?.archive_code,
  });
}

export function assertCodeFree(ctx: CoreContext, table: 'items' | 'volumes', code: string, exceptId?: string): void {
  const clash = ctx.sqlite
    .prepare(`SELECT id FROM ${table} WHERE archive_code = ? AND deleted_at IS NULL`)
    .get(code) as { id: string } | undefined;
  if (clash && clash.id !== exceptId) {
    throw new AppError('DUPLICATE_ARCHIVE_CODE', `档号 ${code} 已存在`, [
      { path: ['archiveCode'], message: '档号重复' },
    ]);
  }
}
