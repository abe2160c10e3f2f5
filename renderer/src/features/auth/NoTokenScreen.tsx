import { t } from '../../i18n/zh-CN';

/**
 * The address was opened without the per-launch token the terminal printed (a bookmark,
 * a typed address, an old tab after a restart). No button here could fix that, so the
 * page says where the right address is and how to get a new one.
 */
export function NoTokenScreen() {
  return (
    <div className="center-screen login-bg">
      <div className="card card-login" role="alert" data-testid="no-token">
        <h1>{t('bridge.title')}</h1>
        <p>{t('bridge.body')}</p>
        <p>{t('bridge.again')}</p>
        <p className="muted small">{t('bridge.stable')}</p>
      </div>
    </div>
  );
}
