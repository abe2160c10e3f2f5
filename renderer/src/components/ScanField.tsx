import { type RefObject, useEffect, useRef, useState } from 'react';

// Where typing belongs to something else: other fields, and dialogs (their buttons take Enter and Space).
const ELSEWHERE = 'input, textarea, select, [contenteditable="true"], [role="dialog"], [role="alertdialog"]';

export type ScanSource = 'wedge' | 'manual';

/**
 * A field for a USB barcode scanner (a keyboard wedge): it types a label fast and ends with
 * Enter, or with Tab on some models. Each end hands the text on and empties the field at once,
 * so the next burst starts clean; the field takes the focus back whenever a key is typed
 * outside another field. Whether a person or a scanner typed it is told by the pace: a person
 * types slower than 30 ms a key.
 */
export function ScanField({
  id,
  label,
  placeholder,
  className,
  testId,
  fieldRef,
  onScan,
}: {
  id: string;
  label: string;
  placeholder: string;
  className?: string;
  testId: string;
  /** The input, for callers that give the focus back after their own work. */
  fieldRef?: RefObject<HTMLInputElement | null>;
  onScan: (code: string, source: ScanSource) => void;
}) {
  const own = useRef<HTMLInputElement>(null);
  const field = fieldRef ?? own;
  const [manual, setManual] = useState(false);
  const lastKey = useRef(0);

  useEffect(() => {
    field.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target?.closest(ELSEWHERE) || e.ctrlKey || e.altKey || e.metaKey) return;
      // A printable key (a scanner's first character): the text goes on into the field.
      if (e.key.length === 1 && e.key !== ' ') field.current?.focus();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [field]);

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    const now = performance.now();
    if (e.key.length === 1) {
      if (e.currentTarget.value === '') setManual(false);
      else if (now - lastKey.current > 30) setManual(true);
      lastKey.current = now;
    }
    // A Tab ends a label only after a fast burst: a person's Tab moves on as usual.
    const end = e.key === 'Enter' || (e.key === 'Tab' && !manual && e.currentTarget.value !== '');
    if (!end) return;
    e.preventDefault();
    const code = e.currentTarget.value.trim();
    e.currentTarget.value = '';
    if (code) onScan(code, manual ? 'manual' : 'wedge');
    setManual(false);
  };

  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={field}
        className={className}
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        onKeyDown={onKeyDown}
        data-testid={testId}
      />
    </>
  );
}
