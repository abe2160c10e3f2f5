/**
 * The levels of the catalogue tree below a 门类 that the station's tree (tree.ts) and the
 * bureau's (bureau-tree.ts) build alike from grouped counts: 年度, then 保管期限.
 */
import type { ItemRecord } from '../../../db/schema';
import type { CatalogueScope, TreeNode } from '../../contract/dto';
import { RETENTION_LABELS, RETENTIONS } from '../../contract/domain';

/** Live, visible items of one class, counted (a station's retention is plain text). */
export type ClassCount = Pick<ItemRecord, 'year' | 'orgCode'> & { retention: string; n: number };

export const sumCounts = (gs: { n: number }[]): number => gs.reduce((a, g) => a + g.n, 0);

/** One node a year, newest first; `base` is the category node's key, `scope` its filter. */
export function yearNodes(gs: ClassCount[], base: string, scope: CatalogueScope): TreeNode[] {
  const years = [...new Set(gs.map((g) => g.year))].sort((a, b) => b - a);
  return years.map((y) => ({
    key: `${base}:y:${y}`,
    label: `${y}年`,
    level: 'year',
    count: sumCounts(gs.filter((g) => g.year === y)),
    filter: { ...scope, year: y },
    hasChildren: true,
  }));
}

/** One node a 保管期限 present in a year, in the usual order; `base` and `scope` are the year node's. */
export function retentionNodes(
  inYear: ClassCount[],
  base: string,
  scope: CatalogueScope,
  hasChildren: (gs: ClassCount[]) => boolean,
): TreeNode[] {
  return RETENTIONS.filter((r) => inYear.some((g) => g.retention === r)).map((r) => {
    const gs = inYear.filter((g) => g.retention === r);
    return {
      key: `${base}:r:${r}`,
      label: `${RETENTION_LABELS[r]}（${r}）`,
      level: 'retention',
      count: sumCounts(gs),
      filter: { ...scope, retention: r },
      hasChildren: hasChildren(gs),
    };
  });
}
