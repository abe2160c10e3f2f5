import { useState, type ReactNode } from 'react';
import { t } from '../i18n/zh-CN';
import { useUnsavedGuard } from '../lib/useUnsavedGuard';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * Nothing typed is lost without asking: while `dirty`, closing the form (Esc, 关闭), leaving
 * the screen from the nav, or closing/reloading the window asks first. Returns the close
 * handler for the form and the question to render next to it (null when not asking).
 */
export function useDiscardGuard(dirty: boolean, onClose: () => void): { requestClose: () => void; dialog: ReactNode } {
  const [pending, setPending] = useState<(() => void) | null>(null);
  const ask = (proceed: () => void) => setPending(() => proceed);
  useUnsavedGuard(dirty, ask);
  const requestClose = () => (dirty ? ask(onClose) : onClose());
  const dialog = pending ? (
    <ConfirmDialog
      title={t('entry.discardTitle')}
      message={t('entry.discardAsk')}
      confirmText={t('entry.discardOk')}
      cancelText={t('entry.keepEditing')}
      danger
      testId="discard-dialog"
      onCancel={() => setPending(null)}
      onConfirm={() => {
        setPending(null);
        pending();
      }}
    />
  ) : null;
  return { requestClose, dialog };
}
