import { useEffect, useRef, useState } from 'react';
import {
  type ImportPreview,
  type ImportResult,
  type JobProgressEvent,
  type MethodInput,
  type Retention,
} from '../../../../electron/contract';
import { errorMessage } from '../../lib/errors';
import { commitImport, onJobProgress, previewImport } from './actions';
import { CategorySelect } from '../../components/CategorySelect';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { ProgressBar } from '../../components/ProgressBar';
import { RetentionSelect } from '../../components/RetentionSelect';
import { t } from '../../i18n/zh-CN';
import { readFileBase64 } from '../../lib/format';
import { useCatalogue } from '../../stores/catalogue';
import { useScheme } from '../../stores/scheme';
import { toast } from '../../stores/toasts';
import { ImportFilePicker, type FilePickerHandle } from './ImportFilePicker';
import { ImportMapping } from './ImportMapping';
import { ImportResultBox } from './ImportResultBox';
import { ImportTemplateButton } from './ImportTemplateButton';
import { ImportWarnings } from './ImportWarnings';
import { ImportErrors, ImportSample } from './ImportTables';

type Source = MethodInput<'import.preview'>;

export function ImportPage() {
  const categories = useScheme((s) => s.categories);
  const loadScheme = useScheme((s) => s.load);
  const last = useCatalogue((s) => s.last);
  const refresh = useCatalogue((s) => s.refresh);
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [categoryId, setCategoryId] = useState('');
  const [year, setYear] = useState('');
  const [retention, setRetention] = useState<Retention | ''>('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<JobProgressEvent | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [validOnly, setValidOnly] = useState(false);
  const fileRef = useRef<FilePickerHandle>(null);

  useEffect(() => {
    void loadScheme().then((cats) => {
      if (cats.some((c) => c.id === last.categoryId)) setCategoryId(last.categoryId ?? '');
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const category = categories.find((c) => c.id === categoryId);

  const source = (over: Partial<Source> = {}): Source | null => {
    if (!file || !categoryId) return null;
    const defaults: Source['defaults'] = {};
    if (/^\d{4}$/.test(year)) defaults.year = Number(year);
    if (retention) defaults.retention = retention;
    return {
      fileName: file.name,
      base64: file.base64,
      categoryId,
      defaults,
      ...(preview ? { sheet: preview.sheet, mapping } : {}),
      ...over,
    };
  };

  const runPreview = async (src: Source | null) => {
    if (!src) {
      setError(t('import.chooseFile'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const p = await previewImport(src);
      setPreview(p);
      setMapping(p.mapping);
      if (p.errors.length === 0) setValidOnly(false);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const onFile = async (f: File | undefined) => {
    setPreview(null);
    setResult(null);
    setMapping({});
    setValidOnly(false);
    if (!f) {
      setFile(null);
      return;
    }
    setBusy(true);
    try {
      setFile({ name: f.name, base64: await readFileBase64(f) });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const commit = async () => {
    const src = source();
    if (!src || !preview || (preview.errors.length > 0 && !validOnly)) return;
    setBusy(true);
    setError(null);
    setProgress({ jobId: '', kind: 'import', phase: '', done: 0, total: preview.totalRows, message: '' });
    const off = onJobProgress((ev) => {
      if (ev.kind === 'import') setProgress(ev);
    });
    try {
      const res = await commitImport({ ...src, validOnly: preview.errors.length > 0 && validOnly });
      setResult(res);
      setPreview(null);
      toast.success(t('import.done', { n: res.imported }));
      refresh();
    } catch (err) {
      setError(errorMessage(err));
      toast.error(errorMessage(err));
    } finally {
      off();
      setBusy(false);
      setProgress(null);
    }
  };

  const reset = () => {
    setFile(null);
    setPreview(null);
    setResult(null);
    setMapping({});
    setValidOnly(false);
    fileRef.current?.clear();
  };

  const remap = (m: Record<string, string>) => {
    setMapping(m);
    void runPreview(source({ mapping: m }));
  };

  const hasErrors = !!preview && preview.errors.length > 0;
  const badRows = preview ? preview.totalRows - preview.validRows : 0;
  const canSkip = hasErrors && !!preview && preview.validRows > 0;
  const skipping = canSkip && validOnly;
  return (
    <div className="page" data-testid="import-page">
      <h1 className="page-title">{t('import.title')}</h1>
      <section className="card-section">
        <div className="form-grid">
          <Field id="import-file" label={t('import.file')} hint={t('import.fileHint')} wide>
            <ImportFilePicker
              ref={fileRef}
              id="import-file"
              fileName={file?.name ?? null}
              disabled={busy}
              onFile={(f) => void onFile(f)}
            />
          </Field>
          <Field id="import-category" label={t('import.category')} required>
            <CategorySelect
              id="import-category"
              value={categoryId}
              onChange={(id) => {
                setCategoryId(id);
                setPreview(null);
              }}
            />
          </Field>
          {preview && preview.sheets.length > 1 && (
            <Field id="import-sheet" label={t('import.sheet')}>
              <select
                id="import-sheet"
                value={preview.sheet}
                onChange={(e) => void runPreview(source({ sheet: e.target.value, mapping: undefined }))}
              >
                {preview.sheets.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <Field id="import-year" label={t('import.defaultYear')}>
            <input
              id="import-year"
              value={year}
              maxLength={4}
              inputMode="numeric"
              onChange={(e) => setYear(e.target.value)}
            />
          </Field>
          <Field id="import-retention" label={t('import.defaultRetention')}>
            <RetentionSelect
              id="import-retention"
              value={retention}
              emptyLabel={t('import.defaultFromCategory')}
              onChange={setRetention}
            />
          </Field>
        </div>
        <div className="form-actions left">
          <button
            type="button"
            className="btn-primary"
            disabled={busy || !file || !categoryId}
            onClick={() => void runPreview(source())}
            data-testid="import-preview"
          >
            {preview ? t('import.repreview') : t('import.preview')}
          </button>
          <ImportTemplateButton categoryId={categoryId} />
          {busy && !progress && <span className="muted">{t('common.loading')}</span>}
        </div>
      </section>
      <FormError message={error} testId="import-error" />
      {preview && (
        <>
          <div className={`summary-bar${hasErrors ? ' bad' : ' good'}`} data-testid="import-summary">
            {t('import.summary', { total: preview.totalRows, valid: preview.validRows, errors: preview.errors.length })}
            {preview.warnings.length > 0 && t('importx.summaryWarnings', { n: preview.warnings.length })}
          </div>
          <ImportMapping preview={preview} mapping={mapping} category={category} disabled={busy} onChange={remap} />
          <ImportWarnings
            preview={preview}
            category={category}
            disabled={busy}
            onMap={(header, field) => remap({ ...mapping, [header]: field })}
          />
          <ImportErrors preview={preview} />
          <ImportSample preview={preview} />
          <div className="form-actions left sticky-actions">
            {canSkip && (
              <label className="check-line">
                <input
                  type="checkbox"
                  checked={validOnly}
                  disabled={busy}
                  onChange={(e) => setValidOnly(e.target.checked)}
                  data-testid="import-valid-only"
                />
                {t('importx.validOnly', { bad: badRows })}
              </label>
            )}
            <button
              type="button"
              className="btn-primary"
              disabled={busy || (hasErrors && !skipping) || preview.validRows === 0}
              onClick={() => void commit()}
              data-testid="import-commit"
            >
              {skipping ? t('importx.commitValid', { n: preview.validRows }) : t('import.commit')}
            </button>
            {hasErrors && !skipping && <span className="text-error small">{t('import.blocked')}</span>}
            {progress && <ProgressBar done={progress.done} total={progress.total} label={t('import.running')} />}
          </div>
        </>
      )}
      {result && <ImportResultBox result={result} onAgain={reset} />}
    </div>
  );
}
