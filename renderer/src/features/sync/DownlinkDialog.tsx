import { useState } from 'react';
import type { DownlinkExportResult, StationSummary } from '../../../../electron/contract';
import { errorMessage } from '../../lib/errors';
import { exportDownlink } from './actions';
import { FormError } from '../../components/FormError';
import { Modal } from '../../components/Modal';
import { t } from '../../i18n/zh-CN';
import { useSync } from '../../stores/sync';
import { formatBytes } from '../../lib/format';

/**
 * Bureau: writes a downlink bundle for one station onto the stick (the county scheme, form
 * templates, the station's trust-list entries and the conflicts resolved for it).
 */
export function DownlinkDialog({ station, onClose }: { station: StationSummary; onClose: () => void }) {
  const stick = useSync((s) => s.stick);
  const setStick = useSync((s) => s.setStick);
  const unlocked = useSync((s) => !!s.keys?.unlocked);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<DownlinkExportResult | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      setDone(await exportDownlink({ stationId: station.stationId, outDir: stick }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const footer = done ? (
    <button type="button" className="btn-primary" onClick={onClose} data-autofocus data-testid="sync-downlink-close">
      {t('common.close')}
    </button>
  ) : (
    <>
      <button type="button" onClick={onClose}>
        {t('common.cancel')}
      </button>
      <button
        type="submit"
        form="sync-downlink-form"
        className="btn-primary"
        disabled={busy || !unlocked || !stick.trim()}
        data-testid="sync-downlink-submit"
      >
        {busy ? t('sync.downlink.running') : t('sync.downlink.submit')}
      </button>
    </>
  );

  return (
    <Modal
      title={t('sync.downlink.title', { id: station.stationId })}
      onClose={onClose}
      testId="sync-downlink-dialog"
      footer={footer}
    >
      {done ? (
        <div className="sync-safe" role="status" data-testid="sync-downlink-done">
          <strong className="sync-safe-title">{t('sync.export.safe')}</strong>
          <div>
            {t('sync.downlink.done', {
              seq: done.seq,
              categories: done.categories,
              templates: done.templates,
              trust: done.trustVersion,
              size: formatBytes(done.bytes),
            })}
          </div>
          <div className="mono small" data-testid="sync-downlink-dir">
            {done.dir}
          </div>
          <div className="small">{t('sync.downlink.doneHint')}</div>
        </div>
      ) : (
        <>
          <p className="confirm-message">{t('sync.downlink.message')}</p>
          <form
            id="sync-downlink-form"
            className="sync-form"
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <label htmlFor="sync-downlink-stick">{t('sync.export.dir')}</label>
            <input
              id="sync-downlink-stick"
              className="mono"
              spellCheck={false}
              autoFocus
              value={stick}
              placeholder={t('sync.dirHint')}
              onChange={(e) => setStick(e.target.value)}
              data-testid="sync-downlink-stick"
            />
          </form>
        </>
      )}
      <FormError message={error} testId="sync-downlink-error" />
    </Modal>
  );
}
