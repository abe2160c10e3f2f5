import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../lib/errors';
import { Field } from '../../components/Field';
import { t } from '../../i18n/zh-CN';
import { useSession } from '../../stores/session';

export function LoginScreen() {
  const status = useSession((s) => s.status);
  const loginMessage = useSession((s) => s.loginMessage);
  const signIn = useSession((s) => s.signIn);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
    } catch (err) {
      setError(errorMessage(err));
      setPassword('');
      setBusy(false);
    }
  };

  const message = error ?? loginMessage;
  return (
    <div className="center-screen login-bg">
      <form className="card card-login" onSubmit={submit} data-testid="login-form" noValidate>
        <div className="login-brand">
          <div className="brand-mark" aria-hidden="true">
            档
          </div>
          <div>
            <h1>{t('app.title')}</h1>
            {status?.unitName && (
              <div className="muted">
                {status.unitName}
                {status.fondsCode ? ` · ${t('shell.fonds')} ${status.fondsCode}` : ''}
              </div>
            )}
          </div>
        </div>
        {message && (
          <div className={error ? 'form-error' : 'form-notice'} role="alert" data-testid="login-message">
            {message}
          </div>
        )}
        <Field id="login-username" label={t('login.username')}>
          <input
            id="login-username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoComplete="username"
            autoFocus
          />
        </Field>
        <Field id="login-password" label={t('login.password')}>
          <input
            id="login-password"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
          />
        </Field>
        <div className="form-actions">
          <button type="submit" className="btn-primary btn-block" disabled={busy}>
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </div>
        {status && <div className="muted small version">v{status.appVersion}</div>}
      </form>
    </div>
  );
}
