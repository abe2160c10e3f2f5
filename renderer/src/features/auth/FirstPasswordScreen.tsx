import type { FormEvent } from 'react';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { PasswordPair } from '../../components/PasswordPair';
import { t } from '../../i18n/zh-CN';
import { useSession } from '../../stores/session';
import { useChangePassword } from './useChangePassword';

/**
 * Shown instead of the app after a login with a password an administrator set (new
 * account or reset). It cannot be skipped: core refuses every other method until the
 * password is changed; the only ways out are changing it or logging out.
 */
export function FirstPasswordScreen() {
  const login = useSession((s) => s.login);
  const initial = useSession((s) => s.initialPassword);
  const passwordChanged = useSession((s) => s.passwordChanged);
  const signOut = useSession((s) => s.signOut);
  const { oldPassword, setOld, pairInputs, errors, formError, busy, submit } = useChangePassword({
    initialOld: initial ?? '',
    doneMessage: t('firstpwd.done'),
    onDone: passwordChanged,
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit();
  };

  const user = login?.user;
  return (
    <div className="center-screen login-bg">
      <form className="card card-login" onSubmit={onSubmit} data-testid="first-password" noValidate>
        <h1>{t('firstpwd.title')}</h1>
        <p className="muted">{t('firstpwd.intro')}</p>
        {user && (
          <p data-testid="first-password-user">
            {t('firstpwd.who', { name: `${user.displayName}（${user.username}）` })}
          </p>
        )}
        <FormError message={formError} />
        {initial === null && (
          <Field id="firstpwd-old" label={t('firstpwd.old')} error={errors.oldPassword}>
            <input
              id="firstpwd-old"
              type="password"
              value={oldPassword}
              onChange={(e) => setOld(e.target.value)}
              autoComplete="current-password"
              autoFocus
            />
          </Field>
        )}
        <PasswordPair
          id="firstpwd-new"
          confirmId="firstpwd-confirm"
          label={t('pwd.new')}
          confirmLabel={t('pwd.confirm')}
          {...pairInputs}
          error={errors.newPassword}
          confirmError={errors.confirm}
          autoComplete="new-password"
          autoFocus={initial !== null}
        />
        <div className="form-actions">
          <button type="submit" className="btn-primary btn-block" disabled={busy} data-testid="first-password-submit">
            {busy ? t('firstpwd.submitting') : t('firstpwd.submit')}
          </button>
        </div>
        <div className="form-actions">
          <button type="button" className="btn-block" onClick={() => void signOut()}>
            {t('firstpwd.logout')}
          </button>
        </div>
      </form>
    </div>
  );
}
