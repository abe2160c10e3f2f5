import { useEffect, useState } from 'react';
import type { BundleExportResult } from '../../../../electron/contract';
import { errorMessage } from '../../lib/errors';
import { exportBundle } from './actions';
import { FormError } from '../../components/FormError';
import { t, type MessageKey } from '../../i18n/zh-CN';
import { usePermission } from '../../stores/session';
import { useSync } from '../../stores/sync';
import { formatBytes } from '../../lib/format';

/**
 * Station: one button writes everything pending to the stick, shows the progress the core
 * pushes, then says 可以安全拔出 only after the bundle was read back from the stick and checked.
 */
export function ExportPanel() {
  const status = useSync((s) => s.status);
  const unlocked = useSync((s) => !!s.keys?.unlocked);
  const stick = useSync((s) => s.stick);
  const setStick = useSync((s) => s.setStick);
  const progress = useSync((s) => s.progress);
  const listen = useSync((s) => s.listen);
  const clearProgress = useSync((s) => s.clearProgress);
  const refresh = useSync((s) => s.refresh);
  const allowed = usePermission('sync.export');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<BundleExportResult | null>(null);

  useEffect(() => listen(), [listen]);
  if (status?.role !== 'station') return null;

  const submit = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    clearProgress();
    try {
      setDone(await exportBundle({ outDir: stick }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
      clearProgress();
      void refresh();
    }
  };

  const phaseKey = progress ? (`sync.phase.${progress.phase}` as MessageKey) : null;
  return (
    <section className="card-section" data-testid="sync-export" aria-labelledby="sync-export-title">
      <h2 id="sync-export-title" className="panel-heading">
        {t('sync.export.title')}
      </h2>
      <p className="small" data-testid="sync-export-pending">
        {t('sync.export.pending', { records: status.pendingRecords, files: status.pendingFiles })}
      </p>
      <form
        className="sync-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label htmlFor="sync-stick">{t('sync.export.dir')}</label>
        <input
          id="sync-stick"
          className="mono"
          spellCheck={false}
          value={stick}
          placeholder={t('sync.dirHint')}
          onChange={(e) => setStick(e.target.value)}
          data-testid="sync-export-dir"
        />
        <div className="panel-actions">
          <button
            type="submit"
            className="btn-primary btn-large"
            disabled={busy || !allowed || !unlocked || !stick.trim()}
            data-testid="sync-export-submit"
          >
            {busy ? t('sync.export.running') : t('sync.export.submit')}
          </button>
          {!allowed && <span className="small text-error">{t('sync.export.noPermission')}</span>}
        </div>
      </form>
      {busy && progress && (
        <div className="sync-progress" role="status" data-testid="sync-export-progress">
          <span>{phaseKey && phaseKey in PHASES ? t(phaseKey) : progress.message}</span>
          <BytesBar done={progress.done} total={progress.total} />
        </div>
      )}
      {error && (
        <div className="sync-failed" data-testid="sync-export-error">
          <strong>{t('sync.export.failed')}</strong>
          <FormError message={error} />
        </div>
      )}
      {done && (
        <div className="sync-safe" role="status" data-testid="sync-export-safe">
          <strong className="sync-safe-title">{t('sync.export.safe')}</strong>
          <div>
            {t('sync.export.safeDetail', {
              seq: done.seq,
              records: done.records,
              files: done.files,
              size: formatBytes(done.bytes),
            })}
          </div>
          <div className="mono small">{done.dir}</div>
          {done.newEpoch && <div className="text-warn">{t('sync.export.newEpoch', { epoch: done.epoch })}</div>}
          {done.missingFiles.length > 0 && (
            <div className="text-warn">{t('sync.export.missing', { n: done.missingFiles.length })}</div>
          )}
        </div>
      )}
    </section>
  );
}

const PHASES: Record<string, true> = {
  'sync.phase.changes': true,
  'sync.phase.files': true,
  'sync.phase.sign': true,
  'sync.phase.verify': true,
  'sync.phase.done': true,
};

/** Bytes written against the size bound the core computed before writing (an upper bound). */
function BytesBar({ done, total }: { done: number; total: number }) {
  const pct = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <div className="progress">
      <div className="progress-track" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      <span className="progress-text">
        {formatBytes(Math.min(done, total))} / {formatBytes(total)}
      </span>
    </div>
  );
}
