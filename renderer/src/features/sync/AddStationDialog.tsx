import { useState } from 'react';
import type { StationAddResult, StationSummary } from '../../../../electron/contract';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { addStation } from './actions';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { Modal } from '../../components/Modal';
import { t } from '../../i18n/zh-CN';
import { useSync } from '../../stores/sync';
import { Fingerprint } from './Fingerprint';

/** Bureau: registers a station (or writes its enrollment bundle again) onto a stick folder. */
export function AddStationDialog({ station, onClose }: { station?: StationSummary; onClose: () => void }) {
  const stick = useSync((s) => s.stick);
  const setStick = useSync((s) => s.setStick);
  const refresh = useSync((s) => s.refresh);
  const [stationId, setStationId] = useState(station?.stationId ?? '');
  const [name, setName] = useState(station?.name ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<StationAddResult | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      setDone(await addStation({ stationId, name, outDir: stick }));
      void refresh();
    } catch (err) {
      const fe = fieldErrors(err);
      setErrors(fe);
      if (Object.keys(fe).length === 0) setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const title = station ? t('sync.reissue.title') : t('sync.add.title');
  if (done) {
    return (
      <Modal
        title={title}
        onClose={onClose}
        testId="sync-add-dialog"
        wide
        footer={
          <button type="button" className="btn-primary" onClick={onClose} data-autofocus data-testid="sync-add-close">
            {t('common.close')}
          </button>
        }
      >
        <p className="text-ok" role="status" data-testid="sync-add-done">
          {t('sync.add.done', { dir: done.dir })}
        </p>
        <p className="small">{t('sync.add.doneHint')}</p>
        <Fingerprint title={t('sync.fp.bureauOwn')} fp={done.bureau} testId="sync-add-bureau-fp" />
      </Modal>
    );
  }
  return (
    <Modal
      title={title}
      onClose={onClose}
      testId="sync-add-dialog"
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            form="sync-add-form"
            className="btn-primary"
            disabled={busy}
            data-testid="sync-add-submit"
          >
            {busy ? t('sync.add.running') : t('sync.add.submit')}
          </button>
        </>
      }
    >
      <form
        id="sync-add-form"
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field id="sync-add-id" label={t('sync.add.id')} required hint={t('sync.add.idHint')} error={errors.stationId}>
          <input
            id="sync-add-id"
            className="mono"
            value={stationId}
            readOnly={!!station}
            autoFocus={!station}
            onChange={(e) => setStationId(e.target.value)}
            data-testid="sync-add-id"
          />
        </Field>
        <Field id="sync-add-name" label={t('sync.add.name')} required error={errors.name}>
          <input
            id="sync-add-name"
            value={name}
            readOnly={!!station}
            onChange={(e) => setName(e.target.value)}
            data-testid="sync-add-name"
          />
        </Field>
        <Field id="sync-add-dir" label={t('sync.add.dir')} required hint={t('sync.dirHint')} error={errors.outDir}>
          <input
            id="sync-add-dir"
            className="mono"
            spellCheck={false}
            value={stick}
            autoFocus={!!station}
            onChange={(e) => setStick(e.target.value)}
            data-testid="sync-add-dir"
          />
        </Field>
      </form>
      <FormError message={error} testId="sync-add-error" />
    </Modal>
  );
}
