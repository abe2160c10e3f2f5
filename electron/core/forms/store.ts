/**
 * Writing templates: one row per saved template (its body is the template as JSON), with
 * the audit entry and the change-log row in the caller's transaction, like every record.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { formTemplates } from '../../../db/schema/scan';
import type { FormTemplate } from '../../contract/forms';
import { appendAudit } from '../audit';
import { recordChange, type Actor, type CoreContext } from '../kernel';

export function writeTemplate(ctx: CoreContext, actor: Actor, template: FormTemplate, how: 'save' | 'import'): void {
  const now = ctx.nowIso();
  const had =
    ctx.orm.select({ id: formTemplates.id }).from(formTemplates).where(eq(formTemplates.id, template.id)).get() !==
    undefined;
  const row = { name: template.name, version: template.version, body: JSON.stringify(template), updatedAt: now };
  // A saved template revives its tombstone (same id): created_at stays the first save's.
  ctx.orm
    .insert(formTemplates)
    .values({ id: template.id, ...row, createdAt: now })
    .onConflictDoUpdate({ target: formTemplates.id, set: { ...row, deletedAt: null } })
    .run();
  recordChange(ctx, 'form_template', template.id, template.version, had ? 'update' : 'insert');
  const verb = how === 'import' ? '导入' : had ? '修改' : '新建';
  appendAudit(ctx, actor, {
    action: how === 'import' ? 'template.import' : had ? 'template.update' : 'template.create',
    entity: 'form_template',
    entityId: template.id,
    summary: `${verb}表单模板“${template.name}”（${template.fields.length} 个字段）`,
  });
  ctx.dataVersion++; // the template cache keys on it
}

/** Soft delete (the row stays as a tombstone for sync); false when there was nothing to delete. */
export function deleteTemplate(ctx: CoreContext, actor: Actor, id: string): boolean {
  const row = ctx.orm
    .select({ name: formTemplates.name, version: formTemplates.version })
    .from(formTemplates)
    .where(and(eq(formTemplates.id, id), isNull(formTemplates.deletedAt)))
    .get();
  if (!row) return false;
  ctx.orm.update(formTemplates).set({ deletedAt: ctx.nowIso() }).where(eq(formTemplates.id, id)).run();
  recordChange(ctx, 'form_template', id, row.version, 'delete');
  appendAudit(ctx, actor, {
    action: 'template.delete',
    entity: 'form_template',
    entityId: id,
    summary: `删除表单模板“${row.name}”`,
  });
  ctx.dataVersion++;
  return true;
}
