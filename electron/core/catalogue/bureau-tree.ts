/**
 * The bureau's catalogue tree: 派出所 → 门类 (and sub-classes) → 年度 → 保管期限 → 机构, over
 * the records each station sent, and 本局 → the usual tree over the bureau's own items.
 * Counts come from the same rows and rules as the grid (bureau-items.ts), so a node's
 * count is the grid's total for its scope and 全文检索's for the same filters.
 */
import type { CatalogueScope, TreeNode } from '../../contract/dto';
import type { CoreContext } from '../kernel';
import { loadScheme } from '../scheme';
import { stationNames } from './bureau-items';
import { perDataVersion } from './data-version-cache';
import { treeChildren } from './tree';
import { retentionNodes, sumCounts, yearNodes } from './tree-nodes';

interface Group {
  station_id: string;
  category_code: string;
  category_id: string;
  year: number;
  retention: string;
  org_code: string;
  n: number;
  /** The bureau's category id for the code, or '<station>:<id>' for a 门类 the bureau lacks. */
  cat: string;
}

const cachedGroups = perDataVersion<number, Group[]>();

/** Visible station items grouped by class, one pass, cached per data version and clearance. */
function groups(ctx: CoreContext, clearance: number): Group[] {
  return cachedGroups(ctx, clearance, () => {
    const byCode = new Map(loadScheme(ctx).list.map((c) => [c.fullCode, c.id]));
    return (
      ctx.sqlite
        .prepare(
          `SELECT station_id, category_code, category_id, year, retention, org_code, count(*) n FROM station_items
           WHERE security_level <= ? AND deleted_at IS NULL GROUP BY 1, 2, 3, 4, 5, 6`,
        )
        .all(clearance) as Omit<Group, 'cat'>[]
    ).map((g) => ({ ...g, cat: byCode.get(g.category_code) ?? `${g.station_id}:${g.category_id}` }));
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
      const n = sumCounts(all.filter((g) => g.station_id === id));
      return { key: `s:${id}`, label: name, level: 'station', count: n, filter: { stationId: id }, hasChildren: n > 0 };
    });
  const own = ctx.sqlite
    .prepare('SELECT count(*) FROM items WHERE deleted_at IS NULL AND security_level <= ?')
    .pluck()
    .get(clearance) as number;
  if (own > 0)
    nodes.push({ key: 'b', label: '本局', level: 'fonds', count: own, filter: { stationId: '' }, hasChildren: true });
  return nodes;
}

function stationChildren(ctx: CoreContext, parent: CatalogueScope, stationId: string, clearance: number): TreeNode[] {
  const scheme = loadScheme(ctx);
  const mine = groups(ctx, clearance).filter((g) => g.station_id === stationId);
  const base = `s:${stationId}`;
  const categoryNode = (id: string): TreeNode | null => {
    const c = scheme.byId.get(id);
    const ids = c ? new Set(scheme.subtree(id)) : new Set([id]);
    const n = sumCounts(mine.filter((g) => ids.has(g.cat)));
    if (n === 0) return null;
    const first = mine.find((g) => g.cat === id);
    return {
      key: `${base}:c:${id}`,
      label: c ? `${c.fullCode} ${c.name}` : `${first?.category_code ?? ''} ${stationCategoryName(ctx, id)}`.trim(),
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
      gs.some((g) => g.org_code !== ''),
    );
  }
  const inRet = inYear.filter((g) => g.retention === parent.retention && g.org_code !== '');
  return [...new Set(inRet.map((g) => g.org_code))].sort().map((org) => ({
    key: `${base}:c:${cat}:y:${parent.year}:r:${parent.retention}:o:${org}`,
    label: org,
    level: 'org',
    count: sumCounts(inRet.filter((g) => g.org_code === org)),
    filter: { ...scope, year: parent.year, retention: parent.retention, orgCode: org },
    hasChildren: false,
  }));
}

/** The name of a station's own 门类 ('<station>:<id>'), from the category record it sent. */
function stationCategoryName(ctx: CoreContext, key: string): string {
  const i = key.indexOf(':');
  return (
    (ctx.sqlite
      .prepare(
        "SELECT json_extract(fields, '$.fields.name') FROM station_records WHERE station_id = ? AND entity = 'category' AND entity_id = ?",
      )
      .pluck()
      .get(key.slice(0, i), key.slice(i + 1)) as string | null | undefined) ?? ''
  );
}
