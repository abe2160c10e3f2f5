import { FIELD_TYPES, type FieldDef, type FieldType } from '../../../../electron/contract';
import { t, type MessageKey } from '../../i18n/zh-CN';

export interface FieldRow extends Omit<FieldDef, 'options'> {
  optionsText: string;
}

export const toRows = (fields: FieldDef[]): FieldRow[] =>
  fields.map((f) => ({
    key: f.key,
    label: f.label,
    type: f.type,
    required: !!f.required,
    optionsText: (f.options ?? []).join('，'),
  }));

export const fromRows = (rows: FieldRow[]): FieldDef[] =>
  rows.map((r) => {
    const def: FieldDef = { key: r.key.trim(), label: r.label.trim(), type: r.type, required: !!r.required };
    if (r.type === 'enum') {
      def.options = r.optionsText
        .split(/[,，、;；\n]/)
        .map((s) => s.trim())
        .filter(Boolean);
    }
    return def;
  });

interface Props {
  rows: FieldRow[];
  readOnly: boolean;
  errors: Record<string, string>;
  onChange: (rows: FieldRow[]) => void;
}

/** Add / remove / reorder a category's extra fields. */
export function FieldsEditor({ rows, readOnly, errors, onChange }: Props) {
  const set = (i: number, patch: Partial<FieldRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const move = (i: number, d: -1 | 1) => {
    const j = i + d;
    if (j < 0 || j >= rows.length) return;
    const next = rows.slice();
    [next[i], next[j]] = [next[j]!, next[i]!];
    onChange(next);
  };
  return (
    <div data-testid="fields-editor">
      <table className="table fields-table">
        <thead>
          <tr>
            <th>{t('scheme.fieldKey')}</th>
            <th>{t('scheme.fieldLabel')}</th>
            <th>{t('scheme.fieldType')}</th>
            <th>{t('scheme.fieldRequired')}</th>
            <th>{t('scheme.fieldOptions')}</th>
            {!readOnly && <th />}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => {
            const err =
              errors[`fields.${i}.key`] ??
              errors[`fields.${i}.label`] ??
              errors[`fields.${i}.options`] ??
              errors[`fields.${i}.type`];
            return (
              <tr key={i} data-testid="field-row">
                <td>
                  <input
                    aria-label={`${t('scheme.fieldKey')} ${i + 1}`}
                    value={r.key}
                    disabled={readOnly}
                    onChange={(e) => set(i, { key: e.target.value })}
                    className="mono"
                  />
                  {err && <div className="field-error">{err}</div>}
                </td>
                <td>
                  <input
                    aria-label={`${t('scheme.fieldLabel')} ${i + 1}`}
                    value={r.label}
                    disabled={readOnly}
                    onChange={(e) => set(i, { label: e.target.value })}
                  />
                </td>
                <td>
                  <select
                    aria-label={`${t('scheme.fieldType')} ${i + 1}`}
                    value={r.type}
                    disabled={readOnly}
                    onChange={(e) => set(i, { type: e.target.value as FieldType })}
                  >
                    {FIELD_TYPES.map((ft) => (
                      <option key={ft} value={ft}>
                        {t(`scheme.type.${ft}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="center">
                  <input
                    type="checkbox"
                    aria-label={`${t('scheme.fieldRequired')} ${i + 1}`}
                    checked={!!r.required}
                    disabled={readOnly}
                    onChange={(e) => set(i, { required: e.target.checked })}
                  />
                </td>
                <td>
                  <input
                    aria-label={`${t('scheme.fieldOptions')} ${i + 1}`}
                    value={r.optionsText}
                    disabled={readOnly || r.type !== 'enum'}
                    onChange={(e) => set(i, { optionsText: e.target.value })}
                  />
                </td>
                {!readOnly && (
                  <td className="nowrap">
                    <button
                      type="button"
                      className="btn-small"
                      aria-label={`${t('common.moveUp')} ${i + 1}`}
                      disabled={i === 0}
                      onClick={() => move(i, -1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="btn-small"
                      aria-label={`${t('common.moveDown')} ${i + 1}`}
                      disabled={i === rows.length - 1}
                      onClick={() => move(i, 1)}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="btn-small"
                      onClick={() => onChange(rows.filter((_, j) => j !== i))}
                    >
                      {t('common.remove')}
                    </button>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {!readOnly && (
        <button
          type="button"
          className="btn-small"
          onClick={() => onChange([...rows, { key: '', label: '', type: 'text', required: false, optionsText: '' }])}
          data-testid="add-field"
        >
          + {t('scheme.addField')}
        </button>
      )}
    </div>
  );
}
