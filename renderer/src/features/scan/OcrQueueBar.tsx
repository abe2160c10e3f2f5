import { useState } from 'react';
import { errorMessage } from '../../lib/errors';
import { cancelBatchOcr } from './actions';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ProgressBar } from '../../components/ProgressBar';
import { t } from '../../i18n/zh-CN';
import { useIntake } from '../../stores/intake';
import { toast } from '../../stores/toasts';
import { formatDuration } from './labels';

/** The OCR queue at a glance: counts, speed, time left, and cancelling the batch in hand. */
export function OcrQueueBar() {
  const ocr = useIntake((s) => s.ocr);
  const ocrBatchId = useIntake((s) => s.ocrBatchId);
  const batches = useIntake((s) => s.batches);
  const refreshOcr = useIntake((s) => s.refreshOcr);
  const touchBatch = useIntake((s) => s.touchBatch);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const q = ocr ?? { queued: 0, running: 0, done: 0, failed: 0, workers: 0, pagesPerMinute: null, etaSeconds: null };
  const waiting = q.queued + q.running;
  // The batch being read: the one the runner last spoke of, else the newest with pages still waiting.
  const reported = batches.find((b) => b.id === ocrBatchId);
  const batchId =
    (reported && reported.ocrPending > 0 ? reported.id : null) ?? batches.find((b) => b.ocrPending > 0)?.id ?? null;
  const total = q.done + q.failed + waiting;

  const cancel = async () => {
    if (!batchId) return;
    setBusy(true);
    setError(null);
    try {
      const { cancelled } = await cancelBatchOcr({ batchId });
      toast.info(t('batch.cancelledOcr', { n: cancelled }));
      setConfirming(false);
      touchBatch(batchId);
      void refreshOcr();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div
        className={`ocr-queue${waiting > 0 ? ' active' : ''}`}
        data-testid="ocr-queue"
        role="region"
        aria-label={t('ocr.title')}
      >
        <strong className="ocr-queue-title">{t('ocr.title')}</strong>
        {waiting === 0 && <span className="muted">{t('ocr.idle')}</span>}
        <span className="ocr-count" data-testid="ocr-queued">
          {t('ocr.queued', { n: q.queued })}
        </span>
        <span className="ocr-count" data-testid="ocr-running">
          {t('ocr.running', { n: q.running })}
        </span>
        <span className="ocr-count ok" data-testid="ocr-done">
          {t('ocr.done', { n: q.done })}
        </span>
        <span className={`ocr-count${q.failed > 0 ? ' bad' : ''}`} data-testid="ocr-failed">
          {t('ocr.failed', { n: q.failed })}
        </span>
        <span className="muted">{t('ocr.workers', { n: q.workers })}</span>
        {q.pagesPerMinute !== null && (
          <span className="muted">{t('ocr.rate', { n: Math.round(q.pagesPerMinute * 10) / 10 })}</span>
        )}
        {waiting > 0 && q.etaSeconds !== null && (
          <span data-testid="ocr-eta">{t('ocr.eta', { t: formatDuration(q.etaSeconds) })}</span>
        )}
        {waiting > 0 && <ProgressBar done={q.done + q.failed} total={total} />}
        <span className="grow" />
        <button
          type="button"
          className="btn-small"
          disabled={!batchId || waiting === 0}
          onClick={() => setConfirming(true)}
          data-testid="ocr-cancel-batch"
        >
          {t('ocr.cancelBatch')}
        </button>
      </div>
      {confirming && (
        <ConfirmDialog
          title={t('ocr.cancelTitle')}
          message={t('ocr.cancelConfirm')}
          danger
          busy={busy}
          error={error}
          testId="ocr-cancel-dialog"
          onConfirm={() => void cancel()}
          onCancel={() => {
            setConfirming(false);
            setError(null);
          }}
        />
      )}
    </>
  );
}
