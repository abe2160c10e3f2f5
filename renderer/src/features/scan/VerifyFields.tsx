import type { RefObject } from 'react';
import type { FieldView, PageView } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import { clampBox, usePageImage } from './images';

/** Below this a recognised value is worth a second look. */
export const LOW_CONFIDENCE = 70;

export const originalValue = (f: FieldView): string => f.accepted ?? f.value;

export type FieldInput = HTMLInputElement | HTMLTextAreaElement;
/** Kinds whose value has several lines (a text input would drop the line breaks). */
const MULTILINE = new Set<FieldView['kind']>(['block', 'personList']);

interface Props {
  page: PageView;
  fields: FieldView[];
  values: Record<string, string>;
  confirmed: ReadonlySet<string>;
  readOnly: boolean;
  inputs: RefObject<Map<string, FieldInput>>;
  /** Where Tab/Enter goes after the last field. */
  after: RefObject<HTMLElement | null>;
  onChange: (key: string, value: string) => void;
  onConfirm: (key: string) => void;
  onRevert: (key: string) => void;
  onActive: (key: string | null) => void;
}

/**
 * The fields of one form page, worst first: the crop of the original above the value,
 * confidence and the check's message. Enter/Tab confirm a field and go on, Shift+Tab goes
 * back, Esc puts the recognised value back.
 */
export function VerifyFields(p: Props) {
  const focusAt = (i: number) => {
    const f = p.fields[i];
    if (!f) {
      if (i >= p.fields.length) p.after.current?.focus();
      return;
    }
    const el = p.inputs.current.get(f.key);
    el?.focus();
    el?.select();
  };

  const onKeyDown = (e: React.KeyboardEvent<FieldInput>, i: number, f: FieldView) => {
    if (e.nativeEvent.isComposing || e.altKey || e.ctrlKey || e.metaKey) return;
    // Shift+Enter starts a new line in a multi-line value; Enter still confirms and goes on.
    if (e.key === 'Enter' && e.shiftKey && MULTILINE.has(f.kind)) return;
    if (e.key === 'Enter' || (e.key === 'Tab' && !e.shiftKey)) {
      e.preventDefault();
      p.onConfirm(f.key);
      focusAt(i + 1);
    } else if (e.key === 'Tab' && e.shiftKey && i > 0) {
      e.preventDefault();
      focusAt(i - 1);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      p.onRevert(f.key);
    }
  };

  /** What the one-line and the multi-line editor share. */
  const inputProps = (f: FieldView, i: number, value: string, flagged: boolean) => ({
    id: `vf-${f.key}`,
    ref: (el: FieldInput | null) => {
      if (el) p.inputs.current.set(f.key, el);
      else p.inputs.current.delete(f.key);
    },
    value,
    readOnly: p.readOnly,
    spellCheck: false,
    autoComplete: 'off',
    'aria-invalid': flagged,
    className: f.kind === 'idNumber' || f.kind === 'digits' || f.kind === 'date' ? 'mono' : undefined,
    'data-testid': `verify-field-${f.key}`,
    onChange: (e: React.ChangeEvent<FieldInput>) => p.onChange(f.key, e.target.value),
    onKeyDown: (e: React.KeyboardEvent<FieldInput>) => onKeyDown(e, i, f),
    onFocus: () => p.onActive(f.key),
    onBlur: () => p.onActive(null),
  });

  return (
    <table className="table verify-fields" data-testid="verify-fields">
      <thead>
        <tr>
          <th className="vf-label">{t('verify.field')}</th>
          <th>
            {t('verify.crop')} / {t('verify.value')}
          </th>
          <th className="vf-conf">{t('verify.confidence')}</th>
          <th className="vf-issue">{t('verify.issue')}</th>
        </tr>
      </thead>
      <tbody>
        {p.fields.map((f, i) => {
          const value = p.values[f.key] ?? '';
          const done = p.confirmed.has(f.key);
          const invalid = !f.valid && !done;
          // null: the field was not found on the page (read by its label): 未识别, never a number.
          const unknown = f.confidence === null;
          const conf = f.confidence ?? 0;
          const low = f.valid && !f.empty && !unknown && conf < LOW_CONFIDENCE && !done;
          const missing = f.required && !value.trim();
          const changed = value !== originalValue(f);
          // Nothing read is said as such, not as a low (or, before, a full) confidence.
          const issue =
            f.issue ??
            (f.empty || unknown ? t('verify.empty') : conf < LOW_CONFIDENCE ? t('verify.lowConfidence') : null);
          const cls = [
            invalid ? 'invalid' : '',
            low ? 'low' : '',
            missing ? 'missing' : '',
            f.empty ? 'empty' : '',
            done ? 'confirmed' : '',
          ]
            .filter(Boolean)
            .join(' ');
          return (
            <tr key={f.key} className={cls} data-field={f.key}>
              <th scope="row" className="vf-label">
                <label htmlFor={`vf-${f.key}`}>{f.label}</label>
                {f.required && (
                  <span className={`tag ${missing ? 'tag-deleted' : ''}`} data-testid={`verify-required-${f.key}`}>
                    {t('verify.required')}
                  </span>
                )}
              </th>
              <td className="vf-value">
                <div className="vf-stack">
                  <FieldCrop page={p.page} field={f} />
                  {MULTILINE.has(f.kind) ? (
                    <textarea
                      rows={Math.max(2, value.split('\n').length)}
                      {...inputProps(f, i, value, invalid || missing)}
                    />
                  ) : (
                    <input {...inputProps(f, i, value, invalid || missing)} />
                  )}
                </div>
              </td>
              <td
                className={`vf-conf mono${conf < LOW_CONFIDENCE ? ' text-warn' : ''}`}
                data-testid={`verify-confidence-${f.key}`}
                data-confidence={f.confidence ?? undefined}
              >
                {unknown ? t('verify.notFound') : Math.round(conf)}
                {f.empty && !unknown && (
                  <span className="tag tag-warn" data-testid={`verify-empty-${f.key}`}>
                    {t('verify.emptyTag')}
                  </span>
                )}
              </td>
              <td className="vf-issue small">
                {issue && <div className={invalid ? 'text-error' : ''}>{issue}</div>}
                {changed && f.raw && <div className="muted">{t('verify.raw', { raw: f.raw })}</div>}
                {done && <div className="text-ok">✓ {t('verify.confirmed')}</div>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The field's region of the processed page, at full resolution, shrunk by CSS to fit the row. */
function FieldCrop({ page, field }: { page: PageView; field: FieldView }) {
  const box = clampBox(field.bbox, page.width, page.height);
  const img = usePageImage(box ? { id: page.id, variant: 'preview', box } : null, page.rotation);
  return (
    <div className="vf-crop" aria-hidden="true">
      {img.url ? (
        <img src={img.url} alt="" draggable={false} />
      ) : (
        // A field not found on the page has no place to cut: nothing failed.
        <span className="muted small">
          {img.error || (!box && field.confidence !== null) ? t('verify.cropError') : ''}
        </span>
      )}
    </div>
  );
}
