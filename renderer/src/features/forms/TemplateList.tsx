import { useRef, useState } from 'react';
import type { TemplateSummary } from '../../../../electron/contract';
import { errorMessage } from '../../lib/errors';
import { deleteTemplate, getTemplate, importTemplate } from './actions';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { FormError } from '../../components/FormError';
import { t } from '../../i18n/zh-CN';
import { useFormTemplates } from '../../stores/formTemplates';
import { usePermission } from '../../stores/session';
import { useTemplateEditor, type EditorMode } from '../../stores/templateEditor';
import { toast } from '../../stores/toasts';
import { downloadTemplate, MAX_TEMPLATE_FILE } from './files';

/**
 * The station's templates: built-in ones (read-only, marked 内置) and its own. Export
 * writes a template to a .json file; import sends a file's text to the server, which
 * checks it with the same schema as a save and refuses it whole when anything is wrong.
 */
export function TemplateList({ onNew, onPropose }: { onNew: () => void; onPropose: () => void }) {
  const list = useFormTemplates((s) => s.list);
  const loaded = useFormTemplates((s) => s.loaded);
  const listError = useFormTemplates((s) => s.error);
  const load = useFormTemplates((s) => s.load);
  const openTemplate = useTemplateEditor((s) => s.openTemplate);
  const canManage = usePermission('forms.manage');
  const fileRef = useRef<HTMLInputElement>(null);
  const [importing, setImporting] = useState(false);
  const [importError, setImportError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<TemplateSummary | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const open = async (s: TemplateSummary, mode: EditorMode) => {
    setBusyId(s.id);
    try {
      const tpl = await getTemplate({ id: s.id });
      // A built-in template is never changed: editing one edits a copy.
      openTemplate(tpl, mode === 'edit' && s.builtIn ? 'copy' : mode, s.builtIn, list);
    } catch (err) {
      toast.error(errorMessage(err));
    } finally {
      setBusyId(null);
    }
  };

  const exportOne = async (s: TemplateSummary) => {
    try {
      const name = downloadTemplate(await getTemplate({ id: s.id }));
      toast.success(t('forms.exported', { file: name }));
    } catch (err) {
      toast.error(errorMessage(err));
    }
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    setImportError(null);
    if (file.size > MAX_TEMPLATE_FILE) {
      setImportError(t('forms.importTooBig'));
      return;
    }
    setImporting(true);
    try {
      let text: string;
      try {
        text = await file.text();
      } catch {
        setImportError(t('forms.importUnreadable'));
        return;
      }
      const saved = await importTemplate({ fileName: file.name, text });
      toast.success(t('forms.imported', { name: saved.name }));
      await load();
    } catch (err) {
      setImportError(errorMessage(err));
    } finally {
      setImporting(false);
      if (fileRef.current) fileRef.current.value = ''; // the same file may be picked again
    }
  };

  const doDelete = async (s: TemplateSummary) => {
    try {
      await deleteTemplate({ id: s.id });
      toast.success(t('forms.deleted', { name: s.name }));
      setDeleting(null);
      await load();
    } catch (err) {
      setDeleteError(errorMessage(err));
    }
  };

  return (
    <div className="page forms-page" data-testid="forms-list">
      <div className="toolbar">
        <h1 className="page-title">{t('forms.title')}</h1>
        <span className="grow" />
        {canManage && (
          <>
            <button type="button" className="btn-primary" onClick={onNew} data-testid="forms-new">
              {t('forms.new')}
            </button>
            <button type="button" onClick={onPropose} data-testid="forms-propose">
              {t('forms.propose')}
            </button>
            <button
              type="button"
              disabled={importing}
              onClick={() => fileRef.current?.click()}
              data-testid="forms-import"
            >
              {importing ? t('forms.importing') : t('forms.import')}
            </button>
            <input
              ref={fileRef}
              type="file"
              accept=".json,application/json"
              hidden
              data-testid="forms-import-file"
              onChange={(e) => void importFile(e.target.files?.[0])}
            />
          </>
        )}
      </div>
      <p className="muted small forms-hint">{canManage ? t('forms.hint') : t('forms.readOnly')}</p>
      <FormError message={importError} testId="forms-import-error" />
      <FormError message={listError} />
      {!loaded && <div className="muted pad">{t('forms.loading')}</div>}
      {loaded && list.length === 0 && !listError && <div className="muted pad">{t('forms.empty')}</div>}
      <DataTable
        testId="forms-table"
        scrollClassName="fill"
        columns={[
          t('forms.col.name'),
          t('forms.col.id'),
          t('forms.col.version'),
          t('forms.col.fields'),
          t('forms.col.source'),
          t('forms.col.actions'),
        ]}
      >
        {list.map((s) => (
          <tr key={s.id} data-testid="forms-row" data-id={s.id}>
            <td className="nowrap">{s.name}</td>
            <td className="mono small">{s.id}</td>
            <td className="mono">{s.version}</td>
            <td className="mono">{s.fields}</td>
            <td>
              {s.builtIn ? (
                <span className="tag tag-builtin" data-testid="forms-builtin">
                  {t('forms.builtIn')}
                </span>
              ) : (
                <span className="tag">{t('forms.custom')}</span>
              )}
            </td>
            <td className="actions nowrap">
              <button
                type="button"
                className="btn-small"
                disabled={busyId === s.id}
                onClick={() => void open(s, canManage ? 'edit' : 'view')}
                data-testid="forms-edit"
              >
                {canManage ? t('forms.edit') : t('forms.view')}
              </button>
              {canManage && (
                <button
                  type="button"
                  className="btn-small"
                  disabled={busyId === s.id}
                  onClick={() => void open(s, 'copy')}
                  data-testid="forms-copy"
                >
                  {t('forms.copy')}
                </button>
              )}
              <button type="button" className="btn-small" onClick={() => void exportOne(s)} data-testid="forms-export">
                {t('forms.export')}
              </button>
              {canManage && !s.builtIn && (
                <button
                  type="button"
                  className="btn-small btn-danger-text"
                  onClick={() => {
                    setDeleteError(null);
                    setDeleting(s);
                  }}
                  data-testid="forms-delete"
                >
                  {t('forms.delete')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      {deleting && (
        <ConfirmDialog
          title={t('forms.deleteTitle')}
          message={t('forms.deleteConfirm', { name: deleting.name })}
          confirmText={t('common.delete')}
          danger
          error={deleteError}
          onCancel={() => setDeleting(null)}
          onConfirm={() => void doDelete(deleting)}
        />
      )}
    </div>
  );
}
