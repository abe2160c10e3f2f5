import { t } from '../../i18n/zh-CN';
import { useMarks } from './marks';

/** How many rows are marked in the grid, in the status bar; nothing when none are. */
export function MarkedCount() {
  const n = useMarks((s) => s.rows.length);
  if (n === 0) return null;
  return (
    <span className="marked-count" data-testid="grid-marked" aria-live="polite">
      {'　'}
      {t('print.marked', { n })}
    </span>
  );
}
