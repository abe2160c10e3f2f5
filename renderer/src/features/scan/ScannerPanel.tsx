import { useCallback, useEffect, useState } from 'react';
import { SCAN_MODES, SCAN_SOURCES, type ScannerView } from '../../../../electron/contract';
import { errorMessage } from '../../lib/errors';
import { cancelScan, listScanners, startScan } from './actions';
import { FormError } from '../../components/FormError';
import { t } from '../../i18n/zh-CN';
import { useIntake } from '../../stores/intake';
import { toast } from '../../stores/toasts';

type Mode = (typeof SCAN_MODES)[number];
type Source = (typeof SCAN_SOURCES)[number];
const RESOLUTIONS = [200, 300, 400, 600] as const;

/** Looking for scanners takes seconds (SANE probes USB and network): keep the answer for the session. */
let lastFound: ScannerView | null = null;

/** The SANE scanner: device, resolution, colour, paper source; start and cancel. */
export function ScannerPanel() {
  const target = useIntake((s) => s.target);
  const template = useIntake((s) => s.template);
  const scanning = useIntake((s) => s.scanning);
  const setScanning = useIntake((s) => s.setScanning);
  const refreshBatches = useIntake((s) => s.refreshBatches);
  const [found, setFound] = useState<ScannerView | null>(lastFound);
  const [finding, setFinding] = useState(false);
  const [device, setDevice] = useState(lastFound?.devices[0]?.name ?? '');
  const [resolution, setResolution] = useState(300);
  const [mode, setMode] = useState<Mode>('grey');
  const [source, setSource] = useState<Source>('flatbed');
  const [maxPages, setMaxPages] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const find = useCallback(async () => {
    setFinding(true);
    setError(null);
    try {
      const v = await listScanners();
      lastFound = v;
      setFound(v);
      setDevice((d) => (v.devices.some((x) => x.name === d) ? d : (v.devices[0]?.name ?? '')));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setFinding(false);
    }
  }, []);

  useEffect(() => {
    if (!lastFound) void find();
  }, [find]);

  const start = async () => {
    const max = maxPages.trim() ? Number(maxPages) : undefined;
    setBusy(true);
    setError(null);
    try {
      const { batchId } = await startScan({
        device,
        resolution,
        mode,
        source,
        ...(max !== undefined && Number.isInteger(max) && max > 0 ? { maxPages: max } : {}),
        itemId: target.itemId,
        volumeId: null,
        template,
      });
      setScanning({ batchId, pages: 0, message: t('scanner.started') });
      void refreshBatches();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const cancel = async () => {
    if (!scanning) return;
    setBusy(true);
    try {
      await cancelScan({ batchId: scanning.batchId });
      toast.info(t('scanner.cancelled'));
    } catch (err) {
      setError(errorMessage(err));
      // Not scanning any more (it ended on its own): forget it.
      setScanning(null);
    } finally {
      setBusy(false);
    }
  };

  const usable = !!found?.available && found.devices.length > 0;
  return (
    <section className="card-section intake-panel" aria-labelledby="scanner-title" data-testid="scanner-panel">
      <h2 id="scanner-title" className="panel-heading">
        {t('scanner.title')}
        <button
          type="button"
          className="btn-small"
          disabled={finding || !!scanning}
          onClick={() => void find()}
          data-testid="scanner-find"
        >
          {t('scanner.refind')}
        </button>
      </h2>
      {finding && <div className="muted small">{t('scanner.finding')}</div>}
      {!finding && found?.message && (
        <div className={`small ${found.available ? 'muted' : 'text-warn'}`} data-testid="scanner-message">
          {found.message}
        </div>
      )}
      <div className="panel-grid">
        <label htmlFor="scan-device">{t('scanner.device')}</label>
        <select
          id="scan-device"
          value={device}
          disabled={!usable || !!scanning}
          onChange={(e) => setDevice(e.target.value)}
          data-testid="scan-device"
        >
          {!usable && <option value="">—</option>}
          {found?.devices.map((d) => (
            <option key={d.name} value={d.name}>
              {[d.vendor, d.model].filter(Boolean).join(' ') || d.name}
            </option>
          ))}
        </select>
        <label htmlFor="scan-resolution">{t('scanner.resolution')}</label>
        <select
          id="scan-resolution"
          value={resolution}
          disabled={!!scanning}
          onChange={(e) => setResolution(Number(e.target.value))}
        >
          {RESOLUTIONS.map((r) => (
            <option key={r} value={r}>
              {t('scanner.dpi', { n: r })}
            </option>
          ))}
        </select>
        <label htmlFor="scan-mode">{t('scanner.mode')}</label>
        <select id="scan-mode" value={mode} disabled={!!scanning} onChange={(e) => setMode(e.target.value as Mode)}>
          {SCAN_MODES.map((m) => (
            <option key={m} value={m}>
              {t(`scanner.mode.${m}`)}
            </option>
          ))}
        </select>
        <label htmlFor="scan-source">{t('scanner.source')}</label>
        <select
          id="scan-source"
          value={source}
          disabled={!!scanning}
          onChange={(e) => setSource(e.target.value as Source)}
        >
          {SCAN_SOURCES.map((s) => (
            <option key={s} value={s}>
              {t(`scanner.source.${s}`)}
            </option>
          ))}
        </select>
        <label htmlFor="scan-max">{t('scanner.maxPages')}</label>
        <input
          id="scan-max"
          value={maxPages}
          inputMode="numeric"
          placeholder={t('scanner.maxPagesHint')}
          disabled={!!scanning}
          onChange={(e) => setMaxPages(e.target.value.replace(/\D/g, '').slice(0, 3))}
        />
      </div>
      <div className="panel-actions">
        {scanning ? (
          <>
            <button
              type="button"
              className="btn-danger"
              disabled={busy}
              onClick={() => void cancel()}
              data-testid="scan-cancel"
            >
              {t('scanner.cancel')}
            </button>
            <span className="small" role="status" data-testid="scan-running">
              {t('scanner.running', { n: scanning.pages })}
              {scanning.message ? ` · ${scanning.message}` : ''}
            </span>
          </>
        ) : (
          <button
            type="button"
            className="btn-primary"
            disabled={busy || !usable || !device}
            onClick={() => void start()}
            data-testid="scan-start"
          >
            {t('scanner.start')}
          </button>
        )}
      </div>
      <FormError message={error} testId="scan-error" />
    </section>
  );
}
