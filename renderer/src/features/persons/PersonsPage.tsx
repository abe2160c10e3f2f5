import { useEffect, useState } from 'react';
import type { ItemRow, PersonDetail, PersonView } from '../../../../electron/contract';
import { errorMessage } from '../../lib/errors';
import { getPerson, searchPersons } from './actions';
import { FormError } from '../../components/FormError';
import { t } from '../../i18n/zh-CN';
import { useDebounced } from '../../lib/useDebounced';
import { ItemForm } from '../catalogue/ItemForm';
import { StationItemDetail } from '../catalogue/StationItemDetail';
import { PersonDetailView } from './PersonDetailView';

export function PersonsPage() {
  const [q, setQ] = useState('');
  const debounced = useDebounced(q.trim(), 300);
  const [results, setResults] = useState<PersonView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [detail, setDetail] = useState<PersonDetail | null>(null);
  const [openItem, setOpenItem] = useState<string | null>(null);
  // At the county bureau, a station's record opens read-only.
  const [stationRow, setStationRow] = useState<ItemRow | null>(null);

  useEffect(() => {
    if (!debounced) {
      setResults(null);
      return;
    }
    let alive = true;
    searchPersons({ q: debounced, limit: 100 })
      .then((r) => {
        if (!alive) return;
        setResults(r);
        setError(null);
      })
      .catch((err: unknown) => alive && setError(errorMessage(err)));
    return () => {
      alive = false;
    };
  }, [debounced]);

  const loadDetail = (id: string) => {
    setSelectedId(id);
    getPerson({ id })
      .then(setDetail)
      .catch((err: unknown) => setError(errorMessage(err)));
  };

  return (
    <div className="split">
      <aside className="split-side">
        <div className="search-box">
          <label htmlFor="person-search" className="panel-title">
            {t('persons.searchLabel')}
          </label>
          <input
            id="person-search"
            type="search"
            placeholder={t('persons.search')}
            value={q}
            autoFocus
            data-testid="person-search"
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                document.querySelector<HTMLElement>('[data-testid="person-result"]')?.focus();
              }
            }}
          />
        </div>
        {!results && <p className="muted pad">{t('persons.hint')}</p>}
        {results && results.length === 0 && <p className="muted pad">{t('persons.noResults')}</p>}
        {results && results.length > 0 && (
          <ul className="list" aria-label={t('persons.results')} data-testid="person-results">
            {results.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  className={`list-item${selectedId === p.id ? ' selected' : ''}`}
                  data-testid="person-result"
                  onClick={() => loadDetail(p.id)}
                  onKeyDown={(e) => {
                    const li = e.currentTarget.parentElement;
                    if (e.key === 'ArrowDown')
                      (li?.nextElementSibling?.firstElementChild as HTMLElement | null)?.focus();
                    else if (e.key === 'ArrowUp')
                      (li?.previousElementSibling?.firstElementChild as HTMLElement | null)?.focus();
                    else return;
                    e.preventDefault();
                  }}
                >
                  <span className="list-main">{p.name}</span>
                  <span className="list-sub mono">{p.idNumber ?? '—'}</span>
                  {p.station && <span className="list-sub">{p.station.name}</span>}
                  <span className="badge">{p.recordCount}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <FormError message={error} />
      </aside>
      <section className="split-main">
        {detail ? (
          <PersonDetailView detail={detail} onOpen={(r) => (r.station ? setStationRow(r) : setOpenItem(r.id))} />
        ) : (
          <p className="muted pad">{t('persons.selectHint')}</p>
        )}
      </section>
      {stationRow && <StationItemDetail row={stationRow} onClose={() => setStationRow(null)} />}
      {openItem && (
        <ItemForm
          itemId={openItem}
          onClose={() => setOpenItem(null)}
          onSaved={() => selectedId && loadDetail(selectedId)}
        />
      )}
    </div>
  );
}
