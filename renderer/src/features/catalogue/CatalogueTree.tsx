import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { CatalogueScope, TreeNode } from '../../../../electron/contract';
import { errorMessage } from '../../lib/errors';
import { loadTree } from './actions';
import { FormError } from '../../components/FormError';
import { t } from '../../i18n/zh-CN';
import { formatCount } from '../../lib/format';
import { useCatalogue } from '../../stores/catalogue';

const ROOT = '';

/**
 * The lazily expanded 全宗 → 门类 → 年度 → 保管期限 → 机构 tree with counts.
 * For 按卷 categories the children of a 保管期限 node are its volumes (level 'volume').
 */
export function CatalogueTree() {
  const treeKey = useCatalogue((s) => s.treeKey);
  const setScope = useCatalogue((s) => s.setScope);
  const nonce = useCatalogue((s) => s.refreshNonce);
  const [children, setChildren] = useState<Record<string, TreeNode[]>>({});
  const [expanded, setExpanded] = useState<Record<string, CatalogueScope>>({});
  const [error, setError] = useState<string | null>(null);
  const boxRef = useRef<HTMLDivElement>(null);

  const load = useCallback(async (key: string, parent: CatalogueScope) => {
    try {
      const nodes = await loadTree({ parent });
      setChildren((c) => ({ ...c, [key]: nodes }));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);

  // Initial load and reload of everything open after a mutation (counts change).
  const expandedRef = useRef(expanded);
  expandedRef.current = expanded;
  useEffect(() => {
    void load(ROOT, {});
    for (const [key, scope] of Object.entries(expandedRef.current)) void load(key, scope);
  }, [nonce, load]);

  const toggle = (node: TreeNode, open?: boolean) => {
    const isOpen = node.key in expanded;
    const want = open ?? !isOpen;
    if (want === isOpen || !node.hasChildren) return;
    if (want) {
      setExpanded({ ...expanded, [node.key]: node.filter });
      if (!children[node.key]) void load(node.key, node.filter);
    } else {
      const next = { ...expanded };
      delete next[node.key];
      setExpanded(next);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const buttons = Array.from(boxRef.current?.querySelectorAll<HTMLButtonElement>('[data-tree-item]') ?? []);
    const idx = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (idx < 0) return;
    if (e.key === 'ArrowDown') buttons[idx + 1]?.focus();
    else if (e.key === 'ArrowUp') buttons[idx - 1]?.focus();
    else if (e.key === 'Home') buttons[0]?.focus();
    else if (e.key === 'End') buttons[buttons.length - 1]?.focus();
    else return;
    e.preventDefault();
  };

  const renderNodes = (key: string, depth: number): React.ReactNode => {
    const nodes = children[key];
    if (!nodes)
      return depth > 0 ? (
        <div className="tree-loading" style={{ paddingLeft: depth * 14 + 22 }}>
          {t('common.loading')}
        </div>
      ) : null;
    return nodes.map((n) => {
      const isOpen = n.key in expanded;
      const isVolume = n.level === 'volume';
      return (
        <div key={n.key} role="none">
          <div
            className={`tree-row${isVolume ? ' tree-row-volume' : ''}${treeKey === n.key ? ' selected' : ''}`}
            style={{ paddingLeft: depth * 14 + 4 }}
          >
            <span className={`tree-toggle${n.hasChildren ? '' : ' leaf'}`} aria-hidden="true" onClick={() => toggle(n)}>
              {n.hasChildren ? (isOpen ? '▾' : '▸') : ''}
            </span>
            <button
              type="button"
              className="tree-node"
              data-tree-item
              data-testid="tree-node"
              data-level={n.level}
              data-key={n.key}
              role="treeitem"
              aria-level={depth + 2}
              aria-expanded={n.hasChildren ? isOpen : undefined}
              aria-selected={treeKey === n.key}
              title={isVolume ? n.label : undefined}
              onClick={() => {
                setScope(n.filter, n.key, key || null);
                toggle(n, true);
              }}
              onKeyDown={(e) => {
                if (e.key === 'ArrowRight') {
                  e.preventDefault();
                  toggle(n, true);
                } else if (e.key === 'ArrowLeft') {
                  e.preventDefault();
                  toggle(n, false);
                }
              }}
            >
              {isVolume ? <VolumeLabel label={n.label} /> : <span className="tree-label">{n.label}</span>}
              <span className="tree-count">{formatCount(n.count)}</span>
            </button>
          </div>
          {isOpen && <div role="group">{renderNodes(n.key, depth + 1)}</div>}
        </div>
      );
    });
  };

  return (
    <div
      className="tree"
      ref={boxRef}
      role="tree"
      aria-label={t('cat.tree')}
      onKeyDown={onKeyDown}
      data-testid="catalogue-tree"
    >
      <div className={`tree-row${treeKey === null ? ' selected' : ''}`} style={{ paddingLeft: 4 }}>
        <span className="tree-toggle leaf" aria-hidden="true" />
        <button
          type="button"
          className="tree-node tree-root"
          data-tree-item
          data-testid="tree-root"
          role="treeitem"
          aria-level={1}
          aria-selected={treeKey === null}
          onClick={() => setScope({}, null)}
        >
          <span className="tree-label">{t('cat.treeAll')}</span>
        </button>
      </div>
      {renderNodes(ROOT, 1)}
      <FormError message={error} />
    </div>
  );
}

/** A volume node: a 卷 tag, then 档号 over 题名. The label's text stays "档号 题名". */
function VolumeLabel({ label }: { label: string }) {
  const cut = label.indexOf(' ');
  const code = cut < 0 ? label : label.slice(0, cut);
  const title = cut < 0 ? '' : label.slice(cut + 1);
  return (
    <>
      <span className="tag tree-volume-tag" aria-hidden="true" data-testid="tree-volume-tag">
        {t('cat.volumeTag')}
      </span>
      <span className="tree-label tree-label-volume">
        <span className="tree-volume-code mono">
          <bdi>{code}</bdi>
        </span>{' '}
        <span className="tree-volume-title">{title}</span>
      </span>
    </>
  );
}
