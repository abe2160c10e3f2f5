/**
 * The rows an action on several records works on (打印 of a selection, 装盒): the rows marked
 * with 空格 when there are some, else the Shift range of the grid. One answer for every
 * action, so what the clerk sees highlighted is what gets printed or boxed.
 */
import type { MethodInput } from '../../../../electron/contract';
import { call } from '../../api/client';
import { useCatalogue } from '../../stores/catalogue';
import { type MarkedRow, useMarks } from './marks';

/** The marked rows, or the range's live rows; null when the clerk chose neither. */
export async function gridSelection(): Promise<MarkedRow[] | null> {
  const marked = useMarks.getState().rows;
  if (marked.length > 0) return marked;
  const { scope, filters, sort, includeDeleted, selectedIndex, anchorIndex } = useCatalogue.getState();
  if (anchorIndex === null || anchorIndex === selectedIndex) return null;
  const [lo, hi] = [Math.min(anchorIndex, selectedIndex), Math.max(anchorIndex, selectedIndex)];
  return gridRows({ scope, filters, sort, includeDeleted }, lo, hi);
}

/** The grid's live rows `from`..`to` (inclusive) of a catalogue query, fetched 500 at a time. */
async function gridRows(
  query: Omit<MethodInput<'catalogue.query'>, 'offset' | 'limit'>,
  from: number,
  to: number,
): Promise<MarkedRow[]> {
  const rows: MarkedRow[] = [];
  for (let offset = from; offset <= to; offset += 500) {
    const res = await call('catalogue.query', { ...query, offset, limit: Math.min(500, to - offset + 1) });
    rows.push(...res.rows.filter((r) => !r.deletedAt).map((r) => ({ id: r.id, archiveCode: r.archiveCode })));
  }
  return rows;
}
