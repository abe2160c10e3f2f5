import type { ReactNode } from 'react';
import { t } from '../i18n/zh-CN';
import { handleFormKeys } from '../lib/formNav';
import { FormError } from './FormError';
import { Modal } from './Modal';

interface Props {
  title: string;
  onClose: () => void;
  onSave: () => unknown;
  busy: boolean;
  testId?: string;
  /** Side panel on the right instead of a centred dialog. */
  side?: boolean;
  /** Shows the keyboard hint (Enter / Ctrl+S) left of the buttons. */
  saveHint?: boolean;
  closeText?: string;
  saveText?: string;
  saveTestId?: string;
  /** The form-level error, shown under the fields. */
  error?: string | null;
  errorTestId?: string;
  /** A dialog over the form (e.g. "discard changes?"), outside it so the form's keys stay out of it. */
  overlay?: ReactNode;
  children: ReactNode;
}

/** A modal form: keyboard-first field navigation (see handleFormKeys), close + save buttons, error banner. */
export function FormModal(p: Props) {
  const save = () => void p.onSave();
  return (
    <>
      <Modal
        side={p.side}
        title={p.title}
        onClose={p.onClose}
        testId={p.testId}
        onKeyDown={(e) => handleFormKeys(e, { onSave: save, onClose: p.onClose })}
        footer={
          <>
            {p.saveHint && <span className="muted small grow">{t('common.saveHint')}</span>}
            <button type="button" onClick={p.onClose}>
              {p.closeText ?? t('common.cancel')}
            </button>
            <button type="button" className="btn-primary" disabled={p.busy} onClick={save} data-testid={p.saveTestId}>
              {p.saveText ?? t('common.save')}
            </button>
          </>
        }
      >
        {p.children}
        <FormError message={p.error} testId={p.errorTestId} />
      </Modal>
      {p.overlay}
    </>
  );
}
