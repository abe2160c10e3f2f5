/** 字段核对's action bar: accept the sure fields (Alt+Enter) or all of them (Ctrl+Enter), and the threshold. */
import { useEffect, useState, type RefObject } from 'react';
import { t } from '../../i18n/zh-CN';

interface Props {
  acceptRef: RefObject<HTMLButtonElement | null>;
  /** Nothing can be accepted now (read-only, loading, saving, or no fields). */
  disabled: boolean;
  accepting: boolean;
  canWrite: boolean;
  total: number;
  confirmed: number;
  /** How many fields the one keystroke would accept. */
  sure: number;
  threshold: number;
  onThreshold: (n: number) => void;
  onAcceptAll: () => void;
  onAcceptSure: () => void;
}

export function VerifyActions(p: Props) {
  // What is typed, so the box can be cleared on the way to another number.
  const [draft, setDraft] = useState(String(p.threshold));
  useEffect(() => setDraft(String(p.threshold)), [p.threshold]);
  return (
    <>
      <div className="verify-actions">
        <button
          type="button"
          className="btn-primary"
          disabled={p.disabled || p.sure === 0}
          onClick={p.onAcceptSure}
          title="Alt+Enter"
          data-testid="verify-accept-sure"
        >
          {t('verify.acceptSure', { n: p.threshold })}
          <kbd>Alt+Enter</kbd>
        </button>
        <button
          ref={p.acceptRef}
          type="button"
          className="btn-primary"
          disabled={p.disabled}
          onClick={p.onAcceptAll}
          title="Ctrl+Enter"
          data-testid="verify-accept"
        >
          {p.accepting ? t('common.saving') : t('verify.acceptAll')}
          <kbd>Ctrl+Enter</kbd>
        </button>
        {!p.canWrite && <span className="muted small">{t('verify.readOnly')}</span>}
        {p.total > 0 && (
          <span className="muted small" data-testid="verify-confirmed-count">
            {p.confirmed}/{p.total} {t('verify.confirmed')} · {t('verify.sureCount', { n: p.sure })}
          </span>
        )}
      </div>
      <div className="muted small verify-keys">
        <label className="verify-threshold">
          {t('verify.threshold')}
          <input
            type="number"
            min={1}
            max={100}
            step={1}
            className="mono"
            value={draft}
            onChange={(e) => {
              setDraft(e.target.value);
              const n = Number(e.target.value);
              if (e.target.value.trim() !== '' && Number.isFinite(n) && n >= 1 && n <= 100) p.onThreshold(n);
            }}
            onBlur={() => setDraft(String(p.threshold))}
            data-testid="verify-threshold"
          />
        </label>
        {t('verify.keys')}
      </div>
    </>
  );
}
