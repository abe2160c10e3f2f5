import { useEffect, useId, useState } from 'react';
import type { ItemRow } from '../../../../electron/contract';
import { call, errorMessage } from '../../api/client';
import { t } from '../../i18n/zh-CN';
import { useDebounced } from '../../lib/useDebounced';
import { useIntake } from '../../stores/intake';

const SUGGESTIONS = 8;

/**
 * Where new pages go (an item found by its 档号, or the tray) and which form to read them
 * as. Shared by dropped files, the scanner and the hot folder.
 */
export function TargetPicker() {
  const target = useIntake((s) => s.target);
  const setTarget = useIntake((s) => s.setTarget);
  const template = useIntake((s) => s.template);
  const setTemplate = useIntake((s) => s.setTemplate);
  const templates = useIntake((s) => s.templates);
  const listId = useId();
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 250);
  const [found, setFound] = useState<{ q: string; rows: ItemRow[]; error: string | null } | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);

  useEffect(() => {
    if (!query) return;
    let live = true;
    call('catalogue.query', {
      filters: { archiveCode: query },
      sort: { column: 'archiveCode', dir: 'asc' },
      offset: 0,
      limit: SUGGESTIONS,
    }).then(
      (page) => live && setFound({ q: query, rows: page.rows, error: null }),
      (err: unknown) => live && setFound({ q: query, rows: [], error: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
  }, [query]);

  const rows = query && found?.q === query ? found.rows : [];
  const searching = !!q.trim() && found?.q !== q.trim();
  const showList = open && !!q.trim();

  const choose = (row: ItemRow | undefined) => {
    if (!row) return;
    setTarget({ itemId: row.id, archiveCode: row.archiveCode, title: row.title });
    setQ('');
    setOpen(false);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    switch (e.key) {
      case 'ArrowDown':
        setOpen(true);
        setActive((a) => Math.max(0, Math.min(rows.length - 1, a + 1)));
        break;
      case 'ArrowUp':
        setActive((a) => Math.max(0, a - 1));
        break;
      case 'Enter':
        if (!showList || rows.length === 0) return;
        choose(rows[Math.min(active, rows.length - 1)]);
        break;
      case 'Escape':
        if (!showList && !q) return;
        if (showList) setOpen(false);
        else setQ('');
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  return (
    <section className="card-section intake-target" aria-label={t('intake.target')}>
      <div className="intake-target-field">
        <label htmlFor="intake-target" className="panel-title">
          {t('intake.target')}
        </label>
        {target.itemId ? (
          <div className="target-chosen" data-testid="intake-target">
            <span className="mono target-code">{target.archiveCode}</span>
            <span className="target-title">{target.title}</span>
            <button
              id="intake-target"
              type="button"
              className="btn-small"
              onClick={() => setTarget(null)}
              data-testid="intake-target-clear"
            >
              {t('intake.targetClear')}
            </button>
          </div>
        ) : (
          <div className="combo">
            <input
              id="intake-target"
              role="combobox"
              aria-expanded={showList}
              aria-controls={listId}
              aria-autocomplete="list"
              aria-activedescendant={showList && rows[active] ? `${listId}-${active}` : undefined}
              value={q}
              placeholder={t('intake.targetSearch')}
              autoComplete="off"
              data-testid="intake-target-search"
              onChange={(e) => {
                setQ(e.target.value);
                setActive(0);
                setOpen(true);
              }}
              onFocus={() => setOpen(true)}
              onBlur={() => setOpen(false)}
              onKeyDown={onKeyDown}
            />
            <div className="field-hint">
              <span className="tag tag-warn">{t('intake.targetTray')}</span> {t('intake.targetHint')}
            </div>
            {showList && (
              <ul className="combo-list" id={listId} role="listbox" aria-label={t('intake.targetItem')}>
                {searching && <li className="combo-note">{t('intake.targetSearching')}</li>}
                {!searching && found?.error && <li className="combo-note text-error">{found.error}</li>}
                {!searching && !found?.error && rows.length === 0 && (
                  <li className="combo-note">{t('intake.targetNone', { q: q.trim() })}</li>
                )}
                {rows.map((row, i) => (
                  <li
                    key={row.id}
                    id={`${listId}-${i}`}
                    role="option"
                    aria-selected={i === active}
                    className={`combo-option${i === active ? ' active' : ''}`}
                    // mousedown, not click: the input's blur would close the list first.
                    onMouseDown={(e) => {
                      e.preventDefault();
                      choose(row);
                    }}
                  >
                    <span className="mono">{row.archiveCode}</span>
                    <span className="muted ellipsis">{row.title}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
      <div className="intake-template-field">
        <label htmlFor="intake-template" className="panel-title">
          {t('intake.template')}
        </label>
        <select
          id="intake-template"
          value={template}
          onChange={(e) => setTemplate(e.target.value)}
          data-testid="intake-template"
        >
          <option value="auto">{t('intake.templateAuto')}</option>
          {templates.map((tp) => (
            <option key={tp.id} value={tp.id}>
              {t('intake.templateFields', { name: tp.name, n: tp.fields })}
            </option>
          ))}
          <option value="none">{t('intake.templateNone')}</option>
        </select>
      </div>
    </section>
  );
}
