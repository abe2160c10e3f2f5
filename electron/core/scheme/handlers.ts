import { eq, sql } from 'drizzle-orm';
import { categories } from '../../../db/schema';
import type { CategoryView } from '../../contract/dto';
import { DAT22_ITEM_TEMPLATE, ITEM_IN_VOLUME_TEMPLATE, VOLUME_TEMPLATE } from './archive-code';
import { DEFAULT_SCHEME, type DefaultCategory } from './defaults';
import { loadScheme } from './repo';
import { insertCategory, liveUse, saveCategory } from './save';
import { appendAudit } from '../audit';
import { recordChange, actorOf, type CoreContext, AppError, sessionOf, type Handlers, inTransaction } from '../kernel';

/** Writes the preloaded police-station scheme; called once, inside setup's transaction. */
export function seedDefaultScheme(ctx: CoreContext): number {
  let n = 0;
  const add = (c: DefaultCategory, parentId: string | null) => {
    const id = ctx.ids();
    insertCategory(ctx, id, {
      parentId,
      code: c.code,
      name: c.name,
      defaultRetention: c.retention,
      arrangement: c.arrangement,
      codeTemplate: c.arrangement === 'volume' ? ITEM_IN_VOLUME_TEMPLATE : DAT22_ITEM_TEMPLATE,
      volumeCodeTemplate: VOLUME_TEMPLATE,
      fields: JSON.stringify(c.fields ?? []),
      sortOrder: ++n * 10,
    });
    recordChange(ctx, 'category', id, 1, 'insert');
    for (const child of c.children ?? []) add(child, id);
  };
  for (const c of DEFAULT_SCHEME) add(c, null);
  return n;
}

export const schemeHandlers = {
  'scheme.list': ({ ctx }) => loadScheme(ctx).list,

  'scheme.save': (env, input): CategoryView => {
    const s = sessionOf(env);
    const id = saveCategory(env.ctx, actorOf(s), input);
    return loadScheme(env.ctx).byId.get(id)!;
  },

  'scheme.delete': (env, { id }) => {
    const s = sessionOf(env);
    const { ctx } = env;
    const scheme = loadScheme(ctx);
    const cur = scheme.byId.get(id);
    if (!cur) throw new AppError('NOT_FOUND', '门类不存在');
    if (scheme.subtree(id).length > 1) throw new AppError('CATEGORY_IN_USE', '请先删除下级门类');
    if (liveUse(ctx, [id]) > 0) throw new AppError('CATEGORY_IN_USE');
    inTransaction(ctx, () => {
      ctx.orm
        .update(categories)
        .set({ deletedAt: ctx.nowIso(), version: sql`${categories.version} + 1` })
        .where(eq(categories.id, id))
        .run();
      recordChange(ctx, 'category', id, cur.version + 1, 'delete');
      appendAudit(ctx, actorOf(s), {
        action: 'scheme.delete',
        entity: 'category',
        entityId: id,
        summary: `删除门类 ${cur.fullCode} ${cur.name}`,
      });
    });
    return { ok: true as const };
  },
} satisfies Partial<Handlers>;
