import type { RefObject } from 'react';
import { formatCount } from '../../lib/format';
import { isIdle } from './query';
import { ResultList } from './ResultList';
import { SEARCH_SORTS, useSearch, type SearchSort } from './store';
import { t } from '../../i18n/zh-CN';

interface Props {
  listRef: RefObject<HTMLUListElement | null>;
  onOpen: (index: number) => void;
  onExitTop: () => void;
}

/** Whole milliseconds (the core measures fractions); "<1" for a sub-millisecond answer. */
const formatMs = (ms: number): string => (ms < 1 ? '<1' : formatCount(Math.round(ms)));

/** What the query language understands, shown while the box is empty. */
function SearchHelp() {
  return (
    <div className="search-help" data-testid="search-help">
      <h3>{t('search.help.title')}</h3>
      <ul>
        <li>{t('search.help.words')}</li>
        <li>
          {t('search.help.fields')}
          <br />
          <span className="mono small">{t('search.help.fieldsEx')}</span>
        </li>
        <li>{t('search.help.filters')}</li>
        <li>{t('search.help.needWords')}</li>
        <li>{t('search.help.keys')}</li>
      </ul>
    </div>
  );
}

/** The count and time, the sort, the core's notice, and the hits (or why there are none). */
export function ResultsArea({ listRef, onOpen, onExitTop }: Props) {
  const q = useSearch((s) => s.q);
  const result = useSearch((s) => s.result);
  const hits = useSearch((s) => s.hits);
  const loading = useSearch((s) => s.loading);
  const selected = useSearch((s) => s.selected);
  const sort = useSearch((s) => s.sort);
  const select = useSearch((s) => s.select);
  const setSort = useSearch((s) => s.setSort);
  const loadMore = useSearch((s) => s.loadMore);
  const idle = !result && isIdle(q);

  return (
    <section className="search-main" aria-busy={loading}>
      <div className="toolbar search-summary">
        <span className="total" data-testid="search-total" aria-live="polite">
          {result ? t('search.result.summary', { n: formatCount(result.total), ms: formatMs(result.tookMs) }) : ''}
        </span>
        {loading && <span className="muted small">{t('search.result.loading')}</span>}
        <span className="grow" />
        <label htmlFor="search-sort" className="muted">
          {t('search.sort.label')}
        </label>
        <select
          id="search-sort"
          value={sort}
          onChange={(e) => setSort(e.target.value as SearchSort)}
          data-testid="search-sort"
        >
          {SEARCH_SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`search.sort.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {result?.notice && (
        <div className="form-notice search-notice" role="status" data-testid="search-notice">
          {result.notice}
        </div>
      )}
      {idle && <SearchHelp />}
      {result && result.total === 0 && !result.notice && (
        <div className="search-empty" data-testid="search-empty">
          <p>{t('search.result.none')}</p>
          <p className="muted small">{t('search.result.noneHint')}</p>
        </div>
      )}
      {hits.length > 0 && (
        <ResultList
          ref={listRef}
          hits={hits}
          selected={selected}
          hasMore={!!result && hits.length < result.total}
          loading={loading}
          onSelect={select}
          onOpen={onOpen}
          onExitTop={onExitTop}
          onLoadMore={loadMore}
        />
      )}
      <div className="statusbar muted small">{t('search.result.keys')}</div>
    </section>
  );
}
