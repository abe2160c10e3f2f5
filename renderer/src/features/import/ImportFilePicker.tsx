import { forwardRef, useImperativeHandle, useRef } from 'react';
import { t } from '../../i18n/zh-CN';
import { useFileDrop } from '../../lib/useFileDrop';

interface Props {
  /** The id the field's label points at: the button, so the label opens the picker too. */
  id: string;
  fileName: string | null;
  disabled: boolean;
  onFile: (f: File | undefined) => void;
}

export interface FilePickerHandle {
  clear(): void;
}

/**
 * A real button reading 选择文件 instead of the browser's own file input, whose text
 * ("Choose File") follows the browser's language, not the app's. The input stays in the
 * page, hidden, for the picker; a file can also be dropped onto the row.
 */
export const ImportFilePicker = forwardRef<FilePickerHandle, Props>(function ImportFilePicker(
  { id, fileName, disabled, onFile },
  ref,
) {
  const input = useRef<HTMLInputElement>(null);
  const { over, handlers } = useFileDrop((files) => onFile(files[0]), disabled);
  useImperativeHandle(ref, () => ({ clear: () => input.current && (input.current.value = '') }));
  return (
    <div className={`file-picker${over ? ' over' : ''}`} data-testid="import-drop" {...handlers}>
      <button
        id={id}
        type="button"
        // aria-disabled, not disabled: a disabled button drops the keyboard focus while
        // the chosen file is read, and the clerk would have to find the button again.
        aria-disabled={disabled}
        onClick={() => !disabled && input.current?.click()}
        aria-describedby={`${id}-name`}
        data-testid="import-choose"
      >
        {t('importx.choose')}
      </button>
      <span id={`${id}-name`} className={`file-name${fileName ? '' : ' muted'}`} data-testid="import-file-name">
        {fileName ?? t('importx.noFile')}
      </span>
      <span className="muted small">{t('importx.dropHint')}</span>
      <input
        ref={input}
        type="file"
        accept=".xlsx,.csv"
        hidden
        data-testid="import-file"
        onChange={(e) => {
          onFile(e.target.files?.[0]);
          // The same (fixed) file can be chosen again and still be read afresh.
          e.target.value = '';
        }}
      />
    </div>
  );
});
