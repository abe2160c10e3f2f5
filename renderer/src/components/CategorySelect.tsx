import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { flushSync } from 'react-dom';
import { t } from '../i18n/zh-CN';
import { matchCategories } from '../lib/categoryMatch';
import { orderedCategories, useScheme, type CategoryOption } from '../stores/scheme';

interface Props {
  id: string;
  value: string;
  onChange: (categoryId: string) => void;
  /** The categories to offer, in tree order; every category by default. */
  options?: CategoryOption[];
  disabled?: boolean;
  autoFocus?: boolean;
  ref?: Ref<HTMLInputElement>;
}

/**
 * 门类 as a combobox: type the code (ZY·HJ·QR or ZYHJQR), the name (迁入) or its pinyin initials
 * (qr), move with ↑↓, take one with Enter (which then moves on, like every field of a form).
 * The tree's indentation is padding, never text, so it cannot get in the way of typing to find.
 */
export function CategorySelect({ id, value, onChange, options, disabled, autoFocus, ref }: Props) {
  const categories = useScheme((s) => s.categories);
  const all = useMemo(() => options ?? orderedCategories(categories), [options, categories]);
  const selected = categories.find((c) => c.id === value);
  const label = selected ? `${selected.fullCode} ${selected.name}` : '';
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const matches = useMemo(() => (query ? matchCategories(all, query) : all), [all, query]);
  const listId = useId();
  const listRef = useRef<HTMLUListElement>(null);
  const optionId = (i: number) => `${listId}-${i}`;

  useEffect(() => {
    if (open) document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, active]);

  const close = () => {
    setQuery(null);
    setOpen(false);
  };
  /** Takes a category ('' = none: the clerk emptied the field). */
  const pick = (id: string) => {
    // Synchronously, so the form's Enter handler (next in this same key event) sees the
    // fields the new category brings (e.g. 所属案卷) and moves focus to the right one.
    flushSync(() => {
      close();
      if (id !== value) onChange(id);
    });
  };
  const openAt = () => {
    setOpen(true);
    setActive(
      Math.max(
        0,
        matches.findIndex((o) => o.cat.id === value),
      ),
    );
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    const move = (delta: number) => {
      e.preventDefault();
      if (!open) return openAt();
      setActive((a) => Math.min(Math.max(a + delta, 0), Math.max(matches.length - 1, 0)));
    };
    switch (e.key) {
      case 'ArrowDown':
        return move(e.altKey ? 0 : 1);
      case 'ArrowUp':
        return move(-1);
      case 'PageDown':
        return move(8);
      case 'PageUp':
        return move(-8);
      case 'Enter':
        if (!open || e.shiftKey || e.ctrlKey || e.altKey || e.metaKey) return;
        if (query === '') return pick('');
        if (!matches[active]) {
          // Nothing matches what was typed: stay here rather than move on with no 门类.
          e.preventDefault();
          e.stopPropagation();
          return;
        }
        pick(matches[active].cat.id); // and let Enter go on to the next field
        return;
      case 'Escape':
        if (!open && query === null) return;
        e.preventDefault();
        e.stopPropagation(); // closes the list, not the form
        close();
        return;
      case 'Tab':
        if (query === '') pick('');
        else if (open && query && matches[active]) pick(matches[active].cat.id);
        return;
    }
  };

  return (
    <div className="combo">
      <input
        id={id}
        ref={ref}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && matches[active] ? optionId(active) : undefined}
        autoComplete="off"
        spellCheck={false}
        value={query ?? label}
        placeholder={t('entry.catPlaceholder')}
        title={label || undefined}
        disabled={disabled}
        autoFocus={autoFocus}
        data-category-id={value}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={(e) => e.target.select()}
        onBlur={() => (query === '' ? pick('') : close())}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul className="combo-list" id={listId} role="listbox" ref={listRef} data-testid={`${id}-options`}>
          {matches.length === 0 && <li className="combo-empty muted">{t('entry.catNone')}</li>}
          {matches.map((o, i) => (
            <li
              key={o.cat.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={`combo-option${i === active ? ' active' : ''}${o.cat.id === value ? ' current' : ''}`}
              style={{ paddingLeft: `${0.6 + (query ? 0 : o.depth * 1.2)}em` }}
              onMouseDown={(e) => {
                e.preventDefault(); // keep focus in the input
                pick(o.cat.id);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span className="mono">{o.cat.fullCode}</span> {o.cat.name}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
