import { eq, sql } from 'drizzle-orm';
import { items } from '../../../db/schema';
import type { ItemView } from '../../contract/dto';
import type { MethodParsed } from '../../contract/methods';
import { appendAudit } from '../audit';
import { levelsOf, nodeIdOf, recordChange, type Actor, type CoreContext, type Session, AppError } from '../kernel';
import { softDelete } from './soft-delete';
import { linkPersons, normalizePersons, personNamesOf, type PersonInput } from '../persons';
import { assertCodeFree, classColumns, itemArchiveCode, itemPlacement, nextItemNo, resolveClass } from './class';
import { validateExtra } from './extra-fields';
import { insertItemRow, selectItem, toItemView, type ItemRecord } from './rows';

export type NewItem = MethodParsed<'catalogue.create'> & { itemNo?: number };

/** Reads one item the session may see; anything above its clearance does not exist. */
export function loadItem(ctx: CoreContext, id: string, clearance: number, includeDeleted = true): ItemRecord {
  const r = selectItem(ctx, id);
  // The effective level: an item in a higher volume takes the volume's (kernel/security-level.ts).
  const level = r && (r.volumeId ? (levelsOf(ctx, 'item', [id]).get(id) ?? Infinity) : r.securityLevel);
  if (!r || level! > clearance || (!includeDeleted && r.deletedAt)) throw new AppError('NOT_FOUND');
  return r;
}

/** A live item the session may see: a deleted one is read-only until 撤销删除, and says so. */
export function loadLiveItem(ctx: CoreContext, id: string, clearance: number): ItemRecord {
  const cur = loadItem(ctx, id, clearance);
  if (cur.deletedAt) throw new AppError('RECORD_DELETED');
  return cur;
}

export function assertClearance(session: Session, level: number): void {
  if (level > session.clearance) {
    throw new AppError('CLEARANCE_EXCEEDED', '不能登记高于本人密级权限的档案', [
      { path: ['securityLevel'], message: '超出本人密级权限' },
    ]);
  }
}

type Descriptive = Pick<NewItem, 'title' | 'author' | 'docNumber' | 'date' | 'pageCount' | 'securityLevel' | 'remarks'>;

/** The descriptive columns a create and an update both write. */
const descriptiveColumns = (d: Descriptive, extra: Record<string, string>, persons: PersonInput[]) =>
  ({
    title: d.title,
    author: d.author,
    docNumber: d.docNumber,
    date: d.date,
    pageCount: d.pageCount,
    securityLevel: d.securityLevel,
    remarks: d.remarks,
    extra: JSON.stringify(extra),
    personNames: personNamesOf(persons),
  }) satisfies Partial<typeof items.$inferInsert>;

/**
 * Inserts one item with its persons and change-log row. The caller owns the
 * transaction and the audit entry (one per item from the form, one per batch on import).
 */
export function insertItem(ctx: CoreContext, actor: Actor, input: NewItem): { id: string; archiveCode: string } {
  const cls = resolveClass(ctx, input);
  const extra = validateExtra(cls.category.effectiveFields, input.extra);
  const persons = normalizePersons(input.persons);
  const itemNo = input.itemNo ?? nextItemNo(ctx, cls);
  const archiveCode = itemArchiveCode(cls, itemNo);
  assertCodeFree(ctx, 'items', archiveCode);
  const id = ctx.ids();
  const now = ctx.nowIso();
  insertItemRow(ctx, {
    id,
    nodeId: nodeIdOf(ctx),
    version: 1,
    fondsCode: cls.fonds,
    ...classColumns(cls),
    itemNo,
    archiveCode,
    ...descriptiveColumns(input, extra, persons),
    createdBy: actor.id,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
    deletedBy: null,
    deletedReason: null,
  });
  linkPersons(ctx, id, persons);
  recordChange(ctx, 'item', id, 1, 'insert');
  return { id, archiveCode };
}

export function createItem(ctx: CoreContext, s: Session, input: NewItem, actor: Actor): ItemView {
  assertClearance(s, input.securityLevel);
  const { id, archiveCode } = insertItem(ctx, actor, input);
  appendAudit(ctx, actor, {
    action: 'item.create',
    entity: 'item',
    entityId: id,
    summary: `新建件 ${archiveCode}《${input.title}》`,
    details: { archiveCode, title: input.title, securityLevel: input.securityLevel },
  });
  return toItemView(ctx, loadItem(ctx, id, s.clearance));
}

export function updateItem(
  ctx: CoreContext,
  s: Session,
  input: MethodParsed<'catalogue.update'>,
  actor: Actor,
): ItemView {
  const cur = loadLiveItem(ctx, input.id, s.clearance);
  if (cur.version !== input.expectedVersion) throw new AppError('VERSION_CONFLICT');
  assertClearance(s, input.securityLevel);
  const cls = resolveClass(ctx, itemPlacement(cur));
  const extra = validateExtra(cls.category.effectiveFields, input.extra);
  const persons = normalizePersons(input.persons);
  const before = toItemView(ctx, cur);
  ctx.orm
    .update(items)
    .set({ ...descriptiveColumns(input, extra, persons), version: sql`${items.version} + 1`, updatedAt: ctx.nowIso() })
    .where(eq(items.id, cur.id))
    .run();
  linkPersons(ctx, cur.id, persons);
  recordChange(ctx, 'item', cur.id, cur.version + 1, 'update');
  const after = toItemView(ctx, loadItem(ctx, cur.id, s.clearance));
  const changed = (
    ['title', 'author', 'docNumber', 'date', 'pageCount', 'securityLevel', 'remarks', 'extra', 'persons'] as const
  ).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  appendAudit(ctx, actor, {
    action: 'item.update',
    entity: 'item',
    entityId: cur.id,
    summary: `修改件 ${cur.archiveCode}：${changed.join('、') || '无变化'}`,
    details: { changed: Object.fromEntries(changed.map((k) => [k, { from: before[k], to: after[k] }])) },
  });
  return after;
}

export function deleteItem(ctx: CoreContext, s: Session, id: string, reason: string, actor: Actor): void {
  const cur = loadLiveItem(ctx, id, s.clearance);
  softDelete(
    ctx,
    { table: 'items', entity: 'item', id, version: cur.version },
    { userId: s.userId, actor },
    reason,
    `删除件 ${cur.archiveCode}《${cur.title}》，原因：${reason}`,
    { archiveCode: cur.archiveCode },
  );
}
