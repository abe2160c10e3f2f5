import { useEffect, useId, useState, type ReactNode } from 'react';
import type { ItemRow } from '../../../../electron/contract';
import { errorMessage } from '../../lib/errors';
import { queryCatalogue } from './actions';
import { useDebounced } from '../../lib/useDebounced';

const SUGGESTIONS = 8;

export interface ChosenRecord {
  itemId: string;
  archiveCode: string;
  title: string;
}

/** The words a record search shows; each screen brings its own. */
export interface RecordSearchTexts {
  placeholder: string;
  /** The suggestion list's accessible name. */
  listLabel: string;
  searching: string;
  none: (q: string) => string;
}

/**
 * Finds a record by 档号 (and, with `alsoByTitle`, by 题名 when no 档号 matches) through
 * the core's catalogue query, so only what the user may see: ↑/↓ through the
 * suggestions, Enter takes one, Esc closes the list (a second Esc clears the words).
 */
export function RecordSearch({
  id,
  testId,
  texts,
  alsoByTitle = false,
  hint,
  onChoose,
}: {
  id: string;
  testId: string;
  texts: RecordSearchTexts;
  alsoByTitle?: boolean;
  /** Shown under the input, above the suggestions. */
  hint?: ReactNode;
  onChoose: (r: ChosenRecord) => void;
}) {
  const listId = useId();
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 250);
  const [found, setFound] = useState<{ q: string; rows: ItemRow[]; error: string | null } | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);

  useEffect(() => {
    if (!query) return;
    let live = true;
    const ask = (filters: Record<string, string>) =>
      queryCatalogue({ filters, sort: { column: 'archiveCode', dir: 'asc' }, offset: 0, limit: SUGGESTIONS });
    // 档号 first; words that are not part of any 档号 are looked for in the 题名.
    ask({ archiveCode: query })
      .then(async (page) => (page.rows.length || !alsoByTitle ? page : ask({ title: query })))
      .then(
        (page) => live && setFound({ q: query, rows: page.rows, error: null }),
        (err: unknown) => live && setFound({ q: query, rows: [], error: errorMessage(err) }),
      );
    return () => {
      live = false;
    };
  }, [query, alsoByTitle]);

  const rows = query && found?.q === query ? found.rows : [];
  const searching = !!q.trim() && found?.q !== q.trim();
  const showList = open && !!q.trim();

  const choose = (row: ItemRow | undefined) => {
    if (!row) return;
    onChoose({ itemId: row.id, archiveCode: row.archiveCode, title: row.title });
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
    <div className="combo">
      <input
        id={id}
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && rows[active] ? `${listId}-${active}` : undefined}
        value={q}
        placeholder={texts.placeholder}
        autoComplete="off"
        data-testid={testId}
        onChange={(e) => {
          setQ(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {hint}
      {showList && (
        <ul className="combo-list" id={listId} role="listbox" aria-label={texts.listLabel}>
          {searching && <li className="combo-note">{texts.searching}</li>}
          {!searching && found?.error && <li className="combo-note text-error">{found.error}</li>}
          {!searching && !found?.error && rows.length === 0 && <li className="combo-note">{texts.none(q.trim())}</li>}
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
  );
}
