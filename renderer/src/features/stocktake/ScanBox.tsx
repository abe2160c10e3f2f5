import { useEffect, useRef, useState } from 'react';
import { t } from '../../i18n/zh-CN';
import { PhotoCapture } from './PhotoCapture';
import { useStocktake } from './store';

// Where typing belongs to something else: other fields, and dialogs (their buttons take Enter and Space).
const ELSEWHERE = 'input, textarea, select, [contenteditable="true"], [role="dialog"], [role="alertdialog"]';

/**
 * The one scan field. A USB scanner types a label fast and ends with Enter: each Enter hands
 * the text to the queue and empties the field at once, so the next burst starts clean. The
 * field takes the focus back whenever a key is typed outside another text field.
 */
export function ScanBox() {
  const scan = useStocktake((s) => s.scan);
  const field = useRef<HTMLInputElement>(null);
  const [manual, setManual] = useState(false);
  const lastKey = useRef(0);

  useEffect(() => {
    field.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target?.closest(ELSEWHERE) || e.ctrlKey || e.altKey || e.metaKey) return;
      // A printable key (a scanner's first character): the text goes on into the field.
      if (e.key.length === 1 && e.key !== ' ') field.current?.focus();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    // A person types slower than 30 ms a key; a scanner faster: the source is told by the pace.
    const now = performance.now();
    if (e.key.length === 1) {
      if (e.currentTarget.value === '') setManual(false);
      else if (now - lastKey.current > 30) setManual(true);
      lastKey.current = now;
    }
    // Some scanners end a label with Tab instead of Enter: taken as the end of a fast burst only.
    const end = e.key === 'Enter' || (e.key === 'Tab' && !manual && e.currentTarget.value !== '');
    if (!end) return;
    e.preventDefault();
    const code = e.currentTarget.value.trim();
    e.currentTarget.value = '';
    if (code) scan(code, manual ? 'manual' : 'wedge');
    setManual(false);
  };

  return (
    <div className="stk-scanbox">
      <label htmlFor="stk-scan">{t('stocktake.scanLabel')}</label>
      <input
        id="stk-scan"
        ref={field}
        className="stk-scan"
        autoComplete="off"
        spellCheck={false}
        placeholder={t('stocktake.scanPlaceholder')}
        onKeyDown={onKeyDown}
        data-testid="stocktake-scan"
      />
      <PhotoCapture onDone={() => field.current?.focus()} />
    </div>
  );
}
