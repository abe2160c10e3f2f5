import { useState } from 'react';
import { call } from '../../api/client';
import { Field } from '../../components/Field';
import { FormModal } from '../../components/FormModal';
import { PasswordPair } from '../../components/PasswordPair';
import { t } from '../../i18n/zh-CN';
import { useFormErrors } from '../../lib/useFormErrors';
import { toast } from '../../stores/toasts';

export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const [oldPassword, setOld] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const { errors, setErrors, formError, clear, fail } = useFormErrors();
  const [busy, setBusy] = useState(false);

  const save = async () => {
    if (busy) return;
    if (newPassword !== confirm) {
      setErrors({ confirm: t('setup.passwordMismatch') });
      return;
    }
    setBusy(true);
    clear();
    try {
      await call('auth.changePassword', { oldPassword, newPassword });
      toast.success(t('pwd.done'));
      onClose();
    } catch (err) {
      fail(err);
      setBusy(false);
    }
  };

  return (
    <FormModal
      title={t('pwd.title')}
      onClose={onClose}
      testId="change-password"
      onSave={save}
      busy={busy}
      error={formError}
    >
      <div className="form-grid">
        <Field id="pwd-old" label={t('pwd.old')} error={errors.oldPassword}>
          <input id="pwd-old" type="password" value={oldPassword} onChange={(e) => setOld(e.target.value)} autoFocus />
        </Field>
        <PasswordPair
          id="pwd-new"
          confirmId="pwd-confirm"
          label={t('pwd.new')}
          confirmLabel={t('pwd.confirm')}
          value={newPassword}
          confirm={confirm}
          onChange={setNew}
          onConfirmChange={setConfirm}
          error={errors.newPassword}
          confirmError={errors.confirm}
        />
      </div>
    </FormModal>
  );
}
