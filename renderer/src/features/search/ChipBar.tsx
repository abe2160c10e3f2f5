import type { SearchChip } from '../../../../electron/contract';
import { useScheme } from '../../stores/scheme';
import { filterChips, removeSource } from './query';
import { useSearch } from './store';
import { t } from '../../i18n/zh-CN';

interface ChipProps {
  label: string;
  kind: string;
  title?: string;
  testId: string;
  onRemove: () => void;
}

function Chip({ label, kind, title, testId, onRemove }: ChipProps) {
  return (
    <button
      type="button"
      className={`search-chip search-chip-${kind}`}
      aria-label={t('search.chips.remove', { label })}
      title={title ?? t('search.chips.removeHint')}
      data-testid={testId}
      data-kind={kind}
      onClick={onRemove}
      onKeyDown={(e) => {
        if (e.key === 'Delete' || e.key === 'Backspace') {
          e.preventDefault();
          onRemove();
        }
      }}
    >
      <span>{label}</span>
      <span className="search-chip-x" aria-hidden="true">
        ×
      </span>
    </button>
  );
}

const chipTitle = (c: SearchChip): string | undefined =>
  c.field ? `${t(`search.field.${c.field}`)}：${c.source}` : undefined;

/** The query as the core understood it, plus the filters set with the controls; each chip removes itself. */
export function ChipBar({ onRemoved }: { onRemoved: () => void }) {
  const chips = useSearch((s) => s.result?.chips ?? null);
  const q = useSearch((s) => s.q);
  const filters = useSearch((s) => s.filters);
  const setQ = useSearch((s) => s.setQ);
  const run = useSearch((s) => s.run);
  const setFilters = useSearch((s) => s.setFilters);
  const categories = useScheme((s) => s.categories);
  // Chips from an older query whose text is gone would remove nothing.
  const queryChips = (chips ?? []).filter((c) => c.source && q.includes(c.source));
  const fChips = filterChips(filters, categories);
  if (queryChips.length === 0 && fChips.length === 0) return null;

  return (
    <div className="search-chips" role="group" aria-label={t('search.chips.label')} data-testid="search-chips">
      {queryChips.map((c, i) => (
        <Chip
          key={`q-${i}-${c.source}`}
          label={c.label}
          kind={c.kind === 'text' ? (c.field ? 'field' : 'text') : 'filter'}
          title={chipTitle(c)}
          testId="search-chip"
          onRemove={() => {
            setQ(removeSource(q, c.source));
            void run();
            onRemoved();
          }}
        />
      ))}
      {fChips.map((c) => (
        <Chip
          key={c.key}
          label={c.label}
          kind="control"
          testId="filter-chip"
          onRemove={() => {
            setFilters(c.clear);
            onRemoved();
          }}
        />
      ))}
    </div>
  );
}
