import { useState } from 'react';
import type { BundleImportResult, BundleInspectView } from '../../../../electron/contract';
import { errorMessage } from '../../lib/errors';
import { importBundle, inspectBundle } from './actions';
import { FormError } from '../../components/FormError';
import { t } from '../../i18n/zh-CN';
import { formatTime } from '../../lib/format';
import { usePermission } from '../../stores/session';
import { useSync } from '../../stores/sync';
import { Fingerprint } from './Fingerprint';
import { ImportResult } from './ImportResult';

/**
 * Bureau: a bundle folder is looked at first (station, sequence, who signed it); a station's
 * first key is accepted only after the operator compared its fingerprint with the station's
 * screen. Import then verifies, applies in one transaction and writes the receipt to the stick.
 */
export function ImportPanel() {
  const refresh = useSync((s) => s.refresh);
  const unlocked = useSync((s) => !!s.keys?.unlocked);
  const allowed = usePermission('sync.import');
  const [dir, setDir] = useState('');
  const [view, setView] = useState<BundleInspectView | null>(null);
  const [result, setResult] = useState<BundleImportResult | null>(null);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const check = async () => {
    setBusy('check');
    setError(null);
    setResult(null);
    setView(null);
    try {
      setView(await inspectBundle({ dir }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const run = async (acceptKey?: string) => {
    setBusy('import');
    setError(null);
    try {
      setResult(await importBundle(acceptKey ? { dir, acceptKey } : { dir }));
      setView(null);
      await refresh();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  if (!allowed) return <p className="small text-error">{t('sync.import.noPermission')}</p>;
  const unknown = view?.signerStatus === 'unknown' && view.signer;
  return (
    <section className="card-section" data-testid="sync-import" aria-labelledby="sync-import-title">
      <h2 id="sync-import-title" className="panel-heading">
        {t('sync.import.title')}
      </h2>
      <form
        className="sync-form"
        onSubmit={(e) => {
          e.preventDefault();
          void check();
        }}
      >
        <label htmlFor="sync-import-dir">{t('sync.import.dir')}</label>
        <input
          id="sync-import-dir"
          className="mono"
          spellCheck={false}
          value={dir}
          placeholder={t('sync.import.dirHint')}
          onChange={(e) => {
            setDir(e.target.value);
            setView(null);
          }}
          data-testid="sync-import-dir"
        />
        <div className="panel-actions">
          <button type="submit" disabled={!!busy || !dir.trim()} data-testid="sync-import-check">
            {busy === 'check' ? t('sync.import.checking') : t('sync.import.check')}
          </button>
          {view && !unknown && (
            <button
              type="button"
              className="btn-primary"
              disabled={!!busy || !unlocked}
              onClick={() => void run()}
              data-testid="sync-import-submit"
            >
              {busy === 'import' ? t('sync.import.running') : t('sync.import.submit')}
            </button>
          )}
        </div>
      </form>
      <FormError message={error} testId="sync-import-error" />
      {view && (
        <div className="sync-inspect" data-testid="sync-import-inspect">
          <dl className="sync-facts">
            <dt>{t('sync.import.station')}</dt>
            <dd>
              {view.stationId} {view.stationName}
            </dd>
            <dt>{t('sync.import.seq')}</dt>
            <dd>{view.seq ?? ''}</dd>
            <dt>{t('sync.import.counts')}</dt>
            <dd>
              {view.records ?? '?'} / {view.files ?? '?'}
            </dd>
            <dt>{t('sync.import.exported')}</dt>
            <dd>
              {formatTime(view.exportedAt)} {view.exportedBy}
            </dd>
            <dt>{t('sync.import.signer')}</dt>
            <dd data-testid="sync-import-signer">
              {view.signerStatus === 'trusted'
                ? `${t('sync.import.signerTrusted')}（${view.signer?.words ?? ''}）`
                : (view.signerMessage ?? '')}
            </dd>
          </dl>
          {view.problem && (
            <p className="text-error" role="alert">
              {t('sync.import.problem')}
              {view.problem.message}
            </p>
          )}
          {unknown && view.signer && (
            <div className="sync-accept" data-testid="sync-import-accept-box">
              <p className="text-warn">{t('sync.import.signerUnknown')}</p>
              <Fingerprint title={t('sync.import.signer')} fp={view.signer} testId="sync-import-fp" />
              <div className="panel-actions">
                <button
                  type="button"
                  className="btn-primary"
                  disabled={!!busy || !unlocked}
                  onClick={() => void run(view.signer!.fingerprint)}
                  data-testid="sync-import-accept"
                >
                  {busy === 'import' ? t('sync.import.running') : t('sync.import.accept')}
                </button>
              </div>
            </div>
          )}
        </div>
      )}
      {result && <ImportResult result={result} />}
    </section>
  );
}
