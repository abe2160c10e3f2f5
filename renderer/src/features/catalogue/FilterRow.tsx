import { useEffect, useState } from 'react';
import { t } from '../../i18n/zh-CN';
import { useDebounced } from '../../lib/useDebounced';
import { useCatalogue, type FilterColumn } from '../../stores/catalogue';
import { GRID_COLUMNS } from './columns';

/** A row of filter inputs under the headers; applied 300 ms after typing stops. */
export function FilterRow() {
  const filters = useCatalogue((s) => s.filters);
  const setFilters = useCatalogue((s) => s.setFilters);
  const [local, setLocal] = useState<Partial<Record<FilterColumn, string>>>(filters);
  const debounced = useDebounced(local, 300);

  useEffect(() => {
    const clean: Partial<Record<FilterColumn, string>> = {};
    for (const [k, v] of Object.entries(debounced)) if (v && v.trim()) clean[k as FilterColumn] = v.trim();
    if (JSON.stringify(clean) !== JSON.stringify(useCatalogue.getState().filters)) setFilters(clean);
  }, [debounced, setFilters]);

  return (
    <div className="grid-row grid-filter-row" role="row">
      {GRID_COLUMNS.map((c) => (
        <div key={c.key} className="grid-cell" role="columnheader">
          {c.filter && (
            <input
              type="search"
              className="filter-input"
              aria-label={`${t(c.labelKey)}${t('cat.filterPlaceholder')}`}
              placeholder={t('cat.filterPlaceholder')}
              data-testid={`filter-${c.filter}`}
              value={local[c.filter] ?? ''}
              onChange={(e) => setLocal({ ...local, [c.filter as FilterColumn]: e.target.value })}
            />
          )}
        </div>
      ))}
    </div>
  );
}
