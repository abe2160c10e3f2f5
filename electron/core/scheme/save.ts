/**
 * Saving one category of the scheme (create or update) with its audit entry and
 * change-log row. Shared by `scheme.save` and by a station applying the bureau's scheme
 * from a downlink bundle, so both go through the same checks.
 */
import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { categories, items, volumes } from '../../../db/schema';
import type { zCategoryInput } from '../../contract/schemas';
import { appendAudit } from '../audit';
import { validateTemplate } from './archive-code';
import { nodeIdOf, recordChange, type Actor, type CoreContext, AppError, inTransaction } from '../kernel';
import { loadScheme } from './repo';

export type CategoryInput = z.output<typeof zCategoryInput>;

/** The columns a category's create and update both write. */
export type CategoryColumns = Omit<
  typeof categories.$inferInsert,
  'id' | 'nodeId' | 'version' | 'createdAt' | 'updatedAt' | 'deletedAt'
>;

/** Inserts a new category (version 1); the caller records the change and the audit entry. */
export function insertCategory(ctx: CoreContext, id: string, cols: CategoryColumns): void {
  const now = ctx.nowIso();
  ctx.orm
    .insert(categories)
    .values({ ...cols, id, nodeId: nodeIdOf(ctx), version: 1, createdAt: now, updatedAt: now })
    .run();
}

export const liveUse = (ctx: CoreContext, ids: string[]): number => {
  const q = (t: typeof items | typeof volumes) =>
    ctx.orm
      .select({ n: count() })
      .from(t)
      .where(and(isNull(t.deletedAt), inArray(t.categoryId, ids)))
      .get()?.n ?? 0;
  return q(items) + q(volumes);
};

/** Creates (no id) or updates a category; returns its id. `why` is appended to the audit summary. */
export function saveCategory(ctx: CoreContext, actor: Actor, input: CategoryInput, why = ''): string {
  const scheme = loadScheme(ctx);
  validateTemplate(input.codeTemplate, input.arrangement === 'volume' ? 'itemInVolume' : 'item');
  validateTemplate(input.volumeCodeTemplate, 'volume');
  if (input.parentId && !scheme.byId.has(input.parentId)) throw new AppError('NOT_FOUND', '上级门类不存在');
  if (input.id && input.parentId && scheme.subtree(input.id).includes(input.parentId)) {
    throw new AppError('VALIDATION_FAILED', '不能把门类移到它自己的下级');
  }
  const sibling = scheme.list.find((c) => c.parentId === input.parentId && c.code === input.code && c.id !== input.id);
  if (sibling) throw new AppError('DUPLICATE_CATEGORY_CODE', `同一级下已有门类代码 ${input.code}（${sibling.name}）`);
  const keys = new Set<string>();
  for (const f of input.fields) {
    if (keys.has(f.key)) throw new AppError('VALIDATION_FAILED', `字段键名 ${f.key} 重复`);
    keys.add(f.key);
    if (f.type === 'enum' && !f.options?.length)
      throw new AppError('VALIDATION_FAILED', `枚举字段“${f.label}”须至少有一个选项`);
  }
  // The audit entry keeps the column names it has always recorded.
  const row = {
    parent_id: input.parentId,
    code: input.code,
    name: input.name,
    default_retention: input.defaultRetention,
    arrangement: input.arrangement,
    code_template: input.codeTemplate,
    volume_code_template: input.volumeCodeTemplate,
    fields: JSON.stringify(input.fields),
    sort_order: input.sortOrder,
    now: ctx.nowIso(),
  };
  const cols: CategoryColumns = {
    parentId: input.parentId,
    code: input.code,
    name: input.name,
    defaultRetention: input.defaultRetention,
    arrangement: input.arrangement,
    codeTemplate: input.codeTemplate,
    volumeCodeTemplate: input.volumeCodeTemplate,
    fields: row.fields,
    sortOrder: input.sortOrder,
  };
  return inTransaction(ctx, () => {
    if (!input.id) {
      const id = ctx.ids();
      insertCategory(ctx, id, cols);
      recordChange(ctx, 'category', id, 1, 'insert');
      appendAudit(ctx, actor, {
        action: 'scheme.create',
        entity: 'category',
        entityId: id,
        summary: `新增门类 ${input.code} ${input.name}${why}`,
        details: row,
      });
      return id;
    }
    const cur = scheme.byId.get(input.id);
    if (!cur) throw new AppError('NOT_FOUND', '门类不存在');
    if (input.expectedVersion !== undefined && input.expectedVersion !== cur.version)
      throw new AppError('VERSION_CONFLICT');
    // Assigned 档号 never change, so whatever they were built from is fixed once a
    // category (or, for a move, anything below it) holds records.
    const codeChanged = cur.code !== input.code || cur.parentId !== input.parentId;
    const templateChanged =
      cur.codeTemplate !== input.codeTemplate || cur.volumeCodeTemplate !== input.volumeCodeTemplate;
    if ((codeChanged || templateChanged) && liveUse(ctx, scheme.subtree(cur.id)) > 0) {
      throw new AppError(
        'CATEGORY_IN_USE',
        codeChanged
          ? '门类下已有档案，不能修改门类代码或上级门类（已生成的档号不会随之改变）'
          : '门类下已有档案，不能修改档号模板（同一门类的档号须保持一致；如需新规则请新建门类）',
      );
    }
    ctx.orm
      .update(categories)
      .set({ ...cols, version: sql`${categories.version} + 1`, updatedAt: row.now })
      .where(eq(categories.id, cur.id))
      .run();
    recordChange(ctx, 'category', cur.id, cur.version + 1, 'update');
    appendAudit(ctx, actor, {
      action: 'scheme.update',
      entity: 'category',
      entityId: cur.id,
      summary: `修改门类 ${input.code} ${input.name}${why}`,
      details: row,
    });
    return cur.id;
  });
}
