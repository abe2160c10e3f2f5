/**
 * What the 打印 dialog offers, from where the clerk pressed Ctrl+P: the grid's selection
 * (marked rows or the Shift range); else the open volume, or the tree's class and year, and
 * the current row; or, from a record's form, that record and its volume.
 */
import type { ItemRow } from '../../../../electron/contract';
import { errorMessage } from '../../lib/errors';
import { useCatalogue } from '../../stores/catalogue';
import { useScheme } from '../../stores/scheme';
import { toast } from '../../stores/toasts';
import { getVolume } from '../catalogue/actions';
import { gridSelection } from '../catalogue/selection';
import type { PrintTarget } from './options';

/** Null after telling the clerk why (a failed request). */
async function told(find: () => Promise<PrintTarget>): Promise<PrintTarget | null> {
  try {
    return await find();
  } catch (err) {
    toast.error(errorMessage(err));
    return null;
  }
}

/** The target of 档案目录's view: its selection, or its volume or class with the current row. */
export const viewPrintTarget = (current: ItemRow | null) =>
  told(async () => {
    const selection = await gridSelection();
    if (selection?.length) return { selection };
    const { scope: s } = useCatalogue.getState();
    const item = current && !current.deletedAt ? { id: current.id, archiveCode: current.archiveCode } : undefined;
    if (s.volumeId) {
      const v = await getVolume({ id: s.volumeId });
      return { volume: { id: v.id, archiveCode: v.archiveCode }, item };
    }
    const cat = s.categoryId ? (await useScheme.getState().load()).find((c) => c.id === s.categoryId) : undefined;
    return { categoryCode: cat?.fullCode, categoryName: cat?.name, year: s.year, item };
  });

/** 打印 from a record: its 归档章 and, when it is in a volume, that volume's documents. */
export const recordPrintTarget = (item: { id: string; archiveCode: string; volumeId: string | null }) =>
  told(async () => {
    const v = item.volumeId ? await getVolume({ id: item.volumeId }) : null;
    return {
      item: { id: item.id, archiveCode: item.archiveCode },
      volume: v ? { id: v.id, archiveCode: v.archiveCode } : undefined,
      recordOnly: true,
    };
  });
