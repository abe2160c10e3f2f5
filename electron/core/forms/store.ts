/**
 * Writing templates: one row per saved template (its body is the template as JSON), with
 * the audit entry and the change-log row in the caller's transaction, like every record.
 */
import type { FormTemplate } from '../../contract/forms';
import { appendAudit } from '../audit';
import { recordChange, type Actor, type CoreContext } from '../kernel';

export function writeTemplate(ctx: CoreContext, actor: Actor, template: FormTemplate, how: 'save' | 'import'): void {
  const now = ctx.nowIso();
  const had = ctx.sqlite.prepare('SELECT 1 FROM form_templates WHERE id = ?').get(template.id) !== undefined;
  ctx.sqlite
    .prepare(
      `INSERT INTO form_templates (id, name, version, body, created_at, updated_at) VALUES (@id, @name, @version, @body, @now, @now)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, version = excluded.version, body = excluded.body,
         updated_at = excluded.updated_at, deleted_at = NULL`,
    )
    .run({ id: template.id, name: template.name, version: template.version, body: JSON.stringify(template), now });
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
  const row = ctx.sqlite
    .prepare('SELECT name, version FROM form_templates WHERE id = ? AND deleted_at IS NULL')
    .get(id) as { name: string; version: number } | undefined;
  if (!row) return false;
  ctx.sqlite.prepare('UPDATE form_templates SET deleted_at = ? WHERE id = ?').run(ctx.nowIso(), id);
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
