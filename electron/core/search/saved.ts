/** Saved searches and the recent-search list, per user. */
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
  const rows = ctx.sqlite
    .prepare('SELECT query, filters, at FROM recent_searches WHERE user_id = ? ORDER BY id DESC LIMIT ?')
    .all(s.userId, RECENT_KEPT) as { query: string; filters: string; at: string }[];
  return rows.map((r) => ({ q: r.query, filters: parseFilters(r.filters), at: r.at }));
}

/** Records a submitted search (the newest first, no repeats, 20 kept); audited as a use of the archive. */
export function addRecent(ctx: CoreContext, s: Session, actor: Actor, q: string, filters: SearchFilters): void {
  const text = q.trim();
  if (!text) return;
  const db = ctx.sqlite;
  const f = JSON.stringify(filters);
  db.prepare('DELETE FROM recent_searches WHERE user_id = ? AND query = ? AND filters = ?').run(s.userId, text, f);
  db.prepare('INSERT INTO recent_searches (user_id, query, filters, at) VALUES (?, ?, ?, ?)').run(
    s.userId,
    text,
    f,
    ctx.nowIso(),
  );
  db.prepare(
    `DELETE FROM recent_searches WHERE user_id = @user AND id NOT IN
       (SELECT id FROM recent_searches WHERE user_id = @user ORDER BY id DESC LIMIT @keep)`,
  ).run({ user: s.userId, keep: RECENT_KEPT });
  appendAudit(ctx, actor, {
    action: 'search.query',
    entity: 'search',
    summary: `检索「${text}」`,
    details: { q: text, filters },
  });
}

export function listSaved(ctx: CoreContext, s: Session): SavedSearch[] {
  const rows = ctx.sqlite
    .prepare('SELECT id, name, query, filters, created_at FROM saved_searches WHERE user_id = ? ORDER BY name')
    .all(s.userId) as { id: string; name: string; query: string; filters: string; created_at: string }[];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    q: r.query,
    filters: parseFilters(r.filters),
    createdAt: r.created_at,
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
  const db = ctx.sqlite;
  const now = ctx.nowIso();
  const existing = db
    .prepare('SELECT id FROM saved_searches WHERE user_id = ? AND name = ?')
    .pluck()
    .get(s.userId, input.name) as string | undefined;
  const id = existing ?? ctx.ids();
  db.prepare(
    `INSERT INTO saved_searches (id, user_id, name, query, filters, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET query = excluded.query, filters = excluded.filters`,
  ).run(id, s.userId, input.name, input.q.trim(), JSON.stringify(input.filters), now);
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
  const row = ctx.sqlite.prepare('SELECT name FROM saved_searches WHERE id = ? AND user_id = ?').get(id, s.userId) as
    { name: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND', '没有这条保存的检索');
  ctx.sqlite.prepare('DELETE FROM saved_searches WHERE id = ?').run(id);
  appendAudit(ctx, actor, {
    action: 'search.unsave',
    entity: 'search',
    entityId: id,
    summary: `删除保存的检索「${row.name}」`,
  });
}
