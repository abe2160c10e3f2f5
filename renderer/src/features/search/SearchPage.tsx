import { useEffect, useRef, useState } from 'react';
import { FormError } from '../../components/FormError';
import { usePermission } from '../../stores/session';
import { useScheme } from '../../stores/scheme';
import { ItemForm } from '../catalogue/ItemForm';
import { HitDetail } from './HitDetail';
import { IndexPanel } from './IndexPanel';
import { ChipBar } from './ChipBar';
import { FilterBar } from './FilterBar';
import { ResultsArea } from './ResultsArea';
import { SaveDialog } from './SaveDialog';
import { SearchBox } from './SearchBox';
import { SideLists } from './SideLists';
import { useSearch } from './store';
import './search.css';

/** 检索: one box, chips and filters under it, results with the recent and saved searches beside them. */
export function SearchPage() {
  const hits = useSearch((s) => s.hits);
  const openId = useSearch((s) => s.openId);
  const error = useSearch((s) => s.error);
  const focusNonce = useSearch((s) => s.focusNonce);
  const select = useSearch((s) => s.select);
  const open = useSearch((s) => s.open);
  const run = useSearch((s) => s.run);
  const loadLists = useSearch((s) => s.loadLists);
  const loadScheme = useScheme((s) => s.load);
  const canManage = usePermission('search.manage');
  const canEdit = usePermission('catalogue.write');
  const [saving, setSaving] = useState(false);
  const [editId, setEditId] = useState<string | null>(null);
  const boxRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    void loadScheme();
    void loadLists();
  }, [loadScheme, loadLists]);

  // On arrival and on every Ctrl+K / "/": the box, with its text selected for a new search.
  useEffect(() => {
    boxRef.current?.focus();
    boxRef.current?.select();
  }, [focusNonce]);

  const focusBox = () => window.setTimeout(() => boxRef.current?.focus(), 0);
  const focusList = () => window.setTimeout(() => listRef.current?.focus(), 0);
  const openAt = (index: number) => {
    const hit = hits[index];
    if (!hit) return;
    select(index);
    open(hit.id);
  };
  const openHit = hits.find((h) => h.id === openId) ?? null;
  const step = (delta: 1 | -1) => {
    const at = hits.findIndex((h) => h.id === openId);
    if (at >= 0 && hits[at + delta]) openAt(at + delta);
  };

  return (
    <div className="search-page" data-testid="search-page">
      <div className="search-head">
        <SearchBox ref={boxRef} onSave={() => setSaving(true)} onOpen={openAt} />
        <ChipBar onRemoved={focusBox} />
        <FilterBar />
        <FormError message={error} testId="search-error" />
      </div>
      <div className="search-body">
        <ResultsArea
          listRef={listRef}
          onOpen={openAt}
          onExitTop={() => {
            select(-1);
            focusBox();
          }}
        />
        <aside className="search-side">
          <SideLists onApplied={focusBox} />
          {canManage && <IndexPanel />}
        </aside>
      </div>
      {openHit && (
        <HitDetail
          hit={openHit}
          canEdit={canEdit}
          onStep={step}
          onClose={() => {
            open(null);
            focusList();
          }}
          onEdit={(id) => {
            open(null);
            setEditId(id);
          }}
        />
      )}
      {editId && (
        <ItemForm
          itemId={editId}
          onClose={() => {
            setEditId(null);
            focusList();
          }}
          onSaved={() => void run()}
        />
      )}
      {saving && (
        <SaveDialog
          onClose={() => {
            setSaving(false);
            focusBox();
          }}
        />
      )}
    </div>
  );
}
