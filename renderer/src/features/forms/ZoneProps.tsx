import { useMemo, type Ref } from 'react';
import type { Box, EnumList, FieldKind } from '../../../../electron/contract';
import { Field } from '../../components/Field';
import { t } from '../../i18n/zh-CN';
import { useScheme } from '../../stores/scheme';
import { useTemplateEditor } from '../../stores/templateEditor';
import { ENUM_OPTIONS, KIND_OPTIONS, targetOptions } from './labels';
import type { Issues } from './validate';

const SIDES = ['x', 'y', 'w', 'h'] as const;

/** The selected zone: its key and Chinese name, how it is read, where its value goes, and its box in mm. */
export function ZoneProps({
  issues,
  readOnly,
  labelRef,
}: {
  issues: Issues;
  readOnly: boolean;
  labelRef: Ref<HTMLInputElement>;
}) {
  const zones = useTemplateEditor((s) => s.zones);
  const selected = useTemplateEditor((s) => s.selected);
  const patch = useTemplateEditor((s) => s.patchZone);
  const remove = useTemplateEditor((s) => s.removeZone);
  const categoryId = useTemplateEditor((s) => s.categoryId);
  const categories = useScheme((s) => s.categories);
  const zone = zones.find((z) => z.uid === selected) ?? null;
  const targets = useMemo(
    () =>
      targetOptions(
        categories.find((c) => c.id === categoryId) ?? null,
        zones.map((z) => z.target),
      ),
    [categories, categoryId, zones],
  );

  if (!zone)
    return (
      <section className="tpl-section">
        <h2 className="panel-heading">{t('forms.zone.title')}</h2>
        <div className="muted small">{t('forms.zone.selectHint')}</div>
      </section>
    );
  const e = issues.zones.get(zone.uid) ?? {};
  const setBox = (side: keyof Box, raw: string) => {
    const v = Number(raw);
    if (raw.trim() !== '' && Number.isFinite(v))
      patch(zone.uid, { box: { ...zone.box, [side]: Math.round(v * 10) / 10 } });
  };
  return (
    <section className="tpl-section tpl-props" aria-labelledby="tpl-props-title" data-testid="tpl-props">
      <h2 id="tpl-props-title" className="panel-heading">
        {t('forms.zone.title')}
        <span className="grow" />
        {!readOnly && (
          <button
            type="button"
            className="btn-small btn-danger-text"
            onClick={() => remove(zone.uid)}
            data-testid="tpl-zone-delete"
            title="Delete"
          >
            {t('forms.zone.delete')}
          </button>
        )}
      </h2>
      <Field id="tpl-zone-label" label={t('forms.zone.label')} required error={e.label}>
        <input
          id="tpl-zone-label"
          ref={labelRef}
          value={zone.label}
          maxLength={40}
          disabled={readOnly}
          onChange={(ev) => patch(zone.uid, { label: ev.target.value })}
        />
      </Field>
      <Field id="tpl-zone-key" label={t('forms.zone.key')} required error={e.key} hint={t('forms.zone.keyHint')}>
        <input
          id="tpl-zone-key"
          className="mono"
          value={zone.key}
          maxLength={41}
          spellCheck={false}
          disabled={readOnly}
          onChange={(ev) => patch(zone.uid, { key: ev.target.value })}
        />
      </Field>
      <Field id="tpl-zone-kind" label={t('forms.zone.kind')}>
        <select
          id="tpl-zone-kind"
          value={zone.kind}
          disabled={readOnly}
          onChange={(ev) => patch(zone.uid, { kind: ev.target.value as FieldKind })}
        >
          {KIND_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </Field>
      {zone.kind === 'enum' && (
        <Field id="tpl-zone-enum" label={t('forms.zone.enumOf')} required error={e.enumOf}>
          <select
            id="tpl-zone-enum"
            value={zone.enumOf}
            disabled={readOnly}
            onChange={(ev) => patch(zone.uid, { enumOf: ev.target.value as EnumList | '' })}
          >
            <option value="">{t('forms.zone.chooseEnum')}</option>
            {ENUM_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field id="tpl-zone-target" label={t('forms.zone.target')}>
        <select
          id="tpl-zone-target"
          value={zone.target}
          disabled={readOnly}
          onChange={(ev) => patch(zone.uid, { target: ev.target.value })}
        >
          <option value="">{t('forms.zone.targetNone')}</option>
          {targets.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </Field>
      <div className="field">
        <span />
        <div className="field-control">
          <label className="check-line">
            <input
              type="checkbox"
              checked={zone.required}
              disabled={readOnly}
              onChange={(ev) => patch(zone.uid, { required: ev.target.checked })}
              data-testid="tpl-zone-required"
            />
            {t('forms.zone.required')}
          </label>
        </div>
      </div>
      <fieldset className={`tpl-box${e.box ? ' has-error' : ''}`}>
        <legend>{t('forms.zone.box')}</legend>
        {SIDES.map((side) => (
          <label key={side}>
            {t(`forms.zone.${side}`)}
            <input
              type="number"
              step={0.1}
              min={side === 'x' || side === 'y' ? 0 : 0.1}
              value={zone.box[side]}
              disabled={readOnly}
              onChange={(ev) => setBox(side, ev.target.value)}
              data-testid={`tpl-zone-${side}`}
            />
          </label>
        ))}
        {e.box && (
          <div className="field-error" role="alert" data-testid="error-tpl-zone-box">
            {e.box}
          </div>
        )}
      </fieldset>
    </section>
  );
}
