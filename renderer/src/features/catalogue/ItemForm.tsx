import { useEffect, useMemo, useRef, useState } from 'react';
import type { ItemView } from '../../../../electron/contract';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { createItem, getItem, updateItem } from './actions';
import { CategorySelect } from '../../components/CategorySelect';
import { DateInput } from '../../components/DateInput';
import { Field } from '../../components/Field';
import { FormModal } from '../../components/FormModal';
import { RetentionSelect } from '../../components/RetentionSelect';
import { SecuritySelect, useClearanceLevels } from '../../components/SecuritySelect';
import { useDiscardGuard } from '../../components/useDiscardGuard';
import { t } from '../../i18n/zh-CN';
import { yearOfDate } from '../../lib/format';
import { focusField } from '../../lib/formNav';
import { useFormErrors } from '../../lib/useFormErrors';
import { useCatalogue } from '../../stores/catalogue';
import { useScheme } from '../../stores/scheme';
import { toast } from '../../stores/toasts';
import { DeletedRecordView } from './DeletedRecordView';
import { ExtraFields } from './ExtraFields';
import {
  blankDraft,
  draftFromItem,
  fieldDomId,
  itemBody,
  localErrors,
  toFormRows,
  typedContent,
  validYear,
  type ItemDraft,
  type ItemPreset,
} from './itemDraft';
import { PersonsEditor } from './PersonsEditor';
import { PlacementBar, withPlacement } from './PlacementBar';
import { Whereabouts } from '../places/Whereabouts';
import { RecordPages } from './RecordPages';
import { useNextCode, useVolumes } from './useFormSupport';
import { VolumeOptions } from './VolumeOptions';

interface Props {
  itemId?: string | null;
  preset?: ItemPreset;
  onClose: () => void;
  onSaved?: (item: ItemView) => void;
  /** 打印… from the record (its 归档章, its volume's documents); absent without the right. */
  onPrint?: ((item: ItemView) => void) | undefined;
}

export function ItemForm({ itemId, preset, onClose, onSaved, onPrint }: Props) {
  const creating = !itemId;
  const categories = useScheme((s) => s.categories);
  const loadScheme = useScheme((s) => s.load);
  const last = useCatalogue((s) => s.last);
  const remember = useCatalogue((s) => s.remember);
  const [draft, setDraft] = useState<ItemDraft>(() => blankDraft());
  // What the form started from (or last saved): typing beyond it is work that closing would lose.
  const [baseline, setBaseline] = useState(() => typedContent(draft));
  // Once the clerk types 年度 by hand, the 日期 no longer sets it.
  const [yearTyped, setYearTyped] = useState(false);
  const [loaded, setLoaded] = useState<ItemView | null>(null);
  const { errors, setErrors, formError, setFormError, clearError, fail } = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [nonce, setNonce] = useState(0);
  const [lastSaved, setLastSaved] = useState<string | null>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const firstRef = useRef<HTMLInputElement>(null);
  const start = (d: ItemDraft) => {
    setDraft(d);
    setBaseline(typedContent(d));
  };

  // Initial state: an existing item, or a preset / remembered category & year.
  useEffect(() => {
    let alive = true;
    void (async () => {
      const cats = await loadScheme();
      if (itemId) {
        try {
          const item = await getItem({ id: itemId });
          if (!alive) return;
          setLoaded(item);
          start(draftFromItem(item, cats.find((c) => c.id === item.categoryId)?.effectiveFields));
          window.setTimeout(() => focusField(titleRef.current), 0);
        } catch (err) {
          if (alive) setFormError(errorMessage(err));
        }
        return;
      }
      const catId = preset?.categoryId ?? (cats.some((c) => c.id === last.categoryId) ? last.categoryId : null) ?? '';
      const cat = cats.find((c) => c.id === catId);
      if (!alive) return;
      start(
        blankDraft({
          categoryId: catId,
          // A starting point only: typing 日期 sets 年度 (see setDate).
          year: String(preset?.year ?? last.year ?? new Date().getFullYear()),
          retention: preset?.retention ?? cat?.defaultRetention ?? '',
          orgCode: preset?.orgCode ?? '',
          volumeId: preset?.volumeId ?? '',
        }),
      );
      window.setTimeout(() => focusField(catId ? titleRef.current : firstRef.current), 0);
    })();
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [itemId]);

  const category = categories.find((c) => c.id === draft.categoryId);
  const needsVolume = category?.arrangement === 'volume';
  const yearNum = validYear(draft.year) ? Number(draft.year) : null;
  const volumes = useVolumes(draft.categoryId, yearNum, needsVolume);
  // A preset volume (新建文件 while a volume is selected): show its 保管期限 and 机构代码.
  useEffect(() => {
    if (!creating || !draft.volumeId) return;
    const v = volumes.find((x) => x.id === draft.volumeId);
    if (v && (v.retention !== draft.retention || v.orgCode !== draft.orgCode)) {
      setDraft((d) => (d.volumeId === v.id ? { ...d, retention: v.retention, orgCode: v.orgCode } : d));
    }
    // Only when the volume list arrives; later edits of the fields are the user's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [volumes]);
  const next = useNextCode(
    { ...draft, year: yearNum },
    creating && !!category && (!needsVolume || !!draft.volumeId),
    nonce,
  );
  const fields = useMemo(() => category?.effectiveFields ?? [], [category]);

  // Editing: nothing is typed or saved before the item has arrived (it would overwrite what was typed).
  const waiting = !creating && !loaded;
  const patch = (p: Partial<ItemDraft>) => {
    if (waiting) return;
    setDraft((d) => ({ ...d, ...p }));
    for (const k of Object.keys(p)) if (k !== 'extra' && k !== 'persons') clearError(k);
  };
  const dirty = !waiting && typedContent(draft) !== baseline;
  const { requestClose, dialog } = useDiscardGuard(dirty, onClose);
  /** 日期 sets 年度 (unless 年度 was typed by hand, or a volume already fixes it). */
  const setDate = (date: string) => {
    const year = creating && !yearTyped && !draft.volumeId ? yearOfDate(date) : null;
    patch(year && year !== draft.year ? { date, year, volumeId: '' } : { date });
  };
  const setCategory = (id: string) => {
    const cat = categories.find((c) => c.id === id);
    patch({ categoryId: id, retention: cat?.defaultRetention ?? '', volumeId: '' });
  };
  const setVolume = (id: string) => {
    const v = volumes.find((x) => x.id === id);
    patch(v ? { volumeId: id, year: String(v.year), retention: v.retention, orgCode: v.orgCode } : { volumeId: '' });
  };

  const save = async () => {
    if (busy || waiting) return;
    const local = localErrors(draft, needsVolume, creating, fields);
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length) {
      focusError(local);
      return;
    }
    setBusy(true);
    const { body, personRow } = itemBody(draft, fields);
    try {
      let item: ItemView;
      if (creating) {
        item = await createItem({
          categoryId: draft.categoryId,
          year: Number(draft.year),
          ...(draft.retention ? { retention: draft.retention } : {}),
          orgCode: draft.orgCode.trim(),
          volumeId: draft.volumeId || null,
          ...body,
        });
        toast.success(t('item.created', { code: item.archiveCode }));
        remember(draft.categoryId, Number(draft.year));
        setLastSaved(item.archiveCode);
        start(
          blankDraft({
            categoryId: draft.categoryId,
            year: draft.year,
            retention: draft.retention,
            orgCode: draft.orgCode,
            volumeId: draft.volumeId,
          }),
        );
        setNonce((n) => n + 1);
        focusField(titleRef.current);
        onSaved?.(item);
      } else {
        item = await updateItem({ id: itemId, expectedVersion: loaded?.version ?? 1, ...body });
        toast.success(t('item.updated', { code: item.archiveCode }));
        onSaved?.(item);
        onClose();
      }
    } catch (err) {
      focusError(fail(err, toFormRows(fieldErrors(err), personRow)));
    } finally {
      setBusy(false);
    }
  };

  const levels = useClearanceLevels(draft.securityLevel);
  // A deleted record opens read-only (who, when, why; 撤销删除 for the administrator).
  if (loaded?.deletedAt) {
    const restored = (item: ItemView) => {
      setLoaded(item);
      setDraft(draftFromItem(item));
      onSaved?.(item);
      window.setTimeout(() => focusField(titleRef.current), 0);
    };
    return <DeletedRecordView item={loaded} onClose={onClose} onRestored={restored} />;
  }
  return (
    <FormModal
      side
      title={creating ? t('item.newTitle') : t('item.editTitle')}
      onClose={requestClose}
      overlay={dialog}
      testId="item-form"
      onSave={save}
      busy={busy}
      saveHint
      closeText={t('common.close')}
      saveText={busy ? t('common.saving') : t('item.saveAndNext')}
      saveTestId="item-save"
      error={formError}
      errorTestId="item-form-error"
    >
      <div className="code-preview" data-testid="archive-code-preview" aria-live="polite">
        <span className="muted">{creating ? t('item.nextCode') : t('item.archiveCode')}：</span>
        <strong className="mono">{creating ? (next.code ?? '—') : (loaded?.archiveCode ?? '')}</strong>
        {creating && next.error && <span className="field-error inline">{next.error}</span>}
        {lastSaved && <span className="muted small last-saved">上一条：{lastSaved}</span>}
        {loaded && onPrint && (
          <button type="button" className="btn-small" onClick={() => onPrint(loaded)} data-testid="item-print">
            {t('print.open')}
          </button>
        )}
      </div>
      {!creating && <div className="muted small">{t('item.fixedInEdit')}</div>}
      {loaded && (
        <PlacementBar
          item={loaded}
          onCorrected={(item) => {
            setLoaded(item);
            setDraft((d) => withPlacement(d, item));
            onSaved?.(item);
          }}
        />
      )}
      {loaded && <Whereabouts itemId={loaded.id} />}
      <div className="form-grid">
        <Field id="item-categoryId" label={t('item.category')} error={errors.categoryId} required>
          <CategorySelect
            id="item-categoryId"
            ref={firstRef}
            value={draft.categoryId}
            disabled={!creating}
            onChange={setCategory}
          />
        </Field>
        <Field id="item-year" label={t('item.year')} error={errors.year} required>
          <input
            id="item-year"
            value={draft.year}
            maxLength={4}
            inputMode="numeric"
            disabled={!creating}
            onChange={(e) => {
              setYearTyped(true);
              patch({ year: e.target.value, volumeId: '' });
            }}
          />
        </Field>
        <Field id="item-retention" label={t('item.retention')} error={errors.retention}>
          <RetentionSelect
            id="item-retention"
            value={draft.retention}
            disabled={!creating}
            onChange={(retention) => patch({ retention })}
          />
        </Field>
        <Field id="item-orgCode" label={t('item.orgCode')} error={errors.orgCode}>
          <input
            id="item-orgCode"
            value={draft.orgCode}
            disabled={!creating}
            onChange={(e) => patch({ orgCode: e.target.value })}
          />
        </Field>
        {needsVolume && (
          <Field
            id="item-volumeId"
            label={t('item.volume')}
            error={errors.volumeId}
            required
            wide
            hint={volumes.length === 0 ? t('item.noVolumes') : undefined}
          >
            <select
              id="item-volumeId"
              value={draft.volumeId}
              disabled={!creating}
              onChange={(e) => setVolume(e.target.value)}
            >
              <VolumeOptions volumes={volumes} />
            </select>
          </Field>
        )}
        <Field id="item-title" label={t('item.title')} error={errors.title} required wide>
          <input
            id="item-title"
            ref={titleRef}
            value={draft.title}
            onChange={(e) => patch({ title: e.target.value })}
          />
        </Field>
        <Field id="item-author" label={t('item.author')} error={errors.author}>
          <input id="item-author" value={draft.author} onChange={(e) => patch({ author: e.target.value })} />
        </Field>
        <Field id="item-docNumber" label={t('item.docNumber')} error={errors.docNumber}>
          <input id="item-docNumber" value={draft.docNumber} onChange={(e) => patch({ docNumber: e.target.value })} />
        </Field>
        <Field id="item-date" label={t('item.date')} error={errors.date}>
          <DateInput id="item-date" value={draft.date} onChange={setDate} />
        </Field>
        <Field id="item-pageCount" label={t('item.pageCount')} error={errors.pageCount}>
          <input
            id="item-pageCount"
            value={draft.pageCount}
            inputMode="numeric"
            onChange={(e) => patch({ pageCount: e.target.value })}
          />
        </Field>
        <Field id="item-securityLevel" label={t('item.securityLevel')} error={errors.securityLevel}>
          <SecuritySelect
            id="item-securityLevel"
            value={draft.securityLevel}
            levels={levels}
            onChange={(securityLevel) => patch({ securityLevel })}
          />
        </Field>
        <Field id="item-remarks" label={t('item.remarks')} error={errors.remarks} wide>
          <textarea
            id="item-remarks"
            rows={2}
            value={draft.remarks}
            onChange={(e) => patch({ remarks: e.target.value })}
          />
        </Field>
      </div>
      <ExtraFields
        fields={fields}
        values={draft.extra}
        errors={errors}
        onChange={(k, v) => {
          patch({ extra: { ...draft.extra, [k]: v } });
          clearError(`extra.${k}`);
        }}
      />
      <PersonsEditor
        persons={draft.persons}
        errors={errors}
        onChange={(persons) => patch({ persons })}
        onEdited={clearError}
        onRowsChanged={() => setErrors((e) => withoutPersons(e))}
      />
      {itemId && <RecordPages target={{ itemId }} />}
    </FormModal>
  );
}

/** Focuses (and so shows) the first field with an error, in the order the form lists them. */
function focusError(errors: Record<string, string>): void {
  const els = Object.keys(errors)
    .map((k) => document.getElementById(fieldDomId(k)))
    .filter((el): el is HTMLElement => !!el);
  els.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  els[0]?.focus();
}

/** Row errors are keyed by row number: once rows are added or removed they point at the wrong rows. */
const withoutPersons = (e: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith('persons.')));
