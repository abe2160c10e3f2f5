import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ConflictView } from '../../../../electron/contract';
import { errorMessage } from '../../lib/errors';
import { listConflicts } from './actions';
import { FormError } from '../../components/FormError';
import { labelFor, t } from '../../i18n/zh-CN';
import { formatTime } from '../../lib/format';
import { useSync } from '../../stores/sync';
import { ConflictDetailView } from './ConflictDetail';

/** Bureau: open conflicts (↑↓ to choose), and the chosen one's two copies with the three ways out. */
export function ConflictsPanel() {
  const refreshStatus = useSync((s) => s.refresh);
  const [list, setList] = useState<ConflictView[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const keysRef = useRef<((e: KeyboardEvent<HTMLElement>) => void) | null>(null);

  const load = useCallback(async () => {
    try {
      const rows = await listConflicts();
      setList(rows);
      setSelected((cur) => (cur && rows.some((r) => r.id === cur) ? cur : (rows[0]?.id ?? null)));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const onKey = (e: KeyboardEvent<HTMLUListElement>) => {
    if (!list?.length || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp')) return;
    e.preventDefault();
    const i = list.findIndex((c) => c.id === selected);
    const next = Math.max(0, Math.min(list.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)));
    setSelected(list[next]!.id);
  };

  const resolved = async () => {
    await load();
    void refreshStatus();
    listRef.current?.focus();
  };

  return (
    <section className="card-section" data-testid="sync-conflicts" aria-labelledby="sync-conflicts-title">
      <h2 id="sync-conflicts-title" className="panel-heading">
        {t('sync.conflicts.title')}
      </h2>
      <p className="small muted">{t('sync.conflicts.hint')}</p>
      <FormError message={error} />
      {list && list.length === 0 && <p className="small muted">{t('sync.conflicts.empty')}</p>}
      {list && list.length > 0 && (
        <div className="sync-conflicts" onKeyDown={(e) => keysRef.current?.(e)}>
          <ul
            ref={listRef}
            className="sync-conflict-list"
            role="listbox"
            tabIndex={0}
            aria-label={t('sync.conflicts.title')}
            aria-activedescendant={selected ? `conflict-${selected}` : undefined}
            onKeyDown={onKey}
            data-testid="sync-conflict-list"
          >
            {list.map((c) => (
              <li
                key={c.id}
                id={`conflict-${c.id}`}
                role="option"
                aria-selected={c.id === selected}
                className={`sync-conflict-item${c.id === selected ? ' selected' : ''}`}
                onClick={() => setSelected(c.id)}
                data-testid="sync-conflict-item"
              >
                <div>
                  <strong>{c.stationId}</strong> · {labelFor('sync.entity', c.entity)}{' '}
                  {c.label ? (
                    <span data-testid="sync-conflict-label">{c.label}</span>
                  ) : (
                    <span className="mono small">{c.entityId.slice(-12)}</span>
                  )}
                </div>
                <div className="small muted">
                  {t('sync.conflicts.col.versions')} {c.oursVersion} / {c.theirsVersion} · {formatTime(c.createdAt)}
                </div>
              </li>
            ))}
          </ul>
          {selected ? (
            <ConflictDetailView key={selected} id={selected} keysRef={keysRef} onResolved={() => void resolved()} />
          ) : (
            <p className="muted">{t('sync.conflicts.pick')}</p>
          )}
        </div>
      )}
    </section>
  );
}
