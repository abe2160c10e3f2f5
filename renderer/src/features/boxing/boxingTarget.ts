/**
 * What 装盒 boxes when the clerk presses Ctrl+B in 档案目录: the grid's selection (marked rows
 * or the Shift range) when there is one; else the tree's node (a volume, or a class: 门类 + 年度 [+ 保管期限, 机构]); else the
 * current row alone. Null when none of these is there.
 */
import type { ItemRow } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import { useCatalogue } from '../../stores/catalogue';
import { errorMessage } from '../../lib/errors';
import { useScheme } from '../../stores/scheme';
import { toast } from '../../stores/toasts';
import { gridSelection } from '../catalogue/selection';
import type { BoxingTarget } from './BoxingDialog';

/** The target, or null after telling the clerk why there is none (nothing chosen, a failed request). */
export async function boxingTarget(current: ItemRow | null): Promise<BoxingTarget | null> {
  try {
    const target = await findTarget(current);
    if (!target) toast.error(t('box.needSelection'));
    return target;
  } catch (err) {
    toast.error(errorMessage(err));
    return null;
  }
}

async function findTarget(current: ItemRow | null): Promise<BoxingTarget | null> {
  const selection = await gridSelection();
  if (selection?.length)
    return { selection: { itemIds: selection.map((r) => r.id) }, label: t('box.selection', { n: selection.length }) };
  const { scope } = useCatalogue.getState();
  if (scope.volumeId) return { selection: { volumeIds: [scope.volumeId] }, label: t('box.selection', { n: 1 }) };
  if (scope.categoryId && scope.year !== undefined) {
    const cat = (await useScheme.getState().load()).find((c) => c.id === scope.categoryId);
    const what = [String(scope.year), cat?.name ?? '', scope.orgCode ?? ''].filter(Boolean).join(' ');
    return {
      selection: {
        class: {
          categoryId: scope.categoryId,
          year: scope.year,
          ...(scope.retention ? { retention: scope.retention } : {}),
          ...(scope.orgCode !== undefined ? { orgCode: scope.orgCode } : {}),
        },
      },
      label: t('box.class', { what }),
    };
  }
  if (current && !current.deletedAt) return { selection: { itemIds: [current.id] }, label: current.archiveCode };
  return null;
}
