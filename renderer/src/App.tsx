import { useEffect } from 'react';
import { useSession } from './stores/session';
import { SetupWizard } from './features/setup/SetupWizard';
import { LoginScreen } from './features/auth/LoginScreen';
import { FirstPasswordScreen } from './features/auth/FirstPasswordScreen';
import { NoTokenScreen } from './features/auth/NoTokenScreen';
import { AppShell } from './features/layout/AppShell';
import { Toasts } from './components/Toasts';
import { t } from './i18n/zh-CN';

export function App() {
  const phase = useSession((s) => s.phase);
  const bootError = useSession((s) => s.bootError);
  const boot = useSession((s) => s.boot);

  useEffect(() => {
    void boot();
  }, [boot]);

  let body;
  switch (phase) {
    case 'loading':
      body = <div className="center-screen muted">{t('app.loading')}</div>;
      break;
    case 'error':
      body = (
        <div className="center-screen">
          <div className="card" role="alert" data-testid="boot-error">
            <h1>{t('app.bootFailed')}</h1>
            <p>{bootError}</p>
            <button type="button" className="btn-primary" onClick={() => void boot()}>
              {t('app.retry')}
            </button>
          </div>
        </div>
      );
      break;
    case 'noToken':
      body = <NoTokenScreen />;
      break;
    case 'setup':
      body = <SetupWizard />;
      break;
    case 'login':
      body = <LoginScreen />;
      break;
    case 'password':
      body = <FirstPasswordScreen />;
      break;
    case 'app':
      body = <AppShell />;
      break;
  }
  return (
    <>
      {body}
      <Toasts />
    </>
  );
}
