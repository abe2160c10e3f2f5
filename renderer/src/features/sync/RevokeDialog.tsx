import { useState } from 'react';
import type { StationSummary } from '../../../../electron/contract';
import { revokeStation } from './actions';
import { FormError } from '../../components/FormError';
import { Modal } from '../../components/Modal';
import { t } from '../../i18n/zh-CN';
import { useSync } from '../../stores/sync';
import { toast } from '../../stores/toasts';
import { useAction } from '../../lib/useAction';

/** Bureau: revokes a station's current keys after bundle N, with a reason for the audit log. */
export function RevokeDialog({ station, onClose }: { station: StationSummary; onClose: () => void }) {
  const refresh = useSync((s) => s.refresh);
  const [afterSeq, setAfterSeq] = useState(String(station.lastSeq));
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  const seq = Number(afterSeq);
  const valid = /^\d+$/.test(afterSeq.trim()) && reason.trim().length > 0;

  const submit = async () => {
    if (!valid) return;
    await run(async () => {
      const r = await revokeStation({ stationId: station.stationId, afterSeq: seq, reason });
      toast.success(t('sync.revoke.done', { v: r.trustVersion }));
      await refresh();
      onClose();
    });
  };

  return (
    <Modal
      title={t('sync.revoke.title', { id: station.stationId })}
      onClose={onClose}
      testId="sync-revoke-dialog"
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            form="sync-revoke-form"
            className="btn-danger"
            disabled={busy || !valid}
            data-testid="confirm-ok"
          >
            {t('sync.revoke.confirm')}
          </button>
        </>
      }
    >
      <p className="confirm-message">{t('sync.revoke.message')}</p>
      <form
        id="sync-revoke-form"
        className="sync-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label htmlFor="sync-revoke-seq">{t('sync.revoke.afterSeq')}</label>
        <input
          id="sync-revoke-seq"
          inputMode="numeric"
          autoFocus
          value={afterSeq}
          onChange={(e) => setAfterSeq(e.target.value)}
          data-testid="sync-revoke-seq"
        />
        <label htmlFor="sync-revoke-reason">{t('sync.revoke.reason')}</label>
        <input
          id="sync-revoke-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="sync-revoke-reason"
        />
      </form>
      <FormError message={error} />
    </Modal>
  );
}
