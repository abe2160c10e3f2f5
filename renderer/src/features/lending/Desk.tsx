import { useRef, useState } from 'react';
import type { LoanScanResult } from '../../../../electron/contract';
import { ScanField } from '../../components/ScanField';
import { t } from '../../i18n/zh-CN';
import * as api from './actions';
import { ShelveReturned } from './ShelveReturned';

/**
 * The desk's one scan field (components/ScanField): hand-out or return by the record's label.
 * The answer shows where the paper stands (库房/架/层/盒).
 */
export function Desk({ onChange }: { onChange: () => void }) {
  const field = useRef<HTMLInputElement>(null);
  const [mode, setMode] = useState<'out' | 'return'>('out');
  const [pages, setPages] = useState('');
  const [intact, setIntact] = useState(true);
  const [solved, setSolved] = useState(true);
  const [servedWhat, setServedWhat] = useState('');
  const [copyPages, setCopyPages] = useState('0');
  const [result, setResult] = useState<LoanScanResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const scan = async (code: string) => {
    setError(null);
    try {
      const r =
        mode === 'out'
          ? await api.handOut(code)
          : await api.returnLoan({
              code,
              pagesChecked: Number(pages || '0'),
              intact,
              solved,
              servedWhat,
              outcomeText: '',
              copyPages: Number(copyPages || '0'),
            });
      setResult(r);
      onChange();
    } catch (err) {
      setResult(null);
      setError(err instanceof Error ? err.message : String(err));
    }
    field.current?.focus();
  };

  return (
    <section className="lnd-desk" data-testid="lending-desk">
      <h2>{t('lending.desk')}</h2>
      <div className="lnd-modes" role="radiogroup">
        {(['out', 'return'] as const).map((m) => (
          <label key={m}>
            <input
              type="radio"
              name="lnd-mode"
              checked={mode === m}
              onChange={() => setMode(m)}
              data-testid={`lending-mode-${m}`}
            />
            {t(m === 'out' ? 'lending.modeOut' : 'lending.modeReturn')}
          </label>
        ))}
      </div>
      {mode === 'return' && (
        <div className="lnd-return">
          <label>
            {t('lending.pages')}
            <input
              value={pages}
              onChange={(e) => setPages(e.target.value)}
              inputMode="numeric"
              data-testid="lending-pages"
            />
          </label>
          <label>
            <input type="checkbox" checked={intact} onChange={(e) => setIntact(e.target.checked)} />
            {t('lending.intact')}
          </label>
          <label>
            <input
              type="checkbox"
              checked={solved}
              onChange={(e) => setSolved(e.target.checked)}
              data-testid="lending-solved"
            />
            {t('lending.solved')}
          </label>
          <label>
            {t('lending.servedWhat')}
            <input value={servedWhat} onChange={(e) => setServedWhat(e.target.value)} data-testid="lending-served" />
          </label>
          <label>
            {t('lending.copyPages')}
            <input value={copyPages} onChange={(e) => setCopyPages(e.target.value)} inputMode="numeric" />
          </label>
        </div>
      )}
      <ScanField
        id="lnd-scan"
        label={t('lending.scanLabel')}
        placeholder={t('lending.scanPlaceholder')}
        className="lnd-scan"
        testId="lending-scan"
        fieldRef={field}
        onScan={(code) => void scan(code)}
      />
      {error && (
        <div className="form-error" role="alert" data-testid="lending-desk-error">
          {error}
        </div>
      )}
      {result && (
        <div className="lnd-result" data-testid="lending-desk-result">
          <strong>{result.message}</strong>
          {result.place && (
            <div className="lnd-place" data-testid="lending-place">
              {result.place}
              {result.boxCode ? ` · 盒 ${result.boxCode}` : ''}
            </div>
          )}
          {!result.place && result.record.status === 'returned' && result.record.entity === 'volume' && (
            <ShelveReturned
              volumeId={result.record.entityId}
              onDone={(place) => setResult({ ...result, place, message: t('lending.shelved', { place }) })}
            />
          )}
        </div>
      )}
    </section>
  );
}
