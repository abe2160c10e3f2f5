import { useState } from 'react';
import { call, errorMessage, fieldErrors } from '../../api/client';
import { Field } from '../../components/Field';
import { Modal } from '../../components/Modal';
import { t } from '../../i18n/zh-CN';
import { handleFormKeys } from '../../lib/formNav';
import { toast } from '../../stores/toasts';

export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const [oldPassword, setOld] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    if (busy) return;
    if (newPassword !== confirm) {
      setErrors({ confirm: t('setup.passwordMismatch') });
      return;
    }
    setBusy(true);
    setErrors({});
    setFormError(null);
    try {
      await call('auth.changePassword', { oldPassword, newPassword });
      toast.success(t('pwd.done'));
      onClose();
    } catch (err) {
      const fe = fieldErrors(err);
      setErrors(fe);
      if (Object.keys(fe).length === 0) setFormError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Modal
      title={t('pwd.title')}
      onClose={onClose}
      testId="change-password"
      onKeyDown={(e) => handleFormKeys(e, { onSave: () => void save(), onClose })}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn-primary" disabled={busy} onClick={() => void save()}>
            {t('common.save')}
          </button>
        </>
      }
    >
      <div className="form-grid">
        <Field id="pwd-old" label={t('pwd.old')} error={errors.oldPassword}>
          <input id="pwd-old" type="password" value={oldPassword} onChange={(e) => setOld(e.target.value)} autoFocus />
        </Field>
        <Field id="pwd-new" label={t('pwd.new')} error={errors.newPassword} hint={t('setup.passwordHint')}>
          <input id="pwd-new" type="password" value={newPassword} onChange={(e) => setNew(e.target.value)} />
        </Field>
        <Field id="pwd-confirm" label={t('pwd.confirm')} error={errors.confirm}>
          <input id="pwd-confirm" type="password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
        </Field>
      </div>
      {formError && (
        <div className="form-error" role="alert">
          {formError}
        </div>
      )}
    </Modal>
  );
}
