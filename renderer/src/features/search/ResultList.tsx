import { useEffect, type Ref } from 'react';
import type { SearchHit } from '../../../../electron/contract';
import { HitRow } from './HitRow';
import { t } from '../../i18n/zh-CN';

interface Props {
  hits: SearchHit[];
  selected: number;
  hasMore: boolean;
  loading: boolean;
  onSelect: (index: number) => void;
  onOpen: (index: number) => void;
  /** ↑ on the first hit: back to the search box. */
  onExitTop: () => void;
  onLoadMore: () => Promise<void>;
  ref?: Ref<HTMLUListElement>;
}

const PAGE_STEP = 10;

/** The hits as a listbox: ↑/↓/PageUp/PageDown/Home/End move the selection, Enter opens it. */
export function ResultList({ hits, selected, hasMore, loading, onSelect, onOpen, onExitTop, onLoadMore, ref }: Props) {
  useEffect(() => {
    if (selected < 0) return;
    document.getElementById(`search-hit-${selected}`)?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const last = hits.length - 1;
  const onKeyDown = (e: React.KeyboardEvent<HTMLUListElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const cur = Math.max(0, selected);
    switch (e.key) {
      case 'ArrowDown':
        // ↓ on the last loaded hit loads the next page and steps onto its first hit.
        if (selected >= last && hasMore) void onLoadMore().then(() => onSelect(selected + 1));
        else onSelect(Math.min(last, selected + 1));
        break;
      case 'ArrowUp':
        if (selected <= 0) onExitTop();
        else onSelect(selected - 1);
        break;
      case 'PageDown':
        onSelect(Math.min(last, cur + PAGE_STEP));
        break;
      case 'PageUp':
        onSelect(Math.max(0, cur - PAGE_STEP));
        break;
      case 'Home':
        onSelect(0);
        break;
      case 'End':
        onSelect(last);
        break;
      case 'Enter':
        if (selected >= 0) onOpen(selected);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  return (
    <div className="search-results-scroll">
      <ul
        ref={ref}
        id="search-results"
        className="search-results"
        role="listbox"
        tabIndex={0}
        aria-label={t('search.result.listLabel')}
        aria-activedescendant={selected >= 0 ? `search-hit-${selected}` : undefined}
        data-testid="search-results"
        onKeyDown={onKeyDown}
        onFocus={() => selected < 0 && hits.length > 0 && onSelect(0)}
      >
        {hits.map((hit, i) => (
          <HitRow key={hit.id} hit={hit} index={i} selected={i === selected} onPick={onSelect} onOpen={onOpen} />
        ))}
      </ul>
      {hasMore && (
        <div className="search-more">
          <button type="button" onClick={() => void onLoadMore()} disabled={loading} data-testid="search-more">
            {loading ? t('search.result.loading') : t('search.result.more')}
          </button>
          <span className="muted small">{t('search.result.shown', { n: hits.length })}</span>
        </div>
      )}
    </div>
  );
}
