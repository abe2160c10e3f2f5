import type { CatalogueScope, TreeNode } from '../../contract/dto';
import type { Retention } from '../../contract/domain';
import type { CoreContext } from '../kernel';
import { loadScheme } from '../scheme';
import { perDataVersion } from './data-version-cache';
import { retentionNodes, sumCounts, yearNodes } from './tree-nodes';
import { listVolumes } from './volumes';

interface Group {
  category_id: string;
  year: number;
  retention: Retention;
  org_code: string;
  n: number;
}

const cachedGroups = perDataVersion<number, Group[]>();

/** All class counts in one pass over the class index, cached per data version and clearance. */
const groups = (ctx: CoreContext, clearance: number): Group[] =>
  cachedGroups(
    ctx,
    clearance,
    () =>
      ctx.sqlite
        .prepare(
          `SELECT category_id, year, retention, org_code, count(*) n FROM items
           WHERE deleted_at IS NULL AND security_level <= ? GROUP BY category_id, year, retention, org_code`,
        )
        .all(clearance) as Group[],
  );

/**
 * Children of a tree node: 全宗 → 门类 (and sub-classes) → 年度 → 保管期限 → 机构(问题).
 * A category with sub-classes lists them; a leaf category lists its years.
 */
export function treeChildren(ctx: CoreContext, parent: CatalogueScope, clearance: number): TreeNode[] {
  const scheme = loadScheme(ctx);
  const all = groups(ctx, clearance);
  if (!parent.categoryId) {
    return scheme.list.filter((c) => !c.parentId).map((c) => categoryNode(c.id));
  }
  function categoryNode(id: string): TreeNode {
    const c = scheme.byId.get(id)!;
    const ids = new Set(scheme.subtree(id));
    const n = sumCounts(all.filter((g) => ids.has(g.category_id)));
    return {
      key: `c:${id}`,
      label: `${c.fullCode} ${c.name}`,
      level: 'category',
      count: n,
      filter: { categoryId: id },
      hasChildren: ids.size > 1 || n > 0,
    };
  }
  const cat = parent.categoryId;
  const kids = scheme.list.filter((c) => c.parentId === cat);
  const own = all.filter((g) => g.category_id === cat);
  if (parent.year === undefined) {
    return [...kids.map((k) => categoryNode(k.id)), ...yearNodes(own, `c:${cat}`, { categoryId: cat })];
  }
  const inYear = own.filter((g) => g.year === parent.year);
  const isVolumeCategory = scheme.byId.get(cat)?.arrangement === 'volume';
  if (!parent.retention) {
    const year = parent.year;
    return retentionNodes(
      inYear,
      `c:${cat}:y:${year}`,
      { categoryId: cat, year },
      (gs) => isVolumeCategory || gs.some((g) => g.org_code !== ''),
    );
  }
  if (isVolumeCategory) return volumeNodes(ctx, { ...parent, categoryId: cat }, clearance);
  const inRet = inYear.filter((g) => g.retention === parent.retention && g.org_code !== '');
  return inRet.map((g) => ({
    key: `c:${cat}:y:${parent.year}:r:${parent.retention}:o:${g.org_code}`,
    label: g.org_code,
    level: 'org',
    count: g.n,
    filter: { categoryId: cat, year: parent.year, retention: parent.retention, orgCode: g.org_code },
    hasChildren: false,
  }));
}

/** 按卷 categories: the volumes of a 年度/保管期限, each a node that scopes the grid to its items. */
function volumeNodes(ctx: CoreContext, parent: CatalogueScope, clearance: number): TreeNode[] {
  return listVolumes(ctx, parent, clearance).map((v) => ({
    key: `v:${v.id}`,
    label: `${v.archiveCode} ${v.title}`,
    level: 'volume',
    count: v.itemCount,
    filter: { categoryId: v.categoryId, year: v.year, retention: v.retention, volumeId: v.id },
    hasChildren: false,
  }));
}
