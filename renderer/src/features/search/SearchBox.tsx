import { useEffect, type Ref } from 'react';
import { useScheme } from '../../stores/scheme';
import { filterChips, isIdle } from './query';
import { useSearch } from './store';
import { t } from '../../i18n/zh-CN';

interface Props {
  onSave: () => void;
  onOpen: (index: number) => void;
  ref?: Ref<HTMLInputElement>;
}

const LIVE_MS = 250;

/**
 * The big box. Typing searches live after a short pause (not recorded); Enter searches and
 * records it as recent, or opens the hit chosen with ↑/↓; Esc drops the choice, then the text;
 * Backspace in the empty box drops the last filter chip.
 */
export function SearchBox({ onSave, onOpen, ref }: Props) {
  const q = useSearch((s) => s.q);
  const filters = useSearch((s) => s.filters);
  const hits = useSearch((s) => s.hits);
  const selected = useSearch((s) => s.selected);
  const setQ = useSearch((s) => s.setQ);
  const run = useSearch((s) => s.run);
  const select = useSearch((s) => s.select);
  const setFilters = useSearch((s) => s.setFilters);
  const categories = useScheme((s) => s.categories);

  useEffect(() => {
    if (q === useSearch.getState().ranQ) return;
    const timer = window.setTimeout(() => {
      if (q !== useSearch.getState().ranQ) void run();
    }, LIVE_MS);
    return () => window.clearTimeout(timer);
  }, [q, run]);

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing || e.altKey || e.ctrlKey || e.metaKey) return;
    const last = hits.length - 1;
    switch (e.key) {
      case 'ArrowDown':
        if (last < 0) return;
        select(Math.min(last, selected + 1));
        break;
      case 'ArrowUp':
        if (selected < 0) return;
        select(selected - 1);
        break;
      case 'Enter':
        if (selected >= 0 && selected <= last) onOpen(selected);
        else void run({ record: true });
        break;
      case 'Escape':
        if (selected >= 0) select(-1);
        else if (q) setQ('');
        else return;
        break;
      case 'Backspace': {
        if (q !== '' || e.repeat) return;
        const chips = filterChips(filters, categories);
        const chip = chips[chips.length - 1];
        if (!chip) return;
        setFilters(chip.clear);
        break;
      }
      default:
        return;
    }
    e.preventDefault();
  };

  return (
    <div className="search-bar">
      <label htmlFor="search-q" className="sr-only">
        {t('search.box.label')}
      </label>
      <input
        id="search-q"
        ref={ref}
        className="search-input"
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-expanded={hits.length > 0}
        aria-controls="search-results"
        aria-activedescendant={selected >= 0 ? `search-hit-${selected}` : undefined}
        placeholder={t('search.box.placeholder')}
        value={q}
        maxLength={500}
        data-testid="search-input"
        onChange={(e) => {
          setQ(e.target.value);
          if (selected >= 0) select(-1);
        }}
        onKeyDown={onKeyDown}
      />
      <button type="button" className="btn-primary" onClick={() => void run({ record: true })} data-testid="search-go">
        {t('search.box.search')}
      </button>
      <button type="button" onClick={onSave} disabled={isIdle(q)} data-testid="search-save">
        {t('search.box.save')}
      </button>
    </div>
  );
}
