import { useState, type ReactNode } from 'react';
import { FormError } from './FormError';
import { Modal } from './Modal';
import { t } from '../i18n/zh-CN';

interface Props {
  title: string;
  message: ReactNode;
  confirmText?: string;
  cancelText?: string;
  danger?: boolean;
  /** When set, asks for a reason (required) and passes it to onConfirm. */
  reasonLabel?: string;
  error?: string | null;
  busy?: boolean;
  testId?: string;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

export function ConfirmDialog(p: Props) {
  const [reason, setReason] = useState('');
  const canConfirm = !p.busy && (!p.reasonLabel || reason.trim().length > 0);
  const confirm = () => {
    if (canConfirm) p.onConfirm(reason.trim());
  };
  return (
    <Modal
      title={p.title}
      onClose={p.onCancel}
      testId={p.testId ?? 'confirm-dialog'}
      footer={
        <>
          <button type="button" onClick={p.onCancel} data-testid="confirm-cancel">
            {p.cancelText ?? t('common.cancel')}
          </button>
          <button
            type="button"
            className={p.danger ? 'btn-danger' : 'btn-primary'}
            disabled={!canConfirm}
            onClick={confirm}
            data-testid="confirm-ok"
            data-autofocus={p.reasonLabel ? undefined : true}
          >
            {p.confirmText ?? t('common.confirm')}
          </button>
        </>
      }
    >
      <div className="confirm-message">{p.message}</div>
      {p.reasonLabel && (
        <div className="field field-stack">
          <label htmlFor="confirm-reason">{p.reasonLabel}</label>
          <input
            id="confirm-reason"
            autoFocus
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                confirm();
              }
            }}
          />
        </div>
      )}
      <FormError message={p.error} />
    </Modal>
  );
}
