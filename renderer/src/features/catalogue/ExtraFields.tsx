import type { FieldDef } from '../../../../electron/contract';
import { DateInput } from '../../components/DateInput';
import { Field } from '../../components/Field';
import { t } from '../../i18n/zh-CN';

interface Props {
  fields: FieldDef[];
  values: Record<string, string>;
  errors: Record<string, string>;
  onChange: (key: string, value: string) => void;
}

/** A category's extra fields (分类方案 data), rendered by type. */
export function ExtraFields({ fields, values, errors, onChange }: Props) {
  if (fields.length === 0) return null;
  return (
    <fieldset className="form-section">
      <legend>{t('item.extraFields')}</legend>
      <div className="form-grid">
        {fields.map((f) => {
          const id = `extra-${f.key}`;
          const value = values[f.key] ?? '';
          const set = (v: string) => onChange(f.key, v);
          let control;
          switch (f.type) {
            case 'textarea':
              control = <textarea id={id} rows={2} value={value} onChange={(e) => set(e.target.value)} />;
              break;
            case 'enum':
              control = (
                <select id={id} value={value} onChange={(e) => set(e.target.value)}>
                  <option value="">{t('common.none')}</option>
                  {(f.options ?? []).map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                  {value && !(f.options ?? []).includes(value) && <option value={value}>{value}</option>}
                </select>
              );
              break;
            case 'date':
              control = <DateInput id={id} value={value} onChange={set} />;
              break;
            case 'number':
              control = <input id={id} value={value} inputMode="numeric" onChange={(e) => set(e.target.value)} />;
              break;
            case 'idNumber':
              control = (
                <input id={id} value={value} maxLength={18} className="mono" onChange={(e) => set(e.target.value)} />
              );
              break;
            default:
              control = <input id={id} value={value} onChange={(e) => set(e.target.value)} />;
          }
          return (
            <Field
              key={f.key}
              id={id}
              label={f.label}
              required={f.required}
              error={errors[`extra.${f.key}`]}
              wide={f.type === 'textarea'}
            >
              {control}
            </Field>
          );
        })}
      </div>
    </fieldset>
  );
}
