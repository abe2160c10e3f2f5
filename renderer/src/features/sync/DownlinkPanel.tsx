import { useState } from 'react';
import type { DownlinkImportResult } from '../../../../electron/contract';
import { importDownlink } from './actions';
import { FormError } from '../../components/FormError';
import { t } from '../../i18n/zh-CN';
import { usePermission } from '../../stores/session';
import { useSync } from '../../stores/sync';
import { toast } from '../../stores/toasts';
import { useAction } from '../../lib/useAction';

/**
 * Station: applies a bureau → station bundle from the stick (scheme, form templates, the
 * trust list and the conflicts the bureau resolved), after checking the pinned bureau key.
 */
export function DownlinkPanel() {
  const status = useSync((s) => s.status);
  const refresh = useSync((s) => s.refresh);
  const allowed = usePermission('sync.import');
  const [dir, setDir] = useState('');
  const { busy, error, run } = useAction();
  const [result, setResult] = useState<DownlinkImportResult | null>(null);
  if (status?.role !== 'station' || !status.stationId) return null;

  const submit = async () => {
    setResult(null);
    await run(async () => {
      const r = await importDownlink({ dir });
      setResult(r);
      toast.success(r.message);
      await refresh();
    });
  };

  return (
    <section className="card-section" data-testid="sync-downlink" aria-labelledby="sync-downlink-title">
      <h2 id="sync-downlink-title" className="panel-heading">
        {t('sync.downlinkIn.title')}
      </h2>
      <p className="small">{t('sync.downlinkIn.hint')}</p>
      <form
        className="sync-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label htmlFor="sync-downlink-dir">{t('sync.downlinkIn.dir')}</label>
        <input
          id="sync-downlink-dir"
          className="mono"
          spellCheck={false}
          value={dir}
          placeholder={t('sync.downlinkIn.dirHint', { id: status.stationId })}
          onChange={(e) => setDir(e.target.value)}
          data-testid="sync-downlink-dir"
        />
        <div className="panel-actions">
          <button
            type="submit"
            className="btn-primary"
            disabled={busy || !allowed || !dir.trim()}
            data-testid="sync-downlink-submit"
          >
            {busy ? t('sync.downlinkIn.running') : t('sync.downlinkIn.submit')}
          </button>
        </div>
      </form>
      {result && (
        <div className="small text-ok" role="status" data-testid="sync-downlink-result">
          {result.outcome === 'duplicate' ? t('sync.downlinkIn.duplicate') : t('sync.downlinkIn.applied')}
          {t('sync.downlinkIn.counts', {
            seq: result.seq,
            created: result.counts.created,
            updated: result.counts.updated,
            unchanged: result.counts.unchanged,
            skipped: result.counts.skipped,
            trust: result.trustVersion,
          })}
          {result.resolutions > 0 && t('sync.downlinkIn.resolutions', { n: result.resolutions })}
          {result.rotated && t('sync.downlinkIn.rotated')}
        </div>
      )}
      <FormError message={error} testId="sync-downlink-error" />
    </section>
  );
}
