/**
 * The editor's keys, for working without a mouse: Ctrl+S saves from anywhere in the
 * editor; on the page or the zone list (where arrows do not move a text cursor), the
 * arrow keys move the selected zone by 1 mm, Shift+arrows resize it, and Delete removes it.
 */
import { useEffect, useRef } from 'react';
import { useTemplateEditor } from '../../stores/templateEditor';
import { nudge } from './geometry';

const STEP: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** Where arrow keys and Delete act on zones: the page, the zone list, or nothing focused. */
const zoneKeysApply = (el: Element | null): boolean =>
  !el || el === document.body || el.closest('[data-zone-keys]') !== null;

export function useEditorKeys({ readOnly, onSave }: { readOnly: boolean; onSave: () => void }): void {
  const save = useRef(onSave);
  useEffect(() => {
    save.current = onSave;
  }, [onSave]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const target = e.target instanceof Element ? e.target : null;
      // Dialogs (sample picker, confirmations) keep their own keys.
      if (target?.closest('[role="dialog"]')) return;
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
        e.preventDefault(); // never the browser's "save page"
        if (!readOnly) save.current();
        return;
      }
      if (readOnly || e.ctrlKey || e.metaKey || e.altKey || !zoneKeysApply(target)) return;
      const ed = useTemplateEditor.getState();
      const zone = ed.zones.find((z) => z.uid === ed.selected);
      if (!zone) return;
      const step = STEP[e.key];
      if (step) {
        e.preventDefault();
        ed.patchZone(zone.uid, { box: nudge(zone.box, step[0], step[1], e.shiftKey) });
        return;
      }
      if (e.key === 'Delete' || e.key === 'Backspace') {
        e.preventDefault();
        const inList = target?.closest('[data-zone-list]') !== null && target !== null;
        const next = ed.removeZone(zone.uid);
        // Keep the keyboard in the list: focus moves to the zone now selected (or the page when none is left).
        if (inList)
          window.requestAnimationFrame(() =>
            document
              .querySelector<HTMLElement>(
                next === null ? '[data-zone-canvas]' : `[data-zone-list] [data-uid="${next}"]`,
              )
              ?.focus(),
          );
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [readOnly]);
}
