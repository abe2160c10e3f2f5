import { ITEM_COLUMNS, type CategoryView, type ImportPreview } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';

interface Props {
  preview: ImportPreview;
  mapping: Record<string, string>;
  category: CategoryView | undefined;
  disabled: boolean;
  onChange: (mapping: Record<string, string>) => void;
}

export function fieldOptions(category: CategoryView | undefined): { value: string; label: string }[] {
  const opts = [{ value: '', label: t('import.ignore') }];
  for (const [key, label] of Object.entries(ITEM_COLUMNS)) opts.push({ value: key, label });
  opts.push({ value: 'personName', label: t('import.personName') });
  opts.push({ value: 'personIdNumber', label: t('import.personIdNumber') });
  for (const f of category?.effectiveFields ?? []) opts.push({ value: `extra.${f.key}`, label: f.label });
  return opts;
}

/** One select per spreadsheet column: which field it fills. */
export function ImportMapping({ preview, mapping, category, disabled, onChange }: Props) {
  const options = fieldOptions(category);
  return (
    <section className="card-section">
      <h3>{t('import.mapping')}</h3>
      {preview.mappingRemembered && <div className="form-notice small">{t('import.mappingRemembered')}</div>}
      <div className="mapping-grid" data-testid="import-mapping">
        {preview.headers.map((h, i) => {
          const id = `map-${i}`;
          const sample = preview.sampleRows[0]?.[h] ?? '';
          return (
            <div className="mapping-row" key={h}>
              <label htmlFor={id} className="mapping-header" title={h}>
                {h}
              </label>
              <select
                id={id}
                value={mapping[h] ?? ''}
                disabled={disabled}
                data-testid="mapping-select"
                data-header={h}
                onChange={(e) => onChange({ ...mapping, [h]: e.target.value })}
              >
                {options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
                {mapping[h] && !options.some((o) => o.value === mapping[h]) && (
                  <option value={mapping[h]}>{mapping[h]}</option>
                )}
              </select>
              <span className="muted small mapping-sample" title={sample}>
                {sample}
              </span>
            </div>
          );
        })}
      </div>
    </section>
  );
}
