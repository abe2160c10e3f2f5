import { useState } from 'react';
import type { Retention, VolumeView } from '../../../../electron/contract';
import { errorMessage } from '../../lib/errors';
import { correctVolumePlacement, previewVolumePlacement } from './actions';
import { Field } from '../../components/Field';
import { RetentionSelect } from '../../components/RetentionSelect';
import { t } from '../../i18n/zh-CN';
import { useCatalogue } from '../../stores/catalogue';
import { toast } from '../../stores/toasts';
import { CodeHistory } from './CodeHistory';
import {
  CorrectPlacementBar,
  PlacementDialogFrame,
  usePlacementPreview,
  usePlacementReason,
} from './placementCorrection';
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
  return (
    <CorrectPlacementBar
      testId="correct-volume-placement"
      history={<CodeHistory id={volume.id} entity="volume" version={volume.version} />}
      dialog={(close) => (
        <VolumePlacementDialog
          volume={volume}
          onClose={close}
          onCorrected={(moved) => {
            close();
            useCatalogue
              .getState()
              .setScope(
                { categoryId: moved.categoryId, year: moved.year, retention: moved.retention, volumeId: moved.id },
                null,
              );
            onCorrected(moved);
          }}
        />
      )}
    />
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
  const reason = usePlacementReason('vplace-reason');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = { id: volume.id, year: Number(year), retention, orgCode: orgCode.trim() };
  const preview = usePlacementPreview(
    JSON.stringify(input),
    /^\d{4}$/.test(year) ? () => previewVolumePlacement(input) : null,
  );

  const confirm = async () => {
    if (busy || !reason.check()) return;
    setBusy(true);
    try {
      const res = await correctVolumePlacement({
        ...input,
        expectedVersion: volume.version,
        reason: reason.reason,
      });
      toast.success(t('rec.place.doneVolume', { from: res.from, to: res.volume.archiveCode, n: res.items }));
      onCorrected(res.volume);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <PlacementDialogFrame
      title={t('rec.place.titleVolume')}
      intro={t('rec.place.introVolume')}
      testId="correct-volume-placement-dialog"
      current={volume.archiveCode}
      preview={preview}
      nextTestId="vplace-next"
      confirmTestId="vplace-confirm"
      error={error}
      busy={busy}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
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
      {reason.field}
    </PlacementDialogFrame>
  );
}
