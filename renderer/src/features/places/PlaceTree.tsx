import { useEffect, useMemo, useRef } from 'react';
import type { PlaceNode } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import { usePlaces } from './store';

/** The places a clerk can see now: every place whose ancestors are all open, in tree order. */
function visiblePlaces(places: PlaceNode[], collapsed: Record<string, boolean>): PlaceNode[] {
  const hidden = new Set<string>();
  return places.filter((p) => {
    if (p.parentId && (hidden.has(p.parentId) || collapsed[p.parentId])) {
      hidden.add(p.id);
      return false;
    }
    return true;
  });
}

/**
 * The place tree, a WAI-ARIA tree: ↑/↓ walk the visible places, → opens or goes to the first
 * child, ← closes or goes to the parent, Enter opens or closes.
 */
export function PlaceTree() {
  const { tree, selectedId, collapsed, select, toggle } = usePlaces();
  const places = useMemo(() => tree?.places ?? [], [tree]);
  const shown = useMemo(() => visiblePlaces(places, collapsed), [places, collapsed]);
  const hasChildren = useMemo(() => new Set(places.map((p) => p.parentId)), [places]);
  const ref = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (ref.current?.contains(document.activeElement))
      ref.current.querySelector<HTMLElement>('[aria-selected="true"]')?.focus();
  }, [selectedId]);

  const onKey = (e: React.KeyboardEvent) => {
    const i = shown.findIndex((p) => p.id === selectedId);
    const cur = shown[i];
    if (!cur) return;
    const open = hasChildren.has(cur.id) && !collapsed[cur.id];
    const go = (p: PlaceNode | undefined) => p && select(p.id);
    switch (e.key) {
      case 'ArrowDown':
        go(shown[i + 1]);
        break;
      case 'ArrowUp':
        go(shown[i - 1]);
        break;
      case 'ArrowRight':
        if (!hasChildren.has(cur.id)) return;
        if (open) go(shown[i + 1]);
        else toggle(cur.id, true);
        break;
      case 'ArrowLeft':
        if (open) toggle(cur.id, false);
        else go(places.find((p) => p.id === cur.parentId));
        break;
      case 'Enter':
        if (hasChildren.has(cur.id)) toggle(cur.id);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  return (
    <ul
      className="place-tree"
      role="tree"
      aria-label={t('places.treeLabel')}
      ref={ref}
      onKeyDown={onKey}
      data-testid="place-tree"
    >
      {shown.map((p) => {
        const parent = hasChildren.has(p.id);
        return (
          <li
            key={p.id}
            role="treeitem"
            aria-level={p.depth + 1}
            aria-selected={p.id === selectedId}
            aria-expanded={parent ? !collapsed[p.id] : undefined}
            tabIndex={p.id === selectedId || (!selectedId && p === shown[0]) ? 0 : -1}
            className={p.id === selectedId ? 'place-row selected' : 'place-row'}
            style={{ paddingLeft: 8 + p.depth * 16 }}
            onClick={() => select(p.id)}
            onDoubleClick={() => parent && toggle(p.id)}
            data-testid={`place-${p.code}`}
          >
            <span className="place-twisty" aria-hidden="true">
              {parent ? (collapsed[p.id] ? '▸' : '▾') : ''}
            </span>
            <span className="place-level">{p.level}</span> {p.name} <span className="place-code">{p.code}</span>
            {(p.boxesUnder > 0 || p.volumesUnder > 0) && (
              <span className="place-count">
                {p.boxesUnder > 0 && `${p.boxesUnder}${t('places.box')}`}
                {p.volumesUnder > 0 && ` ${p.volumesUnder}${t('places.volume')}`}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
