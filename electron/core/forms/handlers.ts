/** Form templates through the contract: list, read (export), save (draw, edit, import), delete. */
import { appendAudit } from '../audit/chain';
import { AppError } from '../kernel/errors';
import { mutation, sessionOf, type Handlers } from '../kernel/handler';
import { BUILTIN_TEMPLATES } from './builtin';
import { findTemplate, summaryOf, templatesFor } from './templates';

export const formHandlers = {
  'forms.templates.list': (env) => {
    sessionOf(env);
    return templatesFor(env.ctx).map((t) => summaryOf(env.ctx, t));
  },

  'forms.templates.get': (env, { id }) => {
    sessionOf(env);
    return findTemplate(env.ctx, id);
  },

  'forms.templates.save': (env, { template }) =>
    mutation(env, (ctx, _s, actor) => {
      const now = ctx.nowIso();
      const had = ctx.sqlite.prepare('SELECT version FROM form_templates WHERE id = ?').pluck().get(template.id) as
        number | undefined;
      ctx.sqlite
        .prepare(
          `INSERT INTO form_templates (id, name, version, body, created_at, updated_at) VALUES (@id, @name, @version, @body, @now, @now)
           ON CONFLICT(id) DO UPDATE SET name = excluded.name, version = excluded.version, body = excluded.body,
             updated_at = excluded.updated_at, deleted_at = NULL`,
        )
        .run({ id: template.id, name: template.name, version: template.version, body: JSON.stringify(template), now });
      appendAudit(ctx, actor, {
        action: had === undefined ? 'template.create' : 'template.update',
        entity: 'form_template',
        entityId: template.id,
        summary: `${had === undefined ? '新建' : '修改'}表单模板“${template.name}”（${template.fields.length} 个字段）`,
      });
      ctx.dataVersion++; // the template cache keys on it
      return summaryOf(ctx, template);
    }),

  'forms.templates.delete': (env, { id }) =>
    mutation(env, (ctx, _s, actor) => {
      const changed = ctx.sqlite
        .prepare('UPDATE form_templates SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL')
        .run(ctx.nowIso(), id).changes;
      if (!changed)
        throw new AppError(
          'NOT_FOUND',
          BUILTIN_TEMPLATES.some((t) => t.id === id) ? '内置模板不能删除' : '表单模板不存在',
        );
      appendAudit(ctx, actor, {
        action: 'template.delete',
        entity: 'form_template',
        entityId: id,
        summary: `删除表单模板“${id}”`,
      });
      ctx.dataVersion++;
      return { ok: true as const };
    }),
} satisfies Partial<Handlers>;
