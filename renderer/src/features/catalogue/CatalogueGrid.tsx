import {
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MutableRefObject,
} from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ItemRow } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import { formatCount } from '../../lib/format';
import { useCatalogue } from '../../stores/catalogue';
import { GRID_COLUMNS, GRID_TEMPLATE, ROW_HEIGHT } from './columns';
import { FilterRow } from './FilterRow';
import { useMarks } from './marks';
import { useRowPages } from './useRowPages';

interface Props {
  onOpen: (row: ItemRow) => void;
  onDelete: (row: ItemRow) => void;
  onTotal: (total: number | null) => void;
  /** Kept pointing at the selected row (loaded or not), for the page's 打印 (its 归档章). */
  currentRow?: MutableRefObject<ItemRow | null>;
}

export function CatalogueGrid({ onOpen, onDelete, onTotal, currentRow }: Props) {
  const scope = useCatalogue((s) => s.scope);
  const filters = useCatalogue((s) => s.filters);
  const sort = useCatalogue((s) => s.sort);
  const includeDeleted = useCatalogue((s) => s.includeDeleted);
  const placeId = useCatalogue((s) => s.placeId);
  const nonce = useCatalogue((s) => s.refreshNonce);
  const selected = useCatalogue((s) => s.selectedIndex);
  const select = useCatalogue((s) => s.select);
  const extendTo = useCatalogue((s) => s.extendTo);
  const anchor = useCatalogue((s) => s.anchorIndex);
  const [rangeLo, rangeHi] = anchor === null ? [-1, -1] : [Math.min(anchor, selected), Math.max(anchor, selected)];
  const toggleSort = useCatalogue((s) => s.toggleSort);
  const marks = useMarks((s) => s.rows);
  const marked = useMemo(() => new Set(marks.map((r) => r.id)), [marks]);

  const query = useMemo(
    () => ({ scope, filters, sort, includeDeleted, ...(placeId ? { placeId } : {}) }),
    [scope, filters, sort, includeDeleted, placeId],
  );
  const { total, error, ensureRange, getRow } = useRowPages(query, nonce);
  const count = total ?? 0;
  if (currentRow) currentRow.current = count > 0 ? (getRow(selected) ?? null) : null;

  const bodyRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  const virt = useVirtualizer({
    count,
    getScrollElement: () => bodyRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virt.getVirtualItems();

  // Keep the header columns aligned with the body when it shows a vertical scrollbar.
  const [scrollbar, setScrollbar] = useState(0);
  useLayoutEffect(() => {
    const el = bodyRef.current;
    if (!el) return;
    const measure = () => setScrollbar(el.offsetWidth - el.clientWidth);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [count]);
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (count > 0) ensureRange(first, last);
  }, [first, last, count, ensureRange]);

  useEffect(() => onTotal(total), [total, onTotal]);

  // A new query starts at the top.
  const queryKey = JSON.stringify(query);
  useEffect(() => {
    bodyRef.current?.scrollTo({ top: 0 });
    useMarks.getState().clear();
  }, [queryKey]);

  const moveTo = (index: number, extend = false) => {
    if (count === 0) return;
    const i = Math.max(0, Math.min(count - 1, index));
    if (extend) extendTo(i);
    else select(i);
    virt.scrollToIndex(i, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((bodyRef.current?.clientHeight ?? 280) / ROW_HEIGHT) - 1);
    const row = getRow(selected);
    switch (e.key) {
      case 'ArrowDown':
        moveTo(selected + 1, e.shiftKey);
        break;
      case 'ArrowUp':
        moveTo(selected - 1, e.shiftKey);
        break;
      case 'PageDown':
        moveTo(selected + page, e.shiftKey);
        break;
      case 'PageUp':
        moveTo(selected - page, e.shiftKey);
        break;
      case 'Home':
        moveTo(0, e.shiftKey);
        break;
      case 'End':
        moveTo(count - 1, e.shiftKey);
        break;
      case 'Enter':
        if (row) onOpen(row);
        break;
      case 'Delete':
        if (row && !row.deletedAt) onDelete(row);
        break;
      case ' ':
        if (row && !row.deletedAt) useMarks.getState().toggle({ id: row.id, archiveCode: row.archiveCode });
        break;
      case 'Escape':
        if (marks.length === 0) return;
        useMarks.getState().clear();
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  return (
    <div className="grid" data-testid="catalogue-grid">
      <div className="grid-head" ref={headRef}>
        <div className="grid-inner" style={{ gridTemplateColumns: GRID_TEMPLATE, paddingRight: scrollbar }}>
          <div className="grid-row grid-header-row" role="row">
            {GRID_COLUMNS.map((c) => {
              const active = c.sort && sort.column === c.sort;
              return (
                <div
                  key={c.key}
                  className="grid-cell"
                  role="columnheader"
                  aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  {c.sort ? (
                    <button
                      type="button"
                      className="sort-btn"
                      data-testid={`sort-${c.sort}`}
                      onClick={() => toggleSort(c.sort!)}
                    >
                      {t(c.labelKey)}
                      <span className="sort-mark" aria-hidden="true">
                        {active ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
                      </span>
                    </button>
                  ) : (
                    <span className="head-label">{t(c.labelKey)}</span>
                  )}
                </div>
              );
            })}
          </div>
          <FilterRow />
        </div>
      </div>
      <div
        className="grid-body"
        ref={bodyRef}
        tabIndex={0}
        role="grid"
        aria-label={t('cat.gridLabel')}
        aria-rowcount={count}
        aria-activedescendant={count > 0 ? `grid-row-${selected}` : undefined}
        data-testid="grid-body"
        onKeyDown={onKeyDown}
        onScroll={(e) => {
          if (headRef.current) headRef.current.scrollLeft = e.currentTarget.scrollLeft;
        }}
      >
        <div className="grid-inner" style={{ height: virt.getTotalSize(), gridTemplateColumns: GRID_TEMPLATE }}>
          {items.map((v) => {
            const row = getRow(v.index);
            const isSel = v.index === selected;
            const isMarked = row ? marked.has(row.id) : false;
            return (
              <div
                key={v.key}
                id={`grid-row-${v.index}`}
                role="row"
                aria-rowindex={v.index + 1}
                aria-selected={isSel}
                data-marked={isMarked || undefined}
                data-testid="grid-row"
                data-index={v.index}
                data-id={row?.id}
                className={`grid-row${isSel ? ' selected' : ''}${v.index >= rangeLo && v.index <= rangeHi ? ' in-range' : ''}${isMarked ? ' marked' : ''}${v.index % 2 ? ' odd' : ''}${row?.deletedAt ? ' deleted' : ''}${row ? '' : ' pending'}`}
                style={{ transform: `translateY(${v.start}px)`, gridTemplateColumns: GRID_TEMPLATE }}
                onMouseDown={(e) => (e.shiftKey ? extendTo(v.index) : select(v.index))}
                onDoubleClick={() => row && onOpen(row)}
              >
                {GRID_COLUMNS.map((c) => {
                  const value = row ? c.render(row) : '';
                  return (
                    <div
                      key={c.key}
                      role="gridcell"
                      className={`grid-cell${c.align ? ` align-${c.align}` : ''}${c.mono ? ' mono' : ''}`}
                      title={value}
                    >
                      {row ? value : c.key === 'archiveCode' ? '…' : ''}
                      {row && c.key === 'archiveCode' && row.deletedAt && (
                        <span className="tag tag-deleted">{t('cat.deleted')}</span>
                      )}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
        {total === 0 && <div className="grid-empty">{t('cat.noRows')}</div>}
      </div>
      {error && (
        <div className="grid-error" role="alert">
          {error}
        </div>
      )}
      <div className="sr-only" aria-live="polite">
        {total !== null ? t('cat.total', { n: formatCount(total) }) : ''}
      </div>
    </div>
  );
}
