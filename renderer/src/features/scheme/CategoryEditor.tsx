import { useState } from 'react';
import {
  ARRANGEMENTS,
  ARRANGEMENT_LABELS,
  type Arrangement,
  type CategoryView,
  type Retention,
} from '../../../../electron/contract';
import { ApiError, fieldErrors } from '../../lib/errors';
import { saveCategory } from './actions';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { RetentionSelect } from '../../components/RetentionSelect';
import { t } from '../../i18n/zh-CN';
import { handleFormKeys } from '../../lib/formNav';
import { useFormErrors } from '../../lib/useFormErrors';
import { toast } from '../../stores/toasts';
import { FieldsEditor, fromRows, toRows, type FieldRow } from './FieldsEditor';
import { styleTemplates, TemplateHelp } from './TemplateHelp';

interface Props {
  /** The category being edited, or null for a new one. */
  category: CategoryView | null;
  parent: CategoryView | null;
  /** Templates to start a new category from (parent's or a sibling's). */
  template: CategoryView | null;
  readOnly: boolean;
  onSaved: (c: CategoryView) => void;
  onDelete: (c: CategoryView) => void;
  onAddChild: (c: CategoryView) => void;
}

export function CategoryEditor({ category, parent, template, readOnly, onSaved, onDelete, onAddChild }: Props) {
  const base = category ?? template;
  const [code, setCode] = useState(category?.code ?? '');
  const [name, setName] = useState(category?.name ?? '');
  const [defaultRetention, setRetention] = useState<Retention>(base?.defaultRetention ?? 'Y');
  const [arrangement, setArrangement] = useState<Arrangement>(base?.arrangement ?? 'item');
  const [codeTemplate, setCodeTemplate] = useState(base?.codeTemplate ?? '');
  const [volumeCodeTemplate, setVolumeCodeTemplate] = useState(base?.volumeCodeTemplate ?? '');
  const [sortOrder, setSortOrder] = useState(String(category?.sortOrder ?? 0));
  const [rows, setRows] = useState<FieldRow[]>(toRows(category?.fields ?? []));
  const { errors, setErrors, formError, clear, fail } = useFormErrors();
  const [busy, setBusy] = useState(false);

  const inherited = (category?.effectiveFields ?? parent?.effectiveFields ?? []).filter(
    (f) => !(category?.fields ?? []).some((own) => own.key === f.key),
  );

  const save = async () => {
    if (busy || readOnly) return;
    setBusy(true);
    clear();
    try {
      const saved = await saveCategory({
        ...(category ? { id: category.id, expectedVersion: category.version } : {}),
        parentId: category ? category.parentId : (parent?.id ?? null),
        code: code.trim().toUpperCase(),
        name,
        defaultRetention,
        arrangement,
        codeTemplate,
        volumeCodeTemplate,
        fields: fromRows(rows),
        sortOrder: Number(sortOrder) || 0,
      });
      toast.success(t('scheme.saved'));
      onSaved(saved);
    } catch (err) {
      fail(err, { ...fieldErrors(err), ...templateError(err, codeTemplate, volumeCodeTemplate) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="category-editor"
      data-testid="category-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        const target = e.target as HTMLElement;
        // Inside the fields table Enter should not jump to save; only Ctrl+S there.
        if (e.key === 'Enter' && target.closest('.fields-table')) return;
        handleFormKeys(e, { onSave: () => void save() });
      }}
    >
      <h2>{category ? `${category.fullCode} ${category.name}` : t('scheme.newTitle')}</h2>
      {readOnly && <div className="form-notice small">{t('scheme.readOnly')}</div>}
      <div className="form-grid">
        <Field id="cat-parent" label={t('scheme.parent')}>
          <input id="cat-parent" value={parent ? `${parent.fullCode} ${parent.name}` : t('scheme.topLevel')} disabled />
        </Field>
        <Field id="cat-code" label={t('scheme.code')} error={errors.code} required>
          <input
            id="cat-code"
            className="mono"
            value={code}
            disabled={readOnly}
            maxLength={6}
            autoFocus={!category}
            onChange={(e) => setCode(e.target.value.toUpperCase())}
          />
        </Field>
        <Field id="cat-name" label={t('scheme.name')} error={errors.name} required>
          <input id="cat-name" value={name} disabled={readOnly} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field id="cat-retention" label={t('scheme.defaultRetention')} error={errors.defaultRetention}>
          <RetentionSelect id="cat-retention" value={defaultRetention} disabled={readOnly} onChange={setRetention} />
        </Field>
        <Field id="cat-arrangement" label={t('scheme.arrangement')} error={errors.arrangement}>
          <select
            id="cat-arrangement"
            value={arrangement}
            disabled={readOnly}
            onChange={(e) => setArrangement(e.target.value as Arrangement)}
          >
            {ARRANGEMENTS.map((a) => (
              <option key={a} value={a}>
                {ARRANGEMENT_LABELS[a]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="cat-sortOrder" label={t('scheme.sortOrder')} error={errors.sortOrder}>
          <input
            id="cat-sortOrder"
            value={sortOrder}
            disabled={readOnly}
            inputMode="numeric"
            onChange={(e) => setSortOrder(e.target.value)}
          />
        </Field>
        <Field id="cat-codeTemplate" label={t('scheme.codeTemplate')} error={errors.codeTemplate} required wide>
          <input
            id="cat-codeTemplate"
            className="mono"
            value={codeTemplate}
            disabled={readOnly}
            onChange={(e) => setCodeTemplate(e.target.value)}
          />
        </Field>
        <Field
          id="cat-volumeCodeTemplate"
          label={t('scheme.volumeCodeTemplate')}
          error={errors.volumeCodeTemplate}
          required
          wide
        >
          <input
            id="cat-volumeCodeTemplate"
            className="mono"
            value={volumeCodeTemplate}
            disabled={readOnly}
            onChange={(e) => setVolumeCodeTemplate(e.target.value)}
          />
        </Field>
        <TemplateHelp
          readOnly={readOnly}
          onApply={(style) => {
            const tpl = styleTemplates(style, arrangement);
            setCodeTemplate(tpl.codeTemplate);
            setVolumeCodeTemplate(tpl.volumeCodeTemplate);
            setErrors((e) => {
              const { codeTemplate: _c, volumeCodeTemplate: _v, ...rest } = e;
              return rest;
            });
          }}
        />
      </div>
      <fieldset className="form-section">
        <legend>{t('scheme.fields')}</legend>
        {inherited.length > 0 && (
          <div className="muted small">
            {t('scheme.inherited')}：{inherited.map((f) => f.label).join('、')}
          </div>
        )}
        <FieldsEditor rows={rows} readOnly={readOnly} errors={errors} onChange={setRows} />
      </fieldset>
      <FormError message={formError} />
      {!readOnly && (
        <div className="form-actions left">
          <button type="submit" className="btn-primary" disabled={busy} data-testid="category-save">
            {t('common.save')}
          </button>
          {category && (
            <>
              <button type="button" onClick={() => onAddChild(category)} data-testid="category-add-child">
                {t('scheme.addChild')}
              </button>
              <button
                type="button"
                className="btn-danger"
                onClick={() => onDelete(category)}
                data-testid="category-delete"
              >
                {t('scheme.delete')}
              </button>
            </>
          )}
        </div>
      )}
    </form>
  );
}

/**
 * INVALID_ARCHIVE_TEMPLATE carries no field path; its message quotes the template
 * (档号模板“…”无效：…), which tells which of the two inputs it is about.
 */
function templateError(err: unknown, codeTemplate: string, volumeCodeTemplate: string): Record<string, string> {
  if (!(err instanceof ApiError) || err.code !== 'INVALID_ARCHIVE_TEMPLATE') return {};
  const quotes = (tpl: string) => err.message.includes(`“${tpl}”`);
  const key = !quotes(codeTemplate) && quotes(volumeCodeTemplate) ? 'volumeCodeTemplate' : 'codeTemplate';
  return { [key]: err.message };
}
