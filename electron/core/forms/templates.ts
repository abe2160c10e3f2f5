/**
 * The templates a station uses: the built-in ones, overridden or extended by those a
 * clerk saved (drawn on a sample scan, edited, or imported from a file).
 */
import { and, eq, isNull } from 'drizzle-orm';
import { formTemplates } from '../../../db/schema/scan';
import { zFormTemplate, type FormTemplate } from '../../contract/forms';
import type { TemplateSummary } from '../../contract/scan';
import { type CoreContext, AppError, defineService, serviceOf } from '../kernel';
import { BUILTIN_TEMPLATES } from './builtin';

const cache = defineService({
  name: 'forms.templates',
  create: (): { version: number; list: FormTemplate[] | null } => ({ version: -1, list: null }),
});

/** Saved templates by id; a saved copy of a built-in template replaces it. */
export function templatesFor(ctx: CoreContext): FormTemplate[] {
  const hit = serviceOf(ctx, cache);
  if (hit.list && hit.version === ctx.dataVersion) return hit.list;
  const saved = ctx.orm
    .select({ body: formTemplates.body })
    .from(formTemplates)
    .where(isNull(formTemplates.deletedAt))
    .all()
    .map((r) => zFormTemplate.parse(JSON.parse(r.body)));
  const ids = new Set(saved.map((t) => t.id));
  const list = [...BUILTIN_TEMPLATES.filter((t) => !ids.has(t.id)), ...saved];
  Object.assign(hit, { version: ctx.dataVersion, list });
  return list;
}

export function findTemplate(ctx: CoreContext, id: string): FormTemplate {
  const t = templatesFor(ctx).find((x) => x.id === id);
  if (!t) throw new AppError('NOT_FOUND', `没有表单模板“${id}”`);
  return t;
}

export const summaryOf = (ctx: CoreContext, t: FormTemplate): TemplateSummary => ({
  id: t.id,
  name: t.name,
  version: t.version,
  builtIn: BUILTIN_TEMPLATES.some((b) => b.id === t.id) && !isSaved(ctx, t.id),
  fields: t.fields.length,
});

export const isSaved = (ctx: CoreContext, id: string): boolean =>
  ctx.orm
    .select({ id: formTemplates.id })
    .from(formTemplates)
    .where(and(eq(formTemplates.id, id), isNull(formTemplates.deletedAt)))
    .get() !== undefined;
