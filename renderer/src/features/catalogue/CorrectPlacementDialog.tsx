import { useState } from 'react';
import type { ItemView, Retention } from '../../../../electron/contract';
import { ApiError, errorMessage } from '../../lib/errors';
import { correctPlacement, previewPlacement } from './actions';
import { CategorySelect } from '../../components/CategorySelect';
import { Field } from '../../components/Field';
import { RetentionSelect } from '../../components/RetentionSelect';
import { t } from '../../i18n/zh-CN';
import { useScheme } from '../../stores/scheme';
import { toast } from '../../stores/toasts';
import { PlacementDialogFrame, usePlacementPreview, usePlacementReason } from './placementCorrection';
import { useVolumes } from './useFormSupport';
import { VolumeOptions } from './VolumeOptions';
import './records.css';

interface Target {
  categoryId: string;
  year: string;
  retention: Retention | '';
  orgCode: string;
  volumeId: string;
}

const validYear = (y: string) => /^\d{4}$/.test(y) && Number(y) >= 1900 && Number(y) <= 2100;

/**
 * 更正归档位置: pick the right 门类/年度/保管期限/机构 (or volume), see the 档号 the record
 * will get (asked of the core, with the same checks the correction makes), give a reason.
 */
export function CorrectPlacementDialog({
  item,
  onClose,
  onCorrected,
}: {
  item: ItemView;
  onClose: () => void;
  onCorrected: (item: ItemView) => void;
}) {
  const categories = useScheme((s) => s.categories);
  const [target, setTarget] = useState<Target>({
    categoryId: item.categoryId,
    year: String(item.year),
    retention: item.retention,
    orgCode: item.orgCode,
    volumeId: item.volumeId ?? '',
  });
  const reason = usePlacementReason('place-reason');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const category = categories.find((c) => c.id === target.categoryId);
  const byVolume = category?.arrangement === 'volume';
  const volumes = useVolumes(target.categoryId, validYear(target.year) ? Number(target.year) : null, byVolume);
  const input = {
    id: item.id,
    categoryId: target.categoryId,
    year: Number(target.year),
    ...(target.retention ? { retention: target.retention } : {}),
    orgCode: target.orgCode.trim(),
    volumeId: target.volumeId || null,
  };
  const ready = !!target.categoryId && validYear(target.year) && (!byVolume || !!target.volumeId);
  // The preview follows the chosen place; the core says why when there is no new 档号.
  const preview = usePlacementPreview(
    JSON.stringify({ input, byVolume }),
    ready ? () => previewPlacement(input) : null,
    byVolume ? t('rec.place.volumeHint') : null,
  );

  const patch = (p: Partial<Target>) => setTarget((cur) => ({ ...cur, ...p }));
  const setCategory = (id: string) => {
    const cat = categories.find((c) => c.id === id);
    patch({ categoryId: id, retention: cat?.defaultRetention ?? '', volumeId: '' });
  };

  const confirm = async () => {
    if (busy || !reason.check()) return;
    setBusy(true);
    setError(null);
    try {
      const fixed = await correctPlacement({
        ...input,
        expectedVersion: item.version,
        reason: reason.reason,
      });
      toast.success(t('rec.place.done', { from: item.archiveCode, to: fixed.archiveCode }));
      onCorrected(fixed);
    } catch (err) {
      setError(errorMessage(err));
      if (err instanceof ApiError && err.code === 'VALIDATION_FAILED' && /原因/.test(err.message)) {
        document.getElementById('place-reason')?.focus();
      }
      setBusy(false);
    }
  };

  return (
    <PlacementDialogFrame
      title={t('rec.place.title')}
      intro={t('rec.place.intro')}
      testId="correct-placement-dialog"
      current={item.archiveCode}
      preview={preview}
      previewTestId="place-preview"
      nextTestId="place-next"
      confirmTestId="place-confirm"
      errorTestId="place-error"
      error={error}
      busy={busy}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      <Field id="place-categoryId" label={t('item.category')} required>
        <CategorySelect id="place-categoryId" value={target.categoryId} onChange={setCategory} />
      </Field>
      <Field id="place-year" label={t('item.year')} required>
        <input
          id="place-year"
          data-autofocus
          value={target.year}
          maxLength={4}
          inputMode="numeric"
          onChange={(e) => patch({ year: e.target.value, volumeId: '' })}
        />
      </Field>
      <Field id="place-retention" label={t('item.retention')}>
        <RetentionSelect
          id="place-retention"
          value={target.retention}
          disabled={byVolume}
          onChange={(retention) => patch({ retention })}
        />
      </Field>
      <Field id="place-orgCode" label={t('item.orgCode')}>
        <input
          id="place-orgCode"
          value={target.orgCode}
          disabled={byVolume}
          onChange={(e) => patch({ orgCode: e.target.value })}
        />
      </Field>
      {byVolume && (
        <Field id="place-volumeId" label={t('item.volume')} required wide>
          <select
            id="place-volumeId"
            value={target.volumeId}
            onChange={(e) => {
              const v = volumes.find((x) => x.id === e.target.value);
              patch(v ? { volumeId: v.id, retention: v.retention, orgCode: v.orgCode } : { volumeId: '' });
            }}
          >
            <VolumeOptions volumes={volumes} />
          </select>
        </Field>
      )}
      {reason.field}
    </PlacementDialogFrame>
  );
}
