import { useEffect, useRef, useState } from 'react';
import type { LoanScanResult } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import * as api from './actions';

// Where typing belongs to something else: other fields and dialogs.
const ELSEWHERE = 'input, textarea, select, [contenteditable="true"], [role="dialog"], [role="alertdialog"]';

/**
 * The desk's one scan field: hand-out or return by the record's label. A USB scanner types the
 * label and Enter; the field empties at once and takes the focus back whenever a key is typed
 * outside another field. The answer shows where the paper stands (库房/架/层/盒).
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

  useEffect(() => {
    field.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target?.closest(ELSEWHERE) || e.ctrlKey || e.altKey || e.metaKey) return;
      if (e.key.length === 1 && e.key !== ' ') field.current?.focus();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

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

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const code = e.currentTarget.value.trim();
    e.currentTarget.value = '';
    if (code) void scan(code);
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
      <label htmlFor="lnd-scan">{t('lending.scanLabel')}</label>
      <input
        id="lnd-scan"
        ref={field}
        className="lnd-scan"
        autoComplete="off"
        spellCheck={false}
        placeholder={t('lending.scanPlaceholder')}
        onKeyDown={onKeyDown}
        data-testid="lending-scan"
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
        </div>
      )}
    </section>
  );
}
