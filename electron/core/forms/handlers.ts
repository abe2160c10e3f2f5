/**
 * Form templates through the contract: list, read (export), save (draw, edit), import a
 * file, delete. The draft from a sample scan (forms.templates.fromPage) is in
 * scan/form-draft.ts: it reads a scanned page, and forms sits below scan.
 */
import { AppError, mutation, sessionOf, type Handlers } from '../kernel';
import { BUILTIN_TEMPLATES } from './builtin';
import { parseTemplateFile } from './import';
import { deleteTemplate, writeTemplate } from './store';
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
      writeTemplate(ctx, actor, template, 'save');
      return summaryOf(ctx, template);
    }),

  'forms.templates.import': (env, { text }) =>
    mutation(env, (ctx, _s, actor) => {
      const template = parseTemplateFile(text);
      // An import never replaces a template silently: the clerk deletes or renames first.
      const same = templatesFor(ctx).find((t) => t.id === template.id);
      if (same)
        throw new AppError(
          'TEMPLATE_EXISTS',
          `已有标识为“${template.id}”的表单模板（${same.name}），未导入。请先删除它，或修改文件中的模板标识`,
        );
      writeTemplate(ctx, actor, template, 'import');
      return summaryOf(ctx, template);
    }),

  'forms.templates.delete': (env, { id }) =>
    mutation(env, (ctx, _s, actor) => {
      if (!deleteTemplate(ctx, actor, id))
        throw new AppError(
          'NOT_FOUND',
          BUILTIN_TEMPLATES.some((t) => t.id === id) ? '内置模板不能删除' : '表单模板不存在',
        );
      return { ok: true as const };
    }),
} satisfies Partial<Handlers>;
