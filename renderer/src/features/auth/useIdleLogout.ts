import { useEffect } from 'react';
import { t } from '../../i18n/zh-CN';
import { useSession } from '../../stores/session';

/** Logs out after `minutes` without keydown/mousedown activity. */
export function useIdleLogout(minutes: number | undefined): void {
  const signOut = useSession((s) => s.signOut);
  useEffect(() => {
    if (!minutes || minutes <= 0) return;
    let last = Date.now();
    const touch = () => {
      last = Date.now();
    };
    window.addEventListener('keydown', touch, true);
    window.addEventListener('mousedown', touch, true);
    const limit = minutes * 60_000;
    const timer = window.setInterval(
      () => {
        if (Date.now() - last >= limit) {
          window.clearInterval(timer);
          void signOut(t('login.idleLogout'));
        }
      },
      Math.min(5000, limit / 4),
    );
    return () => {
      window.removeEventListener('keydown', touch, true);
      window.removeEventListener('mousedown', touch, true);
      window.clearInterval(timer);
    };
  }, [minutes, signOut]);
}
