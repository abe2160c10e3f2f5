import { Field } from '../../components/Field';
import { FormModal } from '../../components/FormModal';
import { PasswordPair } from '../../components/PasswordPair';
import { t } from '../../i18n/zh-CN';
import { useChangePassword } from './useChangePassword';

export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const {
    oldPassword,
    setOld,
    pairInputs,
    errors,
    formError,
    busy,
    submit: save,
  } = useChangePassword({ doneMessage: t('pwd.done'), onDone: onClose });

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
          {...pairInputs}
          error={errors.newPassword}
          confirmError={errors.confirm}
        />
      </div>
    </FormModal>
  );
}
