import { useEffect, useState } from 'react';
import { SEARCH_STATUSES, type Retention, type SearchStatus, type SecurityLevel } from '../../../../electron/contract';
import { CategorySelect } from '../../components/CategorySelect';
import { RetentionSelect } from '../../components/RetentionSelect';
import { useClearanceLevels } from '../../components/SecuritySelect';
import { securityLabel } from '../../lib/format';
import { PlaceSelect } from '../places/PlaceFilter';
import { hasFilters, STATUS_LABEL } from './query';
import { useSearch } from './store';
import { t } from '../../i18n/zh-CN';

const yearText = (y: number | undefined): string => (y === undefined ? '' : String(y));

/** A year box: the filter changes when the box is empty or holds four digits. */
function YearInput({
  id,
  label,
  value,
  onCommit,
}: {
  id: string;
  label: string;
  value?: number;
  onCommit: (y?: number) => void;
}) {
  const [text, setText] = useState(yearText(value));
  useEffect(() => setText(yearText(value)), [value]);
  return (
    <div className="field-stack">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="search-year"
        value={text}
        maxLength={4}
        inputMode="numeric"
        placeholder={t('search.filters.yearHint')}
        onChange={(e) => {
          const v = e.target.value.replace(/\D/g, '');
          setText(v);
          if (v === '') onCommit(undefined);
          else if (v.length === 4) onCommit(Number(v));
        }}
      />
    </div>
  );
}

/** 门类, 年度 from–to, 保管期限, 密级, 状态, 库位 and 有扫描件: each change searches again. */
export function FilterBar() {
  const filters = useSearch((s) => s.filters);
  const setFilters = useSearch((s) => s.setFilters);
  const clearFilters = useSearch((s) => s.clearFilters);
  const levels = useClearanceLevels();

  return (
    <div
      className="filter-bar search-filters"
      role="group"
      aria-label={t('search.filters.label')}
      data-testid="search-filters"
    >
      <div className="field-stack">
        <label htmlFor="sf-category">{t('search.filters.category')}</label>
        <CategorySelect
          id="sf-category"
          value={filters.categoryIds?.[0] ?? ''}
          onChange={(id) => setFilters({ categoryIds: id ? [id] : undefined })}
        />
      </div>
      <YearInput
        id="sf-year-from"
        label={t('search.filters.yearFrom')}
        value={filters.yearFrom}
        onCommit={(yearFrom) => setFilters({ yearFrom })}
      />
      <YearInput
        id="sf-year-to"
        label={t('search.filters.yearTo')}
        value={filters.yearTo}
        onCommit={(yearTo) => setFilters({ yearTo })}
      />
      <div className="field-stack">
        <label htmlFor="sf-retention">{t('search.filters.retention')}</label>
        <RetentionSelect
          id="sf-retention"
          value={filters.retention?.[0] ?? ''}
          emptyLabel={t('search.filters.any')}
          onChange={(r: Retention | '') => setFilters({ retention: r ? [r] : undefined })}
        />
      </div>
      <div className="field-stack">
        <label htmlFor="sf-security">{t('search.filters.security')}</label>
        <select
          id="sf-security"
          value={filters.security?.[0] ?? ''}
          onChange={(e) =>
            setFilters({ security: e.target.value === '' ? undefined : [Number(e.target.value) as SecurityLevel] })
          }
        >
          <option value="">{t('search.filters.any')}</option>
          {levels.map((l) => (
            <option key={l} value={l}>
              {securityLabel(l)}
            </option>
          ))}
        </select>
      </div>
      <div className="field-stack">
        <label htmlFor="sf-status">{t('search.filters.status')}</label>
        <select
          id="sf-status"
          value={filters.status ?? 'active'}
          onChange={(e) => {
            const v = e.target.value as SearchStatus;
            setFilters({ status: v === 'active' ? undefined : v });
          }}
        >
          {SEARCH_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field-stack">
        <label htmlFor="sf-place">{t('where.filter')}</label>
        <PlaceSelect
          id="sf-place"
          value={filters.placeId ?? null}
          onChange={(placeId) => setFilters({ placeId: placeId ?? undefined })}
          testId="search-place"
        />
      </div>
      <label className="checkbox search-scans">
        <input
          type="checkbox"
          id="sf-scans"
          checked={!!filters.hasScans}
          onChange={(e) => setFilters({ hasScans: e.target.checked || undefined })}
        />
        {t('search.filters.hasScans')}
      </label>
      {hasFilters(filters) && (
        <button type="button" className="btn-small" onClick={clearFilters} data-testid="filters-clear">
          {t('search.filters.clear')}
        </button>
      )}
    </div>
  );
}
