/**
 * Page rows as intake and OCR leave them, for tests that need scanned pages without real images
 * (statistics, the dashboards, appraisal). Call inside the caller's transaction.
 */
import { pageFields, pages } from '../../db/schema';
import { recordChange, type CoreContext } from '../../electron/core/kernel';

/** A scanned page of an item or a volume, with its change-log row; `extra` sets OCR, PDF or verify state. */
export function insertPage(
  ctx: CoreContext,
  owner: { itemId?: string; volumeId?: string },
  seq: number,
  extra: Partial<typeof pages.$inferInsert> = {},
): string {
  const id = ctx.ids();
  const now = ctx.nowIso();
  ctx.orm
    .insert(pages)
    .values({
      id,
      nodeId: 'n',
      ...owner,
      seq,
      originalSha256: 'a'.repeat(64),
      originalName: `p${seq}.png`,
      format: 'png',
      createdAt: now,
      updatedAt: now,
      ...extra,
    })
    .run();
  recordChange(ctx, 'page', id, 1, 'insert');
  return id;
}

/** A form field on the page that a person checked and accepted (姓名 = 张三). */
export function insertAcceptedField(ctx: CoreContext, pageId: string): void {
  const value = '张三';
  ctx.orm
    .insert(pageFields)
    .values({
      pageId,
      key: 'name',
      label: '姓名',
      kind: 'text',
      raw: value,
      value,
      confidence: 0.9,
      valid: 1,
      bbox: '[]',
      status: 'accepted',
      accepted: value,
      acceptedAt: ctx.nowIso(),
    })
    .run();
}
