import { useEffect, useMemo, useRef, useState } from 'react';
import {
  LABEL_SHEET_NAMES,
  LABEL_SHEETS,
  SHEET_CELLS,
  type LabelSettings,
  type LabelSheet,
  type LabelsResult,
  type PrintResult,
  type Symbology,
} from '../../../../electron/contract';
import { FormError } from '../../components/FormError';
import { Modal } from '../../components/Modal';
import { t } from '../../i18n/zh-CN';
import { errorMessage } from '../../lib/errors';
import { downloadBlob } from '../../lib/format';
import { toast } from '../../stores/toasts';
import { loadLabelSettings, printBoxDocument, printLabels, printLabelTest, saveLabelSettings } from './label-actions';
import { labelOptions } from './label-options';
import type { PrintTarget } from './options';
import { type PdfPreview, usePdfPreview } from './usePdfPreview';
import './print.css';

/** The footer's line: labels and pages, or the boxes of a 盒脊/盒底; nothing for a test page. */
function info(ready: Ready | null, test: boolean): string {
  if (!ready || test) return '';
  const r = ready.result;
  if (!('labels' in r)) return t('labels.documentInfo', { pages: r.pages, rows: r.rows });
  const count = t('labels.count', { labels: r.labels, pages: r.pages });
  return r.byId > 0 ? `${count} ${t('labels.byId', { n: r.byId })}` : count;
}

type Ready = PdfPreview<LabelsResult | PrintResult>;

/**
 * 条码标签: what to label, the stock (A4 3×8, 2×5 or a roll), Code 128 or QR and the first
 * free cell of a used sheet; the PDF previewed as in the 打印 dialog. The sheet's offsets are
 * this PC's setting: a test page shows where the printer really puts the cells.
 */
export function LabelsDialog({
  target,
  onClose,
  onBack,
}: {
  target: PrintTarget;
  onClose: () => void;
  /** Back to the 打印 dialog, when opened from it. */
  onBack?: () => void;
}) {
  const options = useMemo(() => labelOptions(target), [target]);
  const [key, setKey] = useState(options[0]!.key);
  const [sheet, setSheet] = useState<LabelSheet>('3x8');
  const [symbology, setSymbology] = useState<Symbology>('code128');
  const [start, setStart] = useState(1);
  const [settings, setSettings] = useState<LabelSettings | null>(null);
  const [test, setTest] = useState(0);
  const frame = useRef<HTMLIFrameElement>(null);
  const chosen = options.find((o) => o.key === key) ?? options[0]!;

  const request = useMemo(
    () => (): Promise<LabelsResult | PrintResult> =>
      test > 0
        ? printLabelTest({ sheet })
        : chosen.document
          ? printBoxDocument(chosen.document)
          : printLabels({ ...chosen.input, sheet, symbology, start: Math.min(start, SHEET_CELLS[sheet]) }),
    // test is a counter: each test print is a new request.
    [chosen, sheet, symbology, start, test],
  );
  const { ready, error, setError } = usePdfPreview(request);

  useEffect(() => {
    void loadLabelSettings().then(setSettings, (e: unknown) => setError(errorMessage(e)));
  }, [setError]);

  const offset = settings?.offsets[sheet] ?? { x: 0, y: 0 };
  const setOffset = (axis: 'x' | 'y', value: number) =>
    settings && setSettings({ ...settings, offsets: { ...settings.offsets, [sheet]: { ...offset, [axis]: value } } });
  const saveOffsets = async () => {
    if (!settings) return;
    try {
      setSettings(await saveLabelSettings(settings));
      toast.success(t('labels.offsetsSaved'));
      setTest((n) => n + 1);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const save = () => {
    if (!ready) return;
    downloadBlob(ready.blob, ready.result.fileName);
    toast.success(t('print.saved', { name: ready.result.fileName }));
  };
  const print = () => frame.current?.contentWindow?.print();
  const labelsMode = () => setTest(0);

  return (
    <Modal
      title={t('labels.title')}
      onClose={onClose}
      wide
      testId="labels-dialog"
      footer={
        <>
          <span className="grow muted small" data-testid="labels-info">
            {info(ready, test > 0)}
          </span>
          {onBack && (
            <button type="button" onClick={onBack}>
              {t('labels.back')}
            </button>
          )}
          <button type="button" onClick={save} disabled={!ready} data-testid="labels-save">
            {t('print.save')}
          </button>
          <button type="button" className="btn-primary" onClick={print} disabled={!ready} data-testid="labels-print">
            {t('print.print')}
          </button>
          <button type="button" onClick={onClose}>
            {t('print.close')}
          </button>
        </>
      }
    >
      <div className="print-body">
        <div className="print-kinds labels-form">
          <label>
            <span>{t('labels.what')}</span>
            <select
              value={chosen.key}
              onChange={(e) => (setKey(e.target.value), labelsMode())}
              data-autofocus
              data-testid="labels-what"
            >
              {options.map((o) => (
                <option key={o.key} value={o.key}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('labels.sheet')}</span>
            <select
              value={sheet}
              onChange={(e) => (setSheet(e.target.value as LabelSheet), setStart(1))}
              data-testid="labels-sheet"
            >
              {LABEL_SHEETS.map((s) => (
                <option key={s} value={s}>
                  {LABEL_SHEET_NAMES[s]}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('labels.code')}</span>
            <select
              value={symbology}
              onChange={(e) => (setSymbology(e.target.value as Symbology), labelsMode())}
              data-testid="labels-code"
            >
              <option value="code128">{t('labels.code128')}</option>
              <option value="qr">{t('labels.qr')}</option>
            </select>
          </label>
          <label>
            <span>{t('labels.start')}</span>
            <input
              type="number"
              min={1}
              max={SHEET_CELLS[sheet]}
              value={start}
              disabled={sheet === 'roll'}
              onChange={(e) => (setStart(Math.max(1, Number(e.target.value) || 1)), labelsMode())}
              data-testid="labels-start"
            />
          </label>
          <label>
            <span>{t('labels.offsetX')}</span>
            <input
              type="number"
              step={0.5}
              value={offset.x}
              onChange={(e) => setOffset('x', Number(e.target.value) || 0)}
              data-testid="labels-offset-x"
            />
          </label>
          <label>
            <span>{t('labels.offsetY')}</span>
            <input
              type="number"
              step={0.5}
              value={offset.y}
              onChange={(e) => setOffset('y', Number(e.target.value) || 0)}
              data-testid="labels-offset-y"
            />
          </label>
          <button
            type="button"
            onClick={() => void saveOffsets()}
            disabled={!settings}
            data-testid="labels-save-offsets"
          >
            {t('labels.saveOffsets')}
          </button>
          <button type="button" onClick={() => setTest((n) => n + 1)} data-testid="labels-test">
            {t('labels.test')}
          </button>
          <span className="muted small">{t('labels.testHint')}</span>
        </div>
        <div className="print-preview">
          <FormError message={error} />
          {!ready && !error && <div className="muted">{t('print.preparing')}</div>}
          {ready && (
            <iframe ref={frame} src={ready.url} title={t('print.preview')} tabIndex={-1} data-testid="labels-frame" />
          )}
        </div>
      </div>
    </Modal>
  );
}
