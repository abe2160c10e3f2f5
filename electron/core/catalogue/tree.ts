import { and, count, isNull } from 'drizzle-orm';
import { items } from '../../../db/schema';
import type { CatalogueScope, TreeNode } from '../../contract/dto';
import { perDataVersion } from './data-version-cache';
import { retentionNodes, sumCounts, yearNodes } from './tree-nodes';
import { listVolumes } from './volumes';
import { type CoreContext, itemVisible } from '../kernel';
import { loadScheme } from '../scheme';

const classCounts = (ctx: CoreContext, clearance: number) =>
  ctx.orm
    .select({
      categoryId: items.categoryId,
      year: items.year,
      retention: items.retention,
      orgCode: items.orgCode,
      n: count(),
    })
    .from(items)
    .where(and(isNull(items.deletedAt), itemVisible(ctx, clearance)))
    .groupBy(items.categoryId, items.year, items.retention, items.orgCode)
    .all();

type Group = ReturnType<typeof classCounts>[number];

const cachedGroups = perDataVersion<number, Group[]>();

/** All class counts in one pass over the class index, cached per data version and clearance. */
const groups = (ctx: CoreContext, clearance: number): Group[] =>
  cachedGroups(ctx, clearance, () => classCounts(ctx, clearance));

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
    const n = sumCounts(all.filter((g) => ids.has(g.categoryId)));
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
  const own = all.filter((g) => g.categoryId === cat);
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
      (gs) => isVolumeCategory || gs.some((g) => g.orgCode !== ''),
    );
  }
  if (isVolumeCategory) return volumeNodes(ctx, { ...parent, categoryId: cat }, clearance);
  const inRet = inYear.filter((g) => g.retention === parent.retention && g.orgCode !== '');
  return inRet.map((g) => ({
    key: `c:${cat}:y:${parent.year}:r:${parent.retention}:o:${g.orgCode}`,
    label: g.orgCode,
    level: 'org',
    count: g.n,
    filter: { categoryId: cat, year: parent.year, retention: parent.retention, orgCode: g.orgCode },
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
