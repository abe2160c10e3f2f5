/** Saved searches and the recent-search list, per user. */
import { and, asc, desc, eq, notInArray } from 'drizzle-orm';
import { recentSearches as recent, savedSearches as saved } from '../../../db/schema';
import type { RecentSearch, SavedSearch, SearchFilters } from '../../contract/search';
import { appendAudit } from '../audit';
import { type Actor, type CoreContext, type Session, AppError } from '../kernel';

export const RECENT_KEPT = 20;

const parseFilters = (s: string): SearchFilters => {
  try {
    return JSON.parse(s) as SearchFilters;
  } catch {
    return {};
  }
};

export function listRecent(ctx: CoreContext, s: Session): RecentSearch[] {
  const rows = ctx.orm
    .select({ query: recent.query, filters: recent.filters, at: recent.at })
    .from(recent)
    .where(eq(recent.userId, s.userId))
    .orderBy(desc(recent.id))
    .limit(RECENT_KEPT)
    .all();
  return rows.map((r) => ({ q: r.query, filters: parseFilters(r.filters), at: r.at }));
}

/** Records a submitted search (the newest first, no repeats, 20 kept); audited as a use of the archive. */
export function addRecent(ctx: CoreContext, s: Session, actor: Actor, q: string, filters: SearchFilters): void {
  const text = q.trim();
  if (!text) return;
  const f = JSON.stringify(filters);
  const mine = eq(recent.userId, s.userId);
  ctx.orm
    .delete(recent)
    .where(and(mine, eq(recent.query, text), eq(recent.filters, f)))
    .run();
  ctx.orm.insert(recent).values({ userId: s.userId, query: text, filters: f, at: ctx.nowIso() }).run();
  const kept = ctx.orm.select({ id: recent.id }).from(recent).where(mine).orderBy(desc(recent.id)).limit(RECENT_KEPT);
  ctx.orm
    .delete(recent)
    .where(and(mine, notInArray(recent.id, kept)))
    .run();
  appendAudit(ctx, actor, {
    action: 'search.query',
    entity: 'search',
    summary: `检索「${text}」`,
    details: { q: text, filters },
  });
}

export function listSaved(ctx: CoreContext, s: Session): SavedSearch[] {
  const rows = ctx.orm.select().from(saved).where(eq(saved.userId, s.userId)).orderBy(asc(saved.name)).all();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    q: r.query,
    filters: parseFilters(r.filters),
    createdAt: r.createdAt,
  }));
}

/** Saving under an existing name replaces that search. */
export function saveSearch(
  ctx: CoreContext,
  s: Session,
  actor: Actor,
  input: { name: string; q: string; filters: SearchFilters },
): SavedSearch {
  if (!input.q.trim() && Object.keys(input.filters).length === 0)
    throw new AppError('VALIDATION_FAILED', '检索条件为空，无法保存');
  const now = ctx.nowIso();
  const existing = ctx.orm
    .select({ id: saved.id })
    .from(saved)
    .where(and(eq(saved.userId, s.userId), eq(saved.name, input.name)))
    .get();
  const id = existing?.id ?? ctx.ids();
  const query = input.q.trim();
  const filters = JSON.stringify(input.filters);
  ctx.orm
    .insert(saved)
    .values({ id, userId: s.userId, name: input.name, query, filters, createdAt: now })
    .onConflictDoUpdate({ target: saved.id, set: { query, filters } })
    .run();
  appendAudit(ctx, actor, {
    action: 'search.save',
    entity: 'search',
    entityId: id,
    summary: `保存检索「${input.name}」：${input.q.trim()}`,
    details: input,
  });
  return { id, name: input.name, q: input.q.trim(), filters: input.filters, createdAt: now };
}

export function deleteSaved(ctx: CoreContext, s: Session, actor: Actor, id: string): void {
  const row = ctx.orm
    .select({ name: saved.name })
    .from(saved)
    .where(and(eq(saved.id, id), eq(saved.userId, s.userId)))
    .get();
  if (!row) throw new AppError('NOT_FOUND', '没有这条保存的检索');
  ctx.orm.delete(saved).where(eq(saved.id, id)).run();
  appendAudit(ctx, actor, {
    action: 'search.unsave',
    entity: 'search',
    entityId: id,
    summary: `删除保存的检索「${row.name}」`,
  });
}
