import type { BundleImportResult } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';

/** What an import did: applied (with the per-record counts), a duplicate, or quarantined with the reason. */
export function ImportResult({ result }: { result: BundleImportResult }) {
  const c = result.counts;
  const tone = result.outcome === 'quarantined' ? 'sync-failed' : 'sync-safe';
  const title =
    result.outcome === 'applied'
      ? t('sync.import.applied')
      : result.outcome === 'duplicate'
        ? t('sync.import.duplicate')
        : t('sync.import.quarantined');
  return (
    <div className={tone} role="status" data-testid="sync-import-result" data-outcome={result.outcome}>
      <strong>{title}</strong>
      {result.stationId && (
        <div>
          {t('sync.import.station')} {result.stationId} · {t('sync.import.seq')} {result.seq ?? ''}
        </div>
      )}
      {c && (
        <div data-testid="sync-import-counts">
          {t('sync.import.result', {
            applied: c.applied,
            duplicate: c.duplicate,
            conflict: c.conflict,
            rejected: c.rejected,
          })}
        </div>
      )}
      {result.outcome === 'quarantined' && (
        <div className="text-error">
          [{result.code}] {result.message}
        </div>
      )}
      {result.receiptFile && (
        <div className="small mono" data-testid="sync-import-receipt">
          {t('sync.import.receipt', { file: result.receiptFile })}
        </div>
      )}
      {result.receiptError && (
        <div className="text-warn">{t('sync.import.receiptError', { error: result.receiptError })}</div>
      )}
    </div>
  );
}
