import type { CategoryView, ImportPreview } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import { fieldOptions } from './ImportMapping';

interface Props {
  preview: ImportPreview;
  category: CategoryView | undefined;
  disabled: boolean;
  /** Maps `header` to `field` (and previews again). */
  onMap: (header: string, field: string) => void;
}

/** Unmapped columns that look like ID numbers or names, each with a one-click mapping. */
export function ImportWarnings({ preview, category, disabled, onMap }: Props) {
  if (preview.warnings.length === 0) return null;
  const labels = new Map(fieldOptions(category).map((o) => [o.value, o.label]));
  return (
    <section className="card-section import-warnings" data-testid="import-warnings" aria-live="polite">
      <h3>{t('importx.warnings')}</h3>
      <ul>
        {preview.warnings.map((w) => (
          <li key={w.header} className="form-notice" data-testid="import-warning" data-header={w.header}>
            <span>{w.message}</span>
            {w.suggestedField && (
              <button
                type="button"
                className="btn-small"
                disabled={disabled}
                data-testid="import-warning-map"
                onClick={() => onMap(w.header, w.suggestedField!)}
              >
                {t('importx.mapTo', { field: labels.get(w.suggestedField) ?? w.suggestedField })}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
