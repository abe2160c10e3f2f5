import type { KeyboardEvent } from 'react';

const FIELD_SELECTOR = 'input, select, textarea';

function navigable(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FIELD_SELECTOR)).filter((el) => {
    if (el.dataset.navSkip !== undefined) return false;
    if ((el as HTMLInputElement).disabled || (el as HTMLInputElement).readOnly) return false;
    if (el instanceof HTMLInputElement && (el.type === 'hidden' || el.type === 'file')) return false;
    return el.offsetParent !== null || el === document.activeElement;
  });
}

export function focusField(el: HTMLElement | null | undefined): void {
  if (!el) return;
  el.focus();
  if (el instanceof HTMLInputElement && ['text', 'search', 'password', ''].includes(el.type)) el.select();
}

/** Focus the first navigable field within a container (or one matching a selector). */
export function focusFirst(root: HTMLElement | null, selector?: string): void {
  if (!root) return;
  const target = selector ? root.querySelector<HTMLElement>(selector) : navigable(root)[0];
  focusField(target);
}

interface FormNavOptions {
  onSave: () => void;
  onClose?: () => void;
}

/**
 * Keyboard-first forms: Enter → next field (in a textarea too: the footer promises it, and
 * a clerk following it must not type the next field's text into 备注), Shift+Enter → previous
 * field, except in a textarea where Shift+Enter or Ctrl+Enter is a new line; Enter on the
 * last field or Ctrl+S anywhere → save, Esc → close.
 */
export function handleFormKeys(e: KeyboardEvent<HTMLElement>, { onSave, onClose }: FormNavOptions): void {
  if (e.key === 'Escape' && onClose) {
    e.preventDefault();
    e.stopPropagation();
    onClose();
    return;
  }
  if ((e.ctrlKey || e.metaKey) && (e.key === 's' || e.key === 'S')) {
    e.preventDefault();
    e.stopPropagation();
    onSave();
    return;
  }
  if (e.key !== 'Enter' || e.altKey || e.nativeEvent.isComposing) return;
  const target = e.target as HTMLElement;
  if (!target.matches(FIELD_SELECTOR)) return;
  if (target instanceof HTMLInputElement && target.type === 'file') return;
  if (target instanceof HTMLTextAreaElement && (e.shiftKey || e.ctrlKey || e.metaKey)) {
    e.stopPropagation();
    // Shift+Enter is a new line natively; Ctrl+Enter is not, so insert one (undoable, fires input).
    if (!e.shiftKey) {
      e.preventDefault();
      document.execCommand('insertText', false, '\n');
    }
    return;
  }
  e.preventDefault();
  e.stopPropagation();
  const list = navigable(e.currentTarget);
  const idx = list.indexOf(target);
  if (e.shiftKey) {
    focusField(list[Math.max(0, idx - 1)]);
    return;
  }
  if (idx < 0 || idx >= list.length - 1) {
    onSave();
    return;
  }
  focusField(list[idx + 1]);
}
