import { t } from '../i18n/zh-CN';
import { Field } from './Field';

interface Props {
  id: string;
  confirmId: string;
  label: string;
  confirmLabel: string;
  value: string;
  confirm: string;
  onChange: (value: string) => void;
  onConfirmChange: (value: string) => void;
  error?: string | undefined;
  confirmError?: string | undefined;
  required?: boolean;
  autoComplete?: string;
  autoFocus?: boolean;
}

/** A new password (with the strength hint) and its confirmation. */
export function PasswordPair(p: Props) {
  return (
    <>
      <Field id={p.id} label={p.label} error={p.error} hint={t('setup.passwordHint')} required={p.required}>
        <input
          id={p.id}
          type="password"
          value={p.value}
          onChange={(e) => p.onChange(e.target.value)}
          autoComplete={p.autoComplete}
          autoFocus={p.autoFocus}
        />
      </Field>
      <Field id={p.confirmId} label={p.confirmLabel} error={p.confirmError} required={p.required}>
        <input
          id={p.confirmId}
          type="password"
          value={p.confirm}
          onChange={(e) => p.onConfirmChange(e.target.value)}
          autoComplete={p.autoComplete}
        />
      </Field>
    </>
  );
}
