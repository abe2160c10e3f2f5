import type { ReactNode } from 'react';
import { t } from '../i18n/zh-CN';

/** A dialog's footer: an optional key hint, 取消, and the primary action. */
export function CancelConfirmFooter({
  keysHint,
  onCancel,
  confirmLabel,
  disabled,
  onConfirm,
  confirmTestId,
}: {
  keysHint?: string;
  onCancel: () => void;
  confirmLabel: ReactNode;
  disabled: boolean;
  onConfirm: () => void;
  confirmTestId: string;
}) {
  return (
    <>
      {keysHint && <span className="muted small grow">{keysHint}</span>}
      <button type="button" onClick={onCancel}>
        {t('common.cancel')}
      </button>
      <button type="button" className="btn-primary" disabled={disabled} onClick={onConfirm} data-testid={confirmTestId}>
        {confirmLabel}
      </button>
    </>
  );
}
