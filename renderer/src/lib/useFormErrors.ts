import { useState } from 'react';
import { errorMessage, fieldErrors } from '../api/client';

export type FieldErrors = Record<string, string>;

/**
 * A form's error state: messages by field path, plus one form-level message for
 * failures that name no field.
 */
export function useFormErrors() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  /** The clerk changed this field: its message no longer applies (the others still do). */
  const clearError = (key: string) =>
    setErrors((e) => {
      if (!(key in e)) return e;
      const { [key]: _gone, ...rest } = e;
      return rest;
    });
  const clear = () => {
    setErrors({});
    setFormError(null);
  };
  /** Shows a failed call: its field errors (or `fe`), else its message as the form error. Returns the field errors. */
  const fail = (err: unknown, fe: FieldErrors = fieldErrors(err)): FieldErrors => {
    setErrors(fe);
    if (Object.keys(fe).length === 0) setFormError(errorMessage(err));
    return fe;
  };
  return { errors, setErrors, formError, setFormError, clear, clearError, fail };
}
