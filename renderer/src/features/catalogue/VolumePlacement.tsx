import { useEffect, useState } from 'react';
import type { Retention, VolumeView } from '../../../../electron/contract';
import { call, errorMessage } from '../../api/client';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { Modal } from '../../components/Modal';
import { RetentionSelect } from '../../components/RetentionSelect';
import { t } from '../../i18n/zh-CN';
import { handleFormKeys } from '../../lib/formNav';
import { useCatalogue } from '../../stores/catalogue';
import { usePermission } from '../../stores/session';
import { toast } from '../../stores/toasts';
import { CodeHistory } from './CodeHistory';
import './records.css';

/**
 * 更正归档位置 of a 案卷 (F2 in the volume's form): another 年度/保管期限/机构 of its 门类.
 * The core re-codes the volume's items with it; the grid follows the volume to its new place.
 */
export function VolumePlacementBar({
  volume,
  onCorrected,
}: {
  volume: VolumeView;
  onCorrected: (volume: VolumeView) => void;
}) {
  const canWrite = usePermission('catalogue.write');
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!canWrite || open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F2' || e.ctrlKey || e.altKey || e.metaKey) return;
      e.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canWrite, open]);
  return (
    <>
      {canWrite && (
        <div className="place-bar">
          <button
            type="button"
            onClick={() => setOpen(true)}
            title={t('rec.place.openHint')}
            data-testid="correct-volume-placement"
            data-nav-skip
          >
            {t('rec.place.open')}
            <span className="muted small"> F2</span>
          </button>
        </div>
      )}
      <CodeHistory id={volume.id} entity="volume" version={volume.version} />
      {open && (
        <div onKeyDown={(e) => e.stopPropagation()}>
          <VolumePlacementDialog
            volume={volume}
            onClose={() => setOpen(false)}
            onCorrected={(moved) => {
              setOpen(false);
              useCatalogue
                .getState()
                .setScope(
                  { categoryId: moved.categoryId, year: moved.year, retention: moved.retention, volumeId: moved.id },
                  null,
                );
              onCorrected(moved);
            }}
          />
        </div>
      )}
    </>
  );
}

function VolumePlacementDialog({
  volume,
  onClose,
  onCorrected,
}: {
  volume: VolumeView;
  onClose: () => void;
  onCorrected: (volume: VolumeView) => void;
}) {
  const [year, setYear] = useState(String(volume.year));
  const [retention, setRetention] = useState<Retention>(volume.retention);
  const [orgCode, setOrgCode] = useState(volume.orgCode);
  const [reason, setReason] = useState('');
  const [preview, setPreview] = useState<{ to: string | null; note: string | null }>({ to: null, note: null });
  const [error, setError] = useState<string | null>(null);
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const input = { id: volume.id, year: Number(year), retention, orgCode: orgCode.trim() };
  const key = JSON.stringify(input);

  useEffect(() => {
    if (!/^\d{4}$/.test(year)) {
      setPreview({ to: null, note: null });
      return;
    }
    let alive = true;
    const timer = window.setTimeout(() => {
      call('volumes.placementPreview', input)
        .then((p) => alive && setPreview({ to: p.to, note: null }))
        .catch((err: unknown) => alive && setPreview({ to: null, note: errorMessage(err) }));
    }, 150);
    return () => {
      alive = false;
      window.clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const confirm = async () => {
    if (busy) return;
    if (!reason.trim()) {
      setReasonError(t('rec.place.reasonHint'));
      document.getElementById('vplace-reason')?.focus();
      return;
    }
    setReasonError(undefined);
    setBusy(true);
    try {
      const res = await call('volumes.correctPlacement', {
        ...input,
        expectedVersion: volume.version,
        reason: reason.trim(),
      });
      toast.success(t('rec.place.doneVolume', { from: res.from, to: res.volume.archiveCode, n: res.items }));
      onCorrected(res.volume);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Modal
      title={t('rec.place.titleVolume')}
      onClose={onClose}
      testId="correct-volume-placement-dialog"
      onKeyDown={(e) => handleFormKeys(e, { onSave: () => void confirm(), onClose })}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="btn-primary"
            disabled={busy || !preview.to}
            onClick={() => void confirm()}
            data-testid="vplace-confirm"
          >
            {t('rec.place.confirm')}
          </button>
        </>
      }
    >
      <p className="muted small">{t('rec.place.introVolume')}</p>
      <div className="place-preview" aria-live="polite">
        <span className="muted">{t('rec.place.current')}</span>
        <span className="mono">{volume.archiveCode}</span>
        <span className="muted">{t('rec.place.next')}</span>
        <span>
          <strong className="mono" data-testid="vplace-next">
            {preview.to ?? t('rec.place.nextPending')}
          </strong>
          {preview.note && <span className="muted small"> {preview.note}</span>}
        </span>
      </div>
      <div className="form-grid">
        <Field id="vplace-year" label={t('item.year')} required>
          <input
            id="vplace-year"
            data-autofocus
            value={year}
            maxLength={4}
            inputMode="numeric"
            onChange={(e) => setYear(e.target.value)}
          />
        </Field>
        <Field id="vplace-retention" label={t('item.retention')}>
          <RetentionSelect id="vplace-retention" value={retention} onChange={setRetention} />
        </Field>
        <Field id="vplace-orgCode" label={t('item.orgCode')}>
          <input id="vplace-orgCode" value={orgCode} onChange={(e) => setOrgCode(e.target.value)} />
        </Field>
        <Field
          id="vplace-reason"
          label={t('rec.place.reason')}
          required
          wide
          error={reasonError}
          hint={t('rec.place.reasonHint')}
        >
          <input id="vplace-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
        </Field>
      </div>
      <FormError message={error} />
    </Modal>
  );
}
