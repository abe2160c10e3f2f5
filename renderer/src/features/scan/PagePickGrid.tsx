import { useEffect, useRef, useState } from 'react';
import type { PageView } from '../../../../electron/contract';
import { formatTime } from '../../lib/format';
import { useNearViewport, usePageImage } from './images';
import { pageName } from './labels';

interface Props {
  pages: PageView[];
  selected: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
  /** Enter: act on the selection. */
  onSubmit?: () => void;
  label: string;
  testId?: string;
  /** Focus the first thumbnail when the grid appears. */
  autoFocus?: boolean;
}

/**
 * Pages as thumbnails to pick several from, by mouse (click toggles, Shift+click takes the
 * range) or keyboard (arrows move, Space toggles, Shift+arrows take the range, Ctrl+A all,
 * Enter acts). One tab stop: the focused thumbnail.
 */
export function PagePickGrid({ pages, selected, onChange, onSubmit, label, testId, autoFocus }: Props) {
  const [focus, setFocus] = useState(0);
  const anchor = useRef(0);
  const gridRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (autoFocus) gridRef.current?.querySelector<HTMLElement>('[role="option"]')?.focus();
    // Only when the grid first appears.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const focusAt = (i: number) => {
    const at = Math.max(0, Math.min(pages.length - 1, i));
    setFocus(at);
    gridRef.current?.querySelectorAll<HTMLElement>('[role="option"]')[at]?.focus();
    return at;
  };
  const range = (a: number, b: number) => {
    const [lo, hi] = a < b ? [a, b] : [b, a];
    return new Set(pages.slice(lo, hi + 1).map((p) => p.id));
  };
  const toggle = (i: number) => {
    const next = new Set(selected);
    const id = pages[i]!.id;
    if (next.has(id)) next.delete(id);
    else next.add(id);
    anchor.current = i;
    onChange(next);
  };
  /** Thumbnails per row, from where they landed on screen. */
  const columns = () => {
    const els = Array.from(gridRef.current?.querySelectorAll<HTMLElement>('[role="option"]') ?? []);
    const top = els[0]?.offsetTop;
    return Math.max(1, els.filter((e) => e.offsetTop === top).length);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (pages.length === 0) return;
    const moves: Record<string, number> = {
      ArrowLeft: -1,
      ArrowRight: 1,
      ArrowUp: -columns(),
      ArrowDown: columns(),
      Home: -pages.length,
      End: pages.length,
    };
    if (e.key in moves) {
      const to = focusAt(focus + moves[e.key]!);
      if (e.shiftKey) onChange(range(anchor.current, to));
      else anchor.current = to;
    } else if (e.key === ' ') toggle(focus);
    else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a')
      onChange(selected.size === pages.length ? new Set() : new Set(pages.map((p) => p.id)));
    else if (e.key === 'Enter' && onSubmit) onSubmit();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div
      ref={gridRef}
      className="thumb-grid pick-grid"
      role="listbox"
      aria-multiselectable="true"
      aria-label={label}
      data-testid={testId}
      onKeyDown={onKeyDown}
    >
      {pages.map((p, i) => (
        <PickThumb
          key={p.id}
          page={p}
          selected={selected.has(p.id)}
          focusable={i === Math.min(focus, pages.length - 1)}
          onFocus={() => setFocus(i)}
          onClick={(shift) => {
            setFocus(i);
            if (shift) onChange(new Set([...selected, ...range(anchor.current, i)]));
            else toggle(i);
          }}
        />
      ))}
    </div>
  );
}

function PickThumb(p: {
  page: PageView;
  selected: boolean;
  focusable: boolean;
  onFocus: () => void;
  onClick: (shift: boolean) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const near = useNearViewport(ref);
  const img = usePageImage(near ? { id: p.page.id, variant: 'thumb' } : null, p.page.rotation);
  const name = pageName(p.page);
  return (
    <div
      ref={ref}
      role="option"
      aria-selected={p.selected}
      tabIndex={p.focusable ? 0 : -1}
      className={`thumb pick-thumb${p.selected ? ' picked' : ''}`}
      data-testid="pick-thumb"
      data-page-id={p.page.id}
      onFocus={p.onFocus}
      onMouseDown={(e) => e.shiftKey && e.preventDefault()}
      onClick={(e) => p.onClick(e.shiftKey)}
    >
      <div className="thumb-img">
        {img.url ? (
          <img src={img.url} alt="" draggable={false} />
        ) : (
          <span className="muted small">{img.error ?? ''}</span>
        )}
      </div>
      <div className="thumb-caption">
        <span className="pick-box" aria-hidden="true">
          {p.selected ? '☑' : '☐'}
        </span>
        <span className="thumb-name ellipsis small" title={name}>
          {name}
        </span>
      </div>
      <div className="muted small mono">{formatTime(p.page.createdAt).slice(0, 16)}</div>
    </div>
  );
}
