import type { FingerprintView } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import { QrCode } from './QrCode';

interface Props {
  title: string;
  hint?: string;
  fp: FingerprintView;
  testId: string;
  /** Show the QR code (the station's own key, for the bureau operator's scanner). */
  qr?: boolean;
}

/** A key fingerprint as people compare it: eight words, the hex, and optionally a QR code. */
export function Fingerprint({ title, hint, fp, testId, qr }: Props) {
  return (
    <section className="card-section fp-card" data-testid={testId} aria-label={title}>
      <div className="fp-text">
        <h2 className="panel-heading">{title}</h2>
        <div className="fp-label">{t('sync.fp.words')}</div>
        <div className="fp-words" data-testid={`${testId}-words`}>
          {fp.words.split(' ').map((w, i) => (
            <span key={i} className="fp-word">
              <span className="fp-index">{i + 1}</span>
              {w}
            </span>
          ))}
        </div>
        <div className="fp-label">{t('sync.fp.hex')}</div>
        <div className="fp-hex mono" data-testid={`${testId}-hex`}>
          {/* Two lines of eight groups: easier to follow with a finger than one long wrapped line. */}
          <div>{fp.hex.split(' ').slice(0, 8).join(' ')}</div>
          <div>{fp.hex.split(' ').slice(8).join(' ')}</div>
        </div>
        {hint && <div className="field-hint">{hint}</div>}
      </div>
      {qr && <QrCode text={fp.fingerprint} label={`${t('sync.fp.qr')}：${fp.words}`} />}
    </section>
  );
}
