import { useEffect, useState } from 'react';
import {
  OCR_ENGINE_CHOICES,
  type OcrEngineChoice,
  type OcrEngineId,
  type OcrEngineView,
  type OcrSettingsView,
} from '../../../../electron/contract';
import { errorMessage } from '../../lib/errors';
import { checkOcrEngines, getOcrSettings, setOcrSettings } from './actions';
import { FormError } from '../../components/FormError';
import { t, type MessageKey } from '../../i18n/zh-CN';
import { useAction } from '../../lib/useAction';
import { toast } from '../../stores/toasts';

const ENGINE_NAME: Record<OcrEngineId, string> = { ppocr: 'PP-OCR', tesseract: 'tesseract.js' };
const stateText = (e: OcrEngineView) => t(`ocrset.state.${e.state}` as MessageKey);

/**
 * Which engine reads form pages and which reads plain text, and whether PP-OCR can run on
 * this PC. Where it cannot, a notice says so and why (the file at fault, or the platform).
 */
export function OcrEnginePanel({ canEdit }: { canEdit: boolean }) {
  const [view, setView] = useState<OcrSettingsView | null>(null);
  const [forms, setForms] = useState<OcrEngineChoice>('auto');
  const [text, setText] = useState<OcrEngineChoice>('auto');
  const { busy, error, setError, run } = useAction();
  const checking = useAction();

  const show = (v: OcrSettingsView) => {
    setView(v);
    setForms(v.formsEngine);
    setText(v.textEngine);
  };
  useEffect(() => {
    getOcrSettings().then(show, (e) => setError(errorMessage(e)));
  }, [setError]);

  const save = () =>
    run(async () => {
      show(await setOcrSettings({ formsEngine: forms, textEngine: text }));
      toast.success(t('ocrset.saved'));
    });
  const check = () =>
    checking.run(async () => {
      const v = await checkOcrEngines();
      setView(v);
      if (v.engines.find((e) => e.id === 'ppocr')?.state === 'ready') toast.success(t('ocrset.checkedOk'));
    });

  const pp = view?.engines.find((e) => e.id === 'ppocr');
  const choiceRow = (id: string, label: string, hint: string, value: OcrEngineChoice, set: typeof setForms) => (
    <div className="field-stack">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} disabled={!canEdit} onChange={(e) => set(e.target.value as OcrEngineChoice)}>
        {OCR_ENGINE_CHOICES.map((c) => (
          <option key={c} value={c}>
            {t(`ocrset.choice.${c}` as MessageKey)}
          </option>
        ))}
      </select>
      <div className="field-hint">{hint}</div>
    </div>
  );

  return (
    <section className="card-section settings-panel" aria-labelledby="ocrset-title" data-testid="ocr-settings">
      <h2 id="ocrset-title" className="panel-heading">
        {t('ocrset.title')}
      </h2>
      {pp && !pp.available && (
        <div className="form-notice" role="alert" data-testid="ocr-fallback-notice">
          {t('ocrset.fallback', { why: pp.message ?? '' })}
        </div>
      )}
      <p className="field-hint">{t('ocrset.hint')}</p>
      <form
        className="panel-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (canEdit) void save();
        }}
        // A select does not submit on Enter: Ctrl+Enter saves from anywhere in the form, as elsewhere.
        onKeyDown={(e) => {
          if (e.key === 'Enter' && e.ctrlKey && canEdit) {
            e.preventDefault();
            void save();
          }
        }}
      >
        {choiceRow('ocr-forms-engine', t('ocrset.forms'), t('ocrset.formsHint'), forms, setForms)}
        {view && (
          <div className="small" data-testid="ocr-effective-forms">
            {t('ocrset.effective', { name: ENGINE_NAME[view.effective.forms] })}
          </div>
        )}
        {choiceRow('ocr-text-engine', t('ocrset.text'), t('ocrset.textHint'), text, setText)}
        {view && (
          <div className="small" data-testid="ocr-effective-text">
            {t('ocrset.effective', { name: ENGINE_NAME[view.effective.text] })}
          </div>
        )}
        {canEdit ? (
          <div className="panel-actions">
            <button type="submit" className="btn-primary" disabled={busy || !view} data-testid="ocr-settings-save">
              {busy ? t('common.saving') : t('ocrset.save')}（Ctrl+Enter）
            </button>
            <button
              type="button"
              disabled={checking.busy}
              onClick={() => void check()}
              data-testid="ocr-settings-check"
            >
              {checking.busy ? t('ocrset.checking') : t('ocrset.check')}
            </button>
          </div>
        ) : (
          <div className="field-hint">{t('ocrset.readOnly')}</div>
        )}
      </form>
      <FormError message={error ?? checking.error} testId="ocr-settings-error" />
      {view && (
        <table className="table settings-engines" aria-label={t('ocrset.engines')}>
          <thead>
            <tr>
              <th>{t('ocrset.engine')}</th>
              <th>{t('ocrset.model')}</th>
              <th>{t('ocrset.state')}</th>
            </tr>
          </thead>
          <tbody>
            {view.engines.map((e) => (
              <tr key={e.id} data-testid="ocr-engine-row" data-engine={e.id} data-state={e.state}>
                <td>{ENGINE_NAME[e.id]}</td>
                <td className="small">{e.label}</td>
                <td className={e.available ? '' : 'text-error'}>
                  {stateText(e)}
                  {e.message && <div className="small">{e.message}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view && <div className="small muted">{t('ocrset.platform', { platform: view.platform })}</div>}
    </section>
  );
}
