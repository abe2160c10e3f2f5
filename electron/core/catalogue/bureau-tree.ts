/**
 * The bureau's catalogue tree: 派出所 → 门类 (and sub-classes) → 年度 → 保管期限 → 机构, over
 * the records each station sent, and 本局 → the usual tree over the bureau's own items.
 * Counts come from the same rows and rules as the grid (bureau-items.ts), so a node's
 * count is the grid's total for its scope and 全文检索's for the same filters.
 */
import { and, count, isNull, lte } from 'drizzle-orm';
import { items, stationItems } from '../../../db/schema';
import type { CatalogueScope, TreeNode } from '../../contract/dto';
import { stationCategoryName, stationNames } from './bureau-items';
import { perDataVersion } from './data-version-cache';
import { treeChildren } from './tree';
import { retentionNodes, sumCounts, yearNodes } from './tree-nodes';
import { type CoreContext, itemVisible } from '../kernel';
import { loadScheme } from '../scheme';

const classCounts = (ctx: CoreContext, clearance: number) =>
  ctx.orm
    .select({
      stationId: stationItems.stationId,
      categoryCode: stationItems.categoryCode,
      categoryId: stationItems.categoryId,
      year: stationItems.year,
      retention: stationItems.retention,
      orgCode: stationItems.orgCode,
      n: count(),
    })
    .from(stationItems)
    .where(and(lte(stationItems.securityLevel, clearance), isNull(stationItems.deletedAt)))
    .groupBy(
      stationItems.stationId,
      stationItems.categoryCode,
      stationItems.categoryId,
      stationItems.year,
      stationItems.retention,
      stationItems.orgCode,
    )
    .all();

/** A class's count; `cat` is the bureau's category id for the code, or '<station>:<id>' for a 门类 the bureau lacks. */
type Group = ReturnType<typeof classCounts>[number] & { cat: string };

const cachedGroups = perDataVersion<number, Group[]>();

/** Visible station items grouped by class, one pass, cached per data version and clearance. */
function groups(ctx: CoreContext, clearance: number): Group[] {
  return cachedGroups(ctx, clearance, () => {
    const byCode = new Map(loadScheme(ctx).list.map((c) => [c.fullCode, c.id]));
    return classCounts(ctx, clearance).map((g) => ({
      ...g,
      cat: byCode.get(g.categoryCode) ?? `${g.stationId}:${g.categoryId}`,
    }));
  });
}

export function bureauTreeChildren(ctx: CoreContext, parent: CatalogueScope, clearance: number): TreeNode[] {
  if (parent.stationId === undefined) return stationNodes(ctx, clearance);
  // 本局: the bureau's own catalogue, its nodes scoped to it.
  if (parent.stationId === '') {
    const { stationId: _own, ...rest } = parent;
    return treeChildren(ctx, rest, clearance).map((n) => ({
      ...n,
      key: `b:${n.key}`,
      filter: { ...n.filter, stationId: '' },
    }));
  }
  return stationChildren(ctx, parent, parent.stationId, clearance);
}

function stationNodes(ctx: CoreContext, clearance: number): TreeNode[] {
  const all = groups(ctx, clearance);
  const nodes: TreeNode[] = [...stationNames(ctx)]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, name]) => {
      const n = sumCounts(all.filter((g) => g.stationId === id));
      return { key: `s:${id}`, label: name, level: 'station', count: n, filter: { stationId: id }, hasChildren: n > 0 };
    });
  const own =
    ctx.orm
      .select({ n: count() })
      .from(items)
      .where(and(isNull(items.deletedAt), itemVisible(ctx, clearance)))
      .get()?.n ?? 0;
  if (own > 0)
    nodes.push({ key: 'b', label: '本局', level: 'fonds', count: own, filter: { stationId: '' }, hasChildren: true });
  return nodes;
}

function stationChildren(ctx: CoreContext, parent: CatalogueScope, stationId: string, clearance: number): TreeNode[] {
  const scheme = loadScheme(ctx);
  const mine = groups(ctx, clearance).filter((g) => g.stationId === stationId);
  const base = `s:${stationId}`;
  const categoryNode = (id: string): TreeNode | null => {
    const c = scheme.byId.get(id);
    const ids = c ? new Set(scheme.subtree(id)) : new Set([id]);
    const n = sumCounts(mine.filter((g) => ids.has(g.cat)));
    if (n === 0) return null;
    const first = mine.find((g) => g.cat === id);
    return {
      key: `${base}:c:${id}`,
      label: c ? `${c.fullCode} ${c.name}` : `${first?.categoryCode ?? ''} ${stationCategoryKeyName(ctx, id)}`.trim(),
      level: 'category',
      count: n,
      filter: { stationId, categoryId: id },
      hasChildren: true,
    };
  };
  const present = (nodes: (TreeNode | null)[]) => nodes.filter((n): n is TreeNode => n !== null);
  if (!parent.categoryId) {
    // Categories the bureau knows, in its scheme's order, then the station's own.
    const foreign = [...new Set(mine.map((g) => g.cat).filter((c) => !scheme.byId.has(c)))].sort();
    return present([
      ...scheme.list.filter((c) => !c.parentId).map((c) => categoryNode(c.id)),
      ...foreign.map(categoryNode),
    ]);
  }
  const cat = parent.categoryId;
  const scope = { stationId, categoryId: cat };
  // A scope's 门类 includes its sub-classes (as in the grid and in search), so below a
  // category every count is over its whole subtree: a node counts what the grid lists.
  const subtree = new Set(scheme.byId.has(cat) ? scheme.subtree(cat) : [cat]);
  const own = mine.filter((g) => subtree.has(g.cat));
  if (parent.year === undefined) {
    // Years are listed where records are filed under the category itself (a leaf, usually).
    const direct = mine.some((g) => g.cat === cat);
    return [
      ...present(scheme.list.filter((c) => c.parentId === cat).map((k) => categoryNode(k.id))),
      ...yearNodes(direct ? own : [], `${base}:c:${cat}`, scope),
    ];
  }
  const inYear = own.filter((g) => g.year === parent.year);
  if (!parent.retention) {
    const year = parent.year;
    return retentionNodes(inYear, `${base}:c:${cat}:y:${year}`, { ...scope, year }, (gs) =>
      gs.some((g) => g.orgCode !== ''),
    );
  }
  const inRet = inYear.filter((g) => g.retention === parent.retention && g.orgCode !== '');
  return [...new Set(inRet.map((g) => g.orgCode))].sort().map((org) => ({
    key: `${base}:c:${cat}:y:${parent.year}:r:${parent.retention}:o:${org}`,
    label: org,
    level: 'org',
    count: sumCounts(inRet.filter((g) => g.orgCode === org)),
    filter: { ...scope, year: parent.year, retention: parent.retention, orgCode: org },
    hasChildren: false,
  }));
}

/** The name of a station's own 门类 ('<station>:<id>'), from the category record it sent. */
function stationCategoryKeyName(ctx: CoreContext, key: string): string {
  const i = key.indexOf(':');
  return stationCategoryName(ctx, key.slice(0, i), key.slice(i + 1));
}
