import { errorMessage } from '../../lib/errors';
import { deleteSavedSearch } from './actions';
import { formatTime } from '../../lib/format';
import { useScheme } from '../../stores/scheme';
import { toast } from '../../stores/toasts';
import { describeSearch } from './query';
import { useSearch } from './store';
import { t } from '../../i18n/zh-CN';

/** 已保存的检索 (run or delete) and 最近检索 (run), the signed-in user's own. */
export function SideLists({ onApplied }: { onApplied: () => void }) {
  const saved = useSearch((s) => s.saved);
  const recent = useSearch((s) => s.recent);
  const apply = useSearch((s) => s.apply);
  const loadLists = useSearch((s) => s.loadLists);
  const categories = useScheme((s) => s.categories);

  const remove = async (id: string, name: string) => {
    try {
      await deleteSavedSearch({ id });
      toast.success(t('search.side.deleted', { name }));
      await loadLists();
    } catch (err) {
      toast.error(errorMessage(err));
    }
  };

  return (
    <>
      <section className="search-side-section" data-testid="saved-searches">
        <h3 className="panel-title">{t('search.side.saved')}</h3>
        {saved.length === 0 && <p className="muted small search-side-empty">{t('search.side.savedEmpty')}</p>}
        <ul className="list">
          {saved.map((s) => (
            <li key={s.id} className="search-side-row" data-testid="saved-search">
              <button
                type="button"
                className="list-item search-side-item"
                title={describeSearch(s.q, s.filters, categories)}
                data-testid="saved-run"
                onClick={() => {
                  apply(s.q, s.filters);
                  onApplied();
                }}
              >
                <span className="search-side-name">{s.name}</span>
                <span className="list-sub search-side-desc">{describeSearch(s.q, s.filters, categories)}</span>
              </button>
              <button
                type="button"
                className="icon-btn"
                aria-label={t('search.side.deleteLabel', { name: s.name })}
                title={t('search.side.delete')}
                data-testid="saved-delete"
                onClick={() => void remove(s.id, s.name)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section className="search-side-section" data-testid="recent-searches">
        <h3 className="panel-title">{t('search.side.recent')}</h3>
        {recent.length === 0 && <p className="muted small search-side-empty">{t('search.side.recentEmpty')}</p>}
        <ul className="list">
          {recent.map((r, i) => (
            <li key={`${r.at}-${i}`} data-testid="recent-search">
              <button
                type="button"
                className="list-item search-side-item"
                onClick={() => {
                  apply(r.q, r.filters);
                  onApplied();
                }}
              >
                <span className="search-side-name">{describeSearch(r.q, r.filters, categories)}</span>
                <span className="list-sub search-side-desc">{formatTime(r.at)}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
