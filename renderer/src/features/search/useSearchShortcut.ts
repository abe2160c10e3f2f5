import { useEffect } from 'react';
import { useNav } from '../../stores/nav';
import { useSearch } from './store';

/** Where "/" is a character to type, not a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(target.type);
}

/**
 * Ctrl+K (anywhere) and "/" (outside a text field) go to the search screen and focus its box.
 * An open dialog keeps the keys: leaving would throw away what is being typed in it.
 */
export function useSearchShortcut(enabled: boolean): void {
  const go = useNav((s) => s.go);
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const ctrlK =
        (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && (e.code === 'KeyK' || e.key.toLowerCase() === 'k');
      const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target);
      if (!ctrlK && !slash) return;
      e.preventDefault();
      if (document.querySelector('[role="dialog"]')) return;
      go('search');
      useSearch.getState().requestFocus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, go]);
}
