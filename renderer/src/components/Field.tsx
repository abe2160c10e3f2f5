import type { ReactNode } from 'react';

interface FieldProps {
  id: string;
  label: string;
  error?: string | undefined;
  required?: boolean;
  hint?: string | undefined;
  children: ReactNode;
  wide?: boolean;
}

/** A label + control + inline error row. The control must carry `id`. */
export function Field({ id, label, error, required, hint, children, wide }: FieldProps) {
  return (
    <div className={`field${wide ? ' field-wide' : ''}${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && (
          <span className="req" aria-hidden="true">
            *
          </span>
        )}
      </label>
      <div className="field-control">
        {children}
        {hint && !error && <div className="field-hint">{hint}</div>}
        {error && (
          <div className="field-error" role="alert" data-testid={`error-${id}`}>
            {error}
          </div>
        )}
      </div>
    </div>
  );
}
