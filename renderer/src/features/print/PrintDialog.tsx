import { useMemo, useRef, useState } from 'react';
import { FormError } from '../../components/FormError';
import { Modal } from '../../components/Modal';
import { t } from '../../i18n/zh-CN';
import { downloadBlob } from '../../lib/format';
import { toast } from '../../stores/toasts';
import { printDocument } from './actions';
import { LabelsDialog } from './LabelsDialog';
import { NotesFields, useVolumeNotes } from './NotesFields';
import { printOptions, type PrintTarget } from './options';
import { SaveXlsxButton } from './SaveXlsxButton';
import { usePdfPreview } from './usePdfPreview';
import './print.css';

/**
 * 打印: pick a document (↑↓ in the list), see its PDF in the app (Chromium's viewer in an
 * iframe on a blob URL), then 保存 PDF or 打印 (Enter). The PDF comes from print.document.
 */
export function PrintDialog({ target, onClose }: { target: PrintTarget; onClose: () => void }) {
  const options = useMemo(() => printOptions(target), [target]);
  const [key, setKey] = useState(options[0]?.key ?? '');
  const frame = useRef<HTMLIFrameElement>(null);
  const chosen = options.find((o) => o.key === key) ?? options[0];
  const [labels, setLabels] = useState(false);

  const isNotes = chosen?.kind === 'notes';
  const { notes, setNotes, loaded } = useVolumeNotes(chosen?.input.volumeId, isNotes);
  const request = useMemo(() => {
    if (!chosen) return null;
    if (!isNotes) return () => printDocument(chosen.input);
    return loaded ? () => printDocument({ ...chosen.input, notes }) : null;
  }, [chosen, isNotes, notes, loaded]);
  const { ready, error } = usePdfPreview(request);

  const save = () => {
    if (!ready) return;
    downloadBlob(ready.blob, ready.result.fileName);
    toast.success(t('print.saved', { name: ready.result.fileName }));
  };
  const print = () => frame.current?.contentWindow?.print();

  const missing = ready?.result.missingChars ?? [];
  if (labels) return <LabelsDialog target={target} onClose={onClose} onBack={() => setLabels(false)} />;
  return (
    <Modal
      title={t('print.title')}
      onClose={onClose}
      wide
      testId="print-dialog"
      footer={
        <>
          <span className="grow muted small" data-testid="print-info">
            {ready ? t('print.pages', { pages: ready.result.pages, rows: ready.result.rows }) : ''}
          </span>
          <button type="button" onClick={save} disabled={!ready} data-testid="print-save">
            {t('print.save')}
          </button>
          <SaveXlsxButton input={chosen?.input} />
          <button type="button" className="btn-primary" onClick={print} disabled={!ready} data-testid="print-print">
            {t('print.print')}
          </button>
          <button type="button" onClick={onClose}>
            {t('print.close')}
          </button>
          {/* Last, so the keyboard path from the list to 保存 PDF stays one Tab. */}
          <button type="button" onClick={() => setLabels(true)} data-testid="print-labels">
            {t('labels.open')}
          </button>
        </>
      }
    >
      <div className="print-body">
        <label className="print-kinds">
          <span>{t('print.kind')}</span>
          <select
            size={Math.max(2, options.length)}
            value={chosen?.key ?? ''}
            onChange={(e) => setKey(e.target.value)}
            onKeyDown={(e) => {
              if (e.key !== 'Enter') return;
              e.preventDefault();
              print();
            }}
            data-autofocus
            data-testid="print-kind"
          >
            {options.map((o) => (
              <option key={o.key} value={o.key}>
                {o.label}
              </option>
            ))}
          </select>
          <span className="muted small" data-testid="print-scope">
            {chosen ? t('print.scope', { scope: chosen.scope }) : ''}
          </span>
        </label>
        {isNotes && loaded && <NotesFields notes={notes} onChange={setNotes} />}
        <div className="print-preview">
          {missing.length > 0 && (
            <div className="form-notice" role="alert" data-testid="print-missing">
              {t('print.missing', { chars: missing.join(''), n: missing.length })}
            </div>
          )}
          <FormError message={error} />
          {!ready && !error && <div className="muted">{t('print.preparing')}</div>}
          {ready && (
            <iframe ref={frame} src={ready.url} title={t('print.preview')} tabIndex={-1} data-testid="print-frame" />
          )}
        </div>
      </div>
    </Modal>
  );
}
