import { useState } from 'react';
import { importReceipt } from './actions';
import { FormError } from '../../components/FormError';
import { t } from '../../i18n/zh-CN';
import { usePermission } from '../../stores/session';
import { joinPath, useSync } from '../../stores/sync';
import { toast } from '../../stores/toasts';
import { useAction } from '../../lib/useAction';

/** Station: reads the bureau's signed receipt from the stick and marks each record. */
export function ReceiptPanel() {
  const status = useSync((s) => s.status);
  const stick = useSync((s) => s.stick);
  const refresh = useSync((s) => s.refresh);
  const allowed = usePermission('sync.export');
  const [file, setFile] = useState('');
  const { busy, error, run } = useAction();
  const [result, setResult] = useState<string | null>(null);
  if (status?.role !== 'station' || !status.stationId) return null;
  const bundleId = status.lastExport?.bundleId ?? null;
  const guess =
    stick.trim() && bundleId ? joinPath(stick.trim(), 'receipts', status.stationId, `${bundleId}.json`) : '';

  const submit = async () => {
    setResult(null);
    await run(async () => {
      const r = await importReceipt({ file: file.trim() || guess });
      const text =
        (r.status === 'already'
          ? t('sync.receipt.already')
          : r.status === 'foreign'
            ? t('sync.receipt.foreign')
            : t('sync.receipt.applied', {
                seq: r.seq,
                reported: r.counts.applied + r.counts.duplicate,
                conflict: r.counts.conflict,
                rejected: r.counts.rejected,
              })) + (r.rotated ? t('sync.receipt.rotated') : '');
      setResult(text);
      toast.success(text);
      await refresh();
    });
  };

  return (
    <section className="card-section" data-testid="sync-receipt" aria-labelledby="sync-receipt-title">
      <h2 id="sync-receipt-title" className="panel-heading">
        {t('sync.receipt.title')}
      </h2>
      <p className="small">{t('sync.receipt.hint')}</p>
      <form
        className="sync-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label htmlFor="sync-receipt-file">{t('sync.receipt.file')}</label>
        <input
          id="sync-receipt-file"
          className="mono"
          spellCheck={false}
          value={file}
          placeholder={guess || t('sync.dirHint')}
          onChange={(e) => setFile(e.target.value)}
          data-testid="sync-receipt-file"
        />
        {guess && !file && <div className="field-hint">{t('sync.receipt.fromStick')}</div>}
        <div className="panel-actions">
          <button
            type="submit"
            className="btn-primary"
            disabled={busy || !allowed || !(file.trim() || guess)}
            data-testid="sync-receipt-submit"
          >
            {busy ? t('sync.receipt.running') : t('sync.receipt.submit')}
          </button>
        </div>
      </form>
      {result && (
        <div className="small text-ok" role="status" data-testid="sync-receipt-result">
          {result}
        </div>
      )}
      <FormError message={error} testId="sync-receipt-error" />
    </section>
  );
}
