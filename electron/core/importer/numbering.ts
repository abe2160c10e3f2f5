/**
 * 件号/档号 assignment for a batch without writing: the same rules as a manual create
 * (nextItemNo, itemArchiveCode), plus the numbers and codes already taken by earlier
 * rows of this file, so the preview shows exactly the codes the commit will write.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { items } from '../../../db/schema/catalogue';
import { itemArchiveCode, nextItemNo, type ItemClass } from '../catalogue';
import { type CoreContext } from '../kernel';

const classKey = (c: ItemClass) => [c.category.id, c.year, c.retention, c.orgCode].join('\u0000');

export class BatchNumbering {
  private next = new Map<string, number>();
  private codes = new Map<string, number>();
  private existing;

  constructor(private ctx: CoreContext) {
    // Asked once per sheet row: prepared once per batch rather than rebuilt per call.
    this.existing = ctx.orm
      .select({ id: items.id })
      .from(items)
      .where(and(eq(items.archiveCode, sql.placeholder('code')), isNull(items.deletedAt)))
      .prepare();
  }

  /** The 件号 for a row: the sheet's own when given, else one past the highest so far in its class. */
  assign(cls: ItemClass, explicit: number | null): { itemNo: number; archiveCode: string } {
    const key = classKey(cls);
    let next = this.next.get(key);
    if (next === undefined) next = nextItemNo(this.ctx, cls);
    const itemNo = explicit ?? next;
    this.next.set(key, Math.max(next, itemNo + 1));
    return { itemNo, archiveCode: itemArchiveCode(cls, itemNo) };
  }

  /** Why the code cannot be used (taken in the archive, or by an earlier row), or null. */
  clash(archiveCode: string, rowNo: number): string | null {
    const earlier = this.codes.get(archiveCode);
    if (earlier !== undefined) return `档号 ${archiveCode} 与第${earlier}行重复`;
    if (this.existing.get({ code: archiveCode })) return `档号 ${archiveCode} 已存在于档案中`;
    this.codes.set(archiveCode, rowNo);
    return null;
  }
}
