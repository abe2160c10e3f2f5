import { useState, type DragEvent } from 'react';

/**
 * Files dragged onto an element: `over` while they hover (for the highlight), and the
 * handlers to spread on it. Only drags that carry files are taken; moving onto the
 * element's own children is not leaving it.
 */
export function useFileDrop(onFiles: (files: FileList) => void, disabled = false) {
  const [over, setOver] = useState(false);
  const handlers = {
    onDragOver: (e: DragEvent<HTMLElement>) => {
      if (disabled || !e.dataTransfer.types.includes('Files')) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      setOver(true);
    },
    onDragLeave: (e: DragEvent<HTMLElement>) => {
      if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
    },
    onDrop: (e: DragEvent<HTMLElement>) => {
      e.preventDefault();
      setOver(false);
      if (!disabled) onFiles(e.dataTransfer.files);
    },
  };
  return { over, handlers };
}
