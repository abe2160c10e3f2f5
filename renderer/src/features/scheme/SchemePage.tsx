import { useEffect, useMemo, useState } from 'react';
import { ARRANGEMENT_LABELS, type CategoryView } from '../../../../electron/contract';
import { errorMessage } from '../../lib/errors';
import { deleteCategory } from './actions';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { t } from '../../i18n/zh-CN';
import { retentionLabel } from '../../lib/format';
import { orderedCategories, useScheme } from '../../stores/scheme';
import { usePermission } from '../../stores/session';
import { toast } from '../../stores/toasts';
import { CategoryEditor } from './CategoryEditor';

type Editing = { kind: 'edit'; id: string } | { kind: 'new'; parentId: string | null } | null;

export function SchemePage() {
  const categories = useScheme((s) => s.categories);
  const load = useScheme((s) => s.load);
  const canEdit = usePermission('scheme.edit');
  const [editing, setEditing] = useState<Editing>(null);
  const [confirmDelete, setConfirmDelete] = useState<CategoryView | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  useEffect(() => {
    void load(true);
  }, [load]);

  const ordered = useMemo(() => orderedCategories(categories), [categories]);
  const byId = (id: string | null | undefined) => categories.find((c) => c.id === id) ?? null;
  const current = editing?.kind === 'edit' ? byId(editing.id) : null;
  const parent = editing?.kind === 'new' ? byId(editing.parentId) : byId(current?.parentId);
  const template = editing?.kind === 'new' ? (parent ?? ordered[0]?.cat ?? null) : null;

  const doDelete = async (c: CategoryView) => {
    try {
      await deleteCategory({ id: c.id });
      toast.success(t('scheme.deleted'));
      setConfirmDelete(null);
      setEditing(null);
      await load(true);
    } catch (err) {
      setDeleteError(errorMessage(err));
    }
  };

  return (
    <div className="split">
      <section className="split-side wide-side">
        <div className="toolbar">
          <span className="panel-title">{t('scheme.title')}</span>
          <span className="grow" />
          {canEdit && (
            <button
              type="button"
              onClick={() => setEditing({ kind: 'new', parentId: null })}
              data-testid="category-add-top"
            >
              {t('scheme.addTop')}
            </button>
          )}
        </div>
        <DataTable
          testId="scheme-table"
          scrollClassName="fill"
          className="table-select"
          columns={[
            t('scheme.fullCode'),
            t('scheme.name'),
            t('scheme.defaultRetention'),
            t('scheme.arrangement'),
            t('scheme.codeTemplate'),
          ]}
        >
          {ordered.map(({ cat, depth }) => (
            <tr key={cat.id} className={current?.id === cat.id ? 'selected' : ''} data-testid="category-row">
              <td className="mono nowrap" style={{ paddingLeft: 8 + depth * 16 }}>
                <button type="button" className="link-btn" onClick={() => setEditing({ kind: 'edit', id: cat.id })}>
                  {cat.fullCode}
                </button>
              </td>
              <td className="nowrap">{cat.name}</td>
              <td className="nowrap">{retentionLabel(cat.defaultRetention)}</td>
              <td className="nowrap">{ARRANGEMENT_LABELS[cat.arrangement]}</td>
              <td className="mono small nowrap ellipsis" title={cat.codeTemplate}>
                {cat.codeTemplate}
              </td>
            </tr>
          ))}
        </DataTable>
      </section>
      <section className="split-main">
        {editing ? (
          <CategoryEditor
            key={editing.kind === 'edit' ? `${editing.id}:${current?.version}` : `new:${editing.parentId}`}
            category={current}
            parent={parent}
            template={template}
            readOnly={!canEdit}
            onSaved={(c) => {
              void load(true).then(() => setEditing({ kind: 'edit', id: c.id }));
            }}
            onDelete={(c) => {
              setDeleteError(null);
              setConfirmDelete(c);
            }}
            onAddChild={(c) => setEditing({ kind: 'new', parentId: c.id })}
          />
        ) : (
          <p className="muted pad">{t('scheme.selectHint')}</p>
        )}
      </section>
      {confirmDelete && (
        <ConfirmDialog
          title={t('scheme.delete')}
          message={t('scheme.deleteConfirm', { name: confirmDelete.name })}
          confirmText={t('common.delete')}
          danger
          error={deleteError}
          onCancel={() => setConfirmDelete(null)}
          onConfirm={() => void doDelete(confirmDelete)}
        />
      )}
    </div>
  );
}
