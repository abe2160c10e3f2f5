import { useState } from 'react';
import type { BatchView } from '../../../../electron/contract';
import { errorMessage } from '../../lib/errors';
import { cancelBatchOcr } from './actions';
import { FormError } from '../../components/FormError';
import { ProgressBar } from '../../components/ProgressBar';
import { t } from '../../i18n/zh-CN';
import { formatTime } from '../../lib/format';
import { useIntake } from '../../stores/intake';
import { usePermission } from '../../stores/session';
import { toast } from '../../stores/toasts';
import { BatchPages } from './BatchPages';
import { BatchRecordsDialog } from './BatchRecordsDialog';
import { batchStatusLabel, sourceLabel } from './labels';

const STATUS_TAG: Record<BatchView['status'], string> = {
  open: 'tag-busy',
  done: 'tag-ok',
  failed: 'tag-deleted',
  cancelled: 'tag-warn',
};

/** The latest intake batches, newest first; each opens onto its pages. */
export function BatchList() {
  const batches = useIntake((s) => s.batches);
  const error = useIntake((s) => s.batchesError);
  const refresh = useIntake((s) => s.refreshBatches);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());

  const toggle = (id: string) =>
    setOpen((cur) => {
      const next = new Set(cur);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <section className="batches" aria-labelledby="batches-title">
      <div className="batches-head">
        <h2 id="batches-title" className="panel-heading">
          {t('batch.title')}
        </h2>
        <button type="button" className="btn-small" onClick={() => void refresh()} data-testid="batches-refresh">
          {t('common.refresh')}
        </button>
      </div>
      <FormError message={error} testId="batches-error" />
      {batches.length === 0 && !error && <div className="muted pad">{t('batch.empty')}</div>}
      <ul className="batch-list">
        {batches.map((b) => (
          <BatchRow key={b.id} batch={b} open={open.has(b.id)} onToggle={() => toggle(b.id)} />
        ))}
      </ul>
    </section>
  );
}

function BatchRow({ batch: b, open, onToggle }: { batch: BatchView; open: boolean; onToggle: () => void }) {
  const touchBatch = useIntake((s) => s.touchBatch);
  const refreshOcr = useIntake((s) => s.refreshOcr);
  const refreshBatches = useIntake((s) => s.refreshBatches);
  const canWrite = usePermission('catalogue.write');
  const [busy, setBusy] = useState(false);
  const [making, setMaking] = useState(false);
  const read = b.ocrDone + b.ocrFailed;
  const toRead = read + b.ocrPending;
  const panelId = `batch-pages-${b.id}`;

  const cancelOcr = async () => {
    setBusy(true);
    try {
      const { cancelled } = await cancelBatchOcr({ batchId: b.id });
      toast.info(t('batch.cancelledOcr', { n: cancelled }));
      touchBatch(b.id);
      void refreshOcr();
    } catch (err) {
      toast.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className={`batch${open ? ' open' : ''}`} data-testid="batch-row" data-batch-id={b.id} data-status={b.status}>
      <div className="batch-summary">
        <button
          type="button"
          className="batch-toggle"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={onToggle}
          title={open ? t('batch.collapse') : t('batch.expand')}
          data-testid="batch-toggle"
        >
          <span className="batch-caret" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          <span className="batch-source">{sourceLabel(b.source)}</span>
          <span className="batch-time mono">{formatTime(b.createdAt)}</span>
        </button>
        <span className={`tag ${STATUS_TAG[b.status]}`}>{batchStatusLabel(b.status)}</span>
        <span className={`tag ${b.itemId || b.volumeId ? 'tag-ok' : 'tag-warn'}`}>
          {b.itemId || b.volumeId ? t('batch.attached') : t('batch.tray')}
        </span>
        <span className="batch-num" data-testid="batch-pages">
          {t('batch.pages', { n: b.pages })}
        </span>
        <span className="batch-num muted">{t('batch.blank', { n: b.blank })}</span>
        <span className={`batch-num${b.ocrFailed > 0 ? ' text-error' : ''}`} data-testid="batch-ocr">
          {t('batch.ocr', { done: b.ocrDone, failed: b.ocrFailed, pending: b.ocrPending })}
        </span>
        <span className="batch-bar">
          {toRead > 0 && <ProgressBar done={read} total={toRead} label={t('batch.ocrLabel')} />}
        </span>
        {b.ocrPending > 0 && (
          <button
            type="button"
            className="btn-small"
            disabled={busy}
            onClick={() => void cancelOcr()}
            data-testid="batch-cancel-ocr"
          >
            {t('batch.cancelOcr')}
          </button>
        )}
        {canWrite && b.ocrDone > 0 && (
          <button
            type="button"
            className="btn-small"
            onClick={() => setMaking(true)}
            title={t('batchRecords.openHint')}
            data-testid="batch-records-open"
          >
            {t('batchRecords.open')}
          </button>
        )}
      </div>
      {making && (
        <BatchRecordsDialog
          batchId={b.id}
          onClose={() => setMaking(false)}
          onDone={() => {
            setMaking(false);
            touchBatch(b.id);
            void refreshBatches();
          }}
        />
      )}
      {b.error && <div className="batch-error text-error small">{b.error}</div>}
      {open && (
        <div id={panelId}>
          <BatchPages batchId={b.id} />
        </div>
      )}
    </li>
  );
}
