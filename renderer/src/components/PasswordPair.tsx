import { useState } from 'react';
import { t } from '../i18n/zh-CN';
import type { FieldErrors } from '../lib/useFormErrors';
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

/**
 * The two typed passwords of a {@link PasswordPair}. `matches()` says whether they agree;
 * when they do not, it puts the mismatch on the confirmation field.
 */
export function usePasswordPair(setErrors: (errors: FieldErrors) => void) {
  const [value, setValue] = useState('');
  const [confirm, setConfirm] = useState('');
  const matches = () => {
    if (value === confirm) return true;
    setErrors({ confirm: t('setup.passwordMismatch') });
    return false;
  };
  return { value, matches, inputs: { value, confirm, onChange: setValue, onConfirmChange: setConfirm } };
}
