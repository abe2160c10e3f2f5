import { useEffect, useMemo, useState } from 'react';
import type { Retention, SecurityLevel, VolumeView } from '../../../../electron/contract';
import { createVolume, updateVolume } from './actions';
import { CategorySelect } from '../../components/CategorySelect';
import { DateInput } from '../../components/DateInput';
import { useDiscardGuard } from '../../components/useDiscardGuard';
import { Field } from '../../components/Field';
import { FormModal } from '../../components/FormModal';
import { RetentionSelect } from '../../components/RetentionSelect';
import { SecuritySelect, useClearanceLevels } from '../../components/SecuritySelect';
import { t } from '../../i18n/zh-CN';
import { parseDate, formatDate, yearOfDate } from '../../lib/format';
import { useFormErrors } from '../../lib/useFormErrors';
import { useCatalogue } from '../../stores/catalogue';
import { orderedCategories, useScheme } from '../../stores/scheme';
import { toast } from '../../stores/toasts';
import { validYear } from './itemDraft';
import { RecordPages } from './RecordPages';
import { useNextVolumeCode } from './useFormSupport';
import { VolumePlacementBar } from './VolumePlacement';
import { Whereabouts } from '../places/Whereabouts';

interface Props {
  /** The volume to edit (loaded with volumes.get), or null to create one. */
  volume?: VolumeView | null;
  onClose: () => void;
  onCreated: (volume: VolumeView) => void;
  onUpdated?: (volume: VolumeView) => void;
}

/** 新建案卷 / 编辑案卷. In edit mode 门类, 年度, 保管期限 and 机构代码 are fixed (they make the 档号). */
export function VolumeForm({ volume = null, onClose, onCreated, onUpdated }: Props) {
  const creating = !volume;
  const categories = useScheme((s) => s.categories);
  const loadScheme = useScheme((s) => s.load);
  const last = useCatalogue((s) => s.last);
  const scope = useCatalogue((s) => s.scope);
  const remember = useCatalogue((s) => s.remember);
  const levels = useClearanceLevels(volume?.securityLevel);
  const volumeCats = useMemo(
    () => orderedCategories(categories).filter(({ cat }) => cat.arrangement === 'volume'),
    [categories],
  );
  const [categoryId, setCategoryId] = useState(volume?.categoryId ?? '');
  // A starting point only: typing 起始日期 sets 年度 (see changeStartDate).
  const [year, setYear] = useState(String(volume?.year ?? last.year ?? new Date().getFullYear()));
  const [yearTyped, setYearTyped] = useState(false);
  const [retention, setRetention] = useState<Retention | ''>(volume?.retention ?? '');
  const [orgCode, setOrgCode] = useState(volume?.orgCode ?? '');
  const [title, setTitle] = useState(volume?.title ?? '');
  const [startDate, setStartDate] = useState(formatDate(volume?.startDate));
  const [endDate, setEndDate] = useState(formatDate(volume?.endDate));
  const [securityLevel, setSecurityLevel] = useState<SecurityLevel>(volume?.securityLevel ?? 0);
  const [remarks, setRemarks] = useState(volume?.remarks ?? '');
  const { errors, setErrors, formError, setFormError, fail } = useFormErrors();
  const [busy, setBusy] = useState(false);
  const typed = JSON.stringify([title, startDate.trim(), endDate.trim(), securityLevel, remarks]);
  const [baseline] = useState(typed);
  const { requestClose, dialog } = useDiscardGuard(typed !== baseline && !busy, onClose);
  const changeStartDate = (v: string) => {
    setStartDate(v);
    const y = creating && !yearTyped ? yearOfDate(v) : null;
    if (y) setYear(y);
  };

  useEffect(() => {
    void loadScheme().then((cats) => {
      if (!creating) return;
      const volCats = cats.filter((c) => c.arrangement === 'volume');
      const pick =
        volCats.find((c) => c.id === scope.categoryId) ?? volCats.find((c) => c.id === last.categoryId) ?? volCats[0];
      if (pick) {
        setCategoryId(pick.id);
        setRetention(pick.id === scope.categoryId && scope.retention ? scope.retention : pick.defaultRetention);
      }
      if (scope.year) setYear(String(scope.year));
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const yearNum = validYear(year) ? Number(year) : null;
  const next = useNextVolumeCode({ categoryId, year: yearNum, retention, orgCode }, creating);

  const chooseCategory = (id: string) => {
    setCategoryId(id);
    const cat = categories.find((c) => c.id === id);
    if (cat) setRetention(cat.defaultRetention);
  };

  const save = async () => {
    if (busy) return;
    const local: Record<string, string> = {};
    if (creating && !categoryId) local.categoryId = t('item.chooseCategory');
    if (creating && yearNum === null) local.year = t('item.yearInvalid');
    if (parseDate(startDate) === null) local.startDate = t('entry.dateInvalid');
    if (parseDate(endDate) === null) local.endDate = t('entry.dateInvalid');
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length) {
      document.getElementById(`vol-${Object.keys(local)[0]}`)?.focus();
      return;
    }
    const body = {
      title,
      startDate: parseDate(startDate) ?? '',
      endDate: parseDate(endDate) ?? '',
      securityLevel,
      remarks,
    };
    setBusy(true);
    if (volume) {
      try {
        const v = await updateVolume({ id: volume.id, expectedVersion: volume.version, ...body });
        toast.success(t('vol.updated', { code: v.archiveCode }));
        onUpdated?.(v);
      } catch (err) {
        fail(err);
        setBusy(false);
      }
      return;
    }
    try {
      const v = await createVolume({
        categoryId,
        year: yearNum!,
        ...(retention ? { retention } : {}),
        orgCode: orgCode.trim(),
        ...body,
      });
      toast.success(t('vol.created', { code: v.archiveCode }));
      remember(categoryId, yearNum!);
      onCreated(v);
    } catch (err) {
      fail(err);
      setBusy(false);
    }
  };

  // In edit mode the category may not be 按卷 any more; still show it.
  const catOptions =
    volume && !volumeCats.some(({ cat }) => cat.id === volume.categoryId)
      ? [...volumeCats, ...orderedCategories(categories).filter(({ cat }) => cat.id === volume.categoryId)]
      : volumeCats;
  return (
    <FormModal
      side
      title={creating ? t('vol.newTitle') : t('vol.editTitle')}
      onClose={requestClose}
      overlay={dialog}
      testId="volume-form"
      onSave={save}
      busy={busy}
      saveHint
      closeText={t('common.close')}
      saveTestId="volume-save"
      error={formError}
      errorTestId="volume-form-error"
    >
      <div className="code-preview" data-testid="volume-code-preview" aria-live="polite">
        <span className="muted">{creating ? t('vol.nextCode') : t('vol.archiveCode')}：</span>
        <strong className="mono">{creating ? (next.code ?? '—') : volume.archiveCode}</strong>
        {creating && next.error && <span className="field-error inline">{next.error}</span>}
        {volume && (
          <span className="muted small last-saved" data-testid="volume-item-count">
            {t('vol.itemCount', { n: volume.itemCount })}
          </span>
        )}
      </div>
      {!creating && <div className="muted small">{t('vol.fixedInEdit')}</div>}
      {volume && <VolumePlacementBar volume={volume} onCorrected={(moved) => onUpdated?.(moved)} />}
      {volume && <Whereabouts volumeId={volume.id} />}
      {creating && volumeCats.length === 0 && <div className="form-notice">{t('vol.noCategories')}</div>}
      <div className="form-grid">
        <Field id="vol-categoryId" label={t('item.category')} error={errors.categoryId} required>
          <CategorySelect
            id="vol-categoryId"
            value={categoryId}
            options={catOptions}
            disabled={!creating}
            onChange={chooseCategory}
            autoFocus={creating}
          />
        </Field>
        <Field id="vol-year" label={t('item.year')} error={errors.year} required>
          <input
            id="vol-year"
            value={year}
            maxLength={4}
            inputMode="numeric"
            disabled={!creating}
            onChange={(e) => {
              setYearTyped(true);
              setYear(e.target.value);
            }}
          />
        </Field>
        <Field id="vol-retention" label={t('item.retention')} error={errors.retention}>
          <RetentionSelect id="vol-retention" value={retention} disabled={!creating} onChange={setRetention} />
        </Field>
        <Field id="vol-orgCode" label={t('item.orgCode')} error={errors.orgCode}>
          <input id="vol-orgCode" value={orgCode} disabled={!creating} onChange={(e) => setOrgCode(e.target.value)} />
        </Field>
        <Field id="vol-title" label={t('vol.title')} error={errors.title} required wide>
          <input id="vol-title" value={title} autoFocus={!creating} onChange={(e) => setTitle(e.target.value)} />
        </Field>
        <Field id="vol-startDate" label={t('vol.startDate')} error={errors.startDate}>
          <DateInput id="vol-startDate" value={startDate} onChange={changeStartDate} />
        </Field>
        <Field id="vol-endDate" label={t('vol.endDate')} error={errors.endDate}>
          <DateInput id="vol-endDate" value={endDate} onChange={setEndDate} />
        </Field>
        <Field id="vol-securityLevel" label={t('item.securityLevel')} error={errors.securityLevel}>
          <SecuritySelect id="vol-securityLevel" value={securityLevel} levels={levels} onChange={setSecurityLevel} />
        </Field>
        <Field id="vol-remarks" label={t('item.remarks')} error={errors.remarks} wide>
          <textarea id="vol-remarks" rows={2} value={remarks} onChange={(e) => setRemarks(e.target.value)} />
        </Field>
      </div>
      {volume && <RecordPages target={{ volumeId: volume.id }} />}
    </FormModal>
  );
}
