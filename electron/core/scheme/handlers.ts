import type { CategoryView } from '../../contract/dto';
import { appendAudit } from '../audit/chain';
import {
  DAT22_ITEM_TEMPLATE,
  ITEM_IN_VOLUME_TEMPLATE,
  VOLUME_TEMPLATE,
  validateTemplate,
} from '../catalogue/archive-code';
import { nodeIdOf, recordChange } from '../kernel/changelog';
import { actorOf, type CoreContext } from '../kernel/context';
import { AppError } from '../kernel/errors';
import { sessionOf, type Handlers } from '../kernel/handler';
import { inTransaction } from '../kernel/tx';
import { DEFAULT_SCHEME, type DefaultCategory } from './defaults';
import { loadScheme } from './repo';

const INSERT = `INSERT INTO categories (id, node_id, version, parent_id, code, name, default_retention, arrangement,
  code_template, volume_code_template, fields, sort_order, created_at, updated_at)
  VALUES (@id, @node_id, 1, @parent_id, @code, @name, @default_retention, @arrangement,
  @code_template, @volume_code_template, @fields, @sort_order, @now, @now)`;

/** Writes the preloaded police-station scheme; called once, inside setup's transaction. */
export function seedDefaultScheme(ctx: CoreContext): number {
  const stmt = ctx.sqlite.prepare(INSERT);
  let n = 0;
  const add = (c: DefaultCategory, parentId: string | null) => {
    const id = ctx.ids();
    stmt.run({
      id,
      node_id: nodeIdOf(ctx),
      parent_id: parentId,
      code: c.code,
      name: c.name,
      default_retention: c.retention,
      arrangement: c.arrangement,
      code_template: c.arrangement === 'volume' ? ITEM_IN_VOLUME_TEMPLATE : DAT22_ITEM_TEMPLATE,
      volume_code_template: VOLUME_TEMPLATE,
      fields: JSON.stringify(c.fields ?? []),
      sort_order: ++n * 10,
      now: ctx.nowIso(),
    });
    recordChange(ctx, 'category', id, 1, 'insert');
    for (const child of c.children ?? []) add(child, id);
  };
  for (const c of DEFAULT_SCHEME) add(c, null);
  return n;
}

const liveUse = (ctx: CoreContext, ids: string[]): number => {
  const marks = ids.map(() => '?').join(',');
  const q = (t: string) =>
    (
      ctx.sqlite
        .prepare(`SELECT count(*) n FROM ${t} WHERE deleted_at IS NULL AND category_id IN (${marks})`)
        .get(...ids) as { n: number }
    ).n;
  return q('items') + q('volumes');
};

export const schemeHandlers = {
  'scheme.list': ({ ctx }) => loadScheme(ctx).list,

  'scheme.save': (env, input): CategoryView => {
    const s = sessionOf(env);
    const { ctx } = env;
    const scheme = loadScheme(ctx);
    validateTemplate(input.codeTemplate, input.arrangement === 'volume' ? 'itemInVolume' : 'item');
    validateTemplate(input.volumeCodeTemplate, 'volume');
    if (input.parentId && !scheme.byId.has(input.parentId)) throw new AppError('NOT_FOUND', '上级门类不存在');
    if (input.id && input.parentId && scheme.subtree(input.id).includes(input.parentId)) {
      throw new AppError('VALIDATION_FAILED', '不能把门类移到它自己的下级');
    }
    const sibling = scheme.list.find(
      (c) => c.parentId === input.parentId && c.code === input.code && c.id !== input.id,
    );
    if (sibling) throw new AppError('DUPLICATE_CATEGORY_CODE', `同一级下已有门类代码 ${input.code}（${sibling.name}）`);
    const keys = new Set<string>();
    for (const f of input.fields) {
      if (keys.has(f.key)) throw new AppError('VALIDATION_FAILED', `字段键名 ${f.key} 重复`);
      keys.add(f.key);
      if (f.type === 'enum' && !f.options?.length)
        throw new AppError('VALIDATION_FAILED', `枚举字段“${f.label}”须至少有一个选项`);
    }
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
    const id = inTransaction(ctx, () => {
      if (!input.id) {
        const id = ctx.ids();
        ctx.sqlite.prepare(INSERT).run({ ...row, id, node_id: nodeIdOf(ctx) });
        recordChange(ctx, 'category', id, 1, 'insert');
        appendAudit(ctx, actorOf(s), {
          action: 'scheme.create',
          entity: 'category',
          entityId: id,
          summary: `新增门类 ${input.code} ${input.name}`,
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
      ctx.sqlite
        .prepare(
          `UPDATE categories SET parent_id=@parent_id, code=@code, name=@name, default_retention=@default_retention,
           arrangement=@arrangement, code_template=@code_template, volume_code_template=@volume_code_template,
           fields=@fields, sort_order=@sort_order, version=version+1, updated_at=@now WHERE id=@id`,
        )
        .run({ ...row, id: cur.id });
      recordChange(ctx, 'category', cur.id, cur.version + 1, 'update');
      appendAudit(ctx, actorOf(s), {
        action: 'scheme.update',
        entity: 'category',
        entityId: cur.id,
        summary: `修改门类 ${input.code} ${input.name}`,
        details: row,
      });
      return cur.id;
    });
    return loadScheme(ctx).byId.get(id)!;
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
      ctx.sqlite
        .prepare('UPDATE categories SET deleted_at = ?, version = version + 1 WHERE id = ?')
        .run(ctx.nowIso(), id);
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
