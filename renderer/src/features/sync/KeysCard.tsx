import { useState } from 'react';
import { unlockKeys } from './actions';
import { FormError } from '../../components/FormError';
import { t } from '../../i18n/zh-CN';
import { usePermission } from '../../stores/session';
import { useSync } from '../../stores/sync';
import { toast } from '../../stores/toasts';
import { useAction } from '../../lib/useAction';
import { RotateKey } from './RotateKey';

/**
 * Unlocking the node's sync keys with their passphrase (serve mode keeps it in memory until
 * the program stops). Before any key exists, the passphrase typed here is the one they get.
 * Once unlocked, an enrolled station sees its signing key here and can rotate it.
 */
export function KeysCard() {
  const keys = useSync((s) => s.keys);
  const refresh = useSync((s) => s.refresh);
  const allowed = usePermission('sync.export');
  const [pass, setPass] = useState('');
  const [pass2, setPass2] = useState('');
  const { busy, error, setError, run } = useAction();
  if (!keys) return null;
  if (keys.unlocked) return <RotateKey />;
  const first = !keys.sign && !keys.ageRecipient;

  const submit = async () => {
    if (first && pass !== pass2) {
      setError(t('sync.keys.mismatch'));
      return;
    }
    await run(async () => {
      await unlockKeys({ passphrase: pass });
      setPass('');
      setPass2('');
      toast.success(t('sync.keys.unlocked'));
      await refresh();
    });
  };

  return (
    <section className="card-section sync-keys" data-testid="sync-keys" aria-labelledby="sync-keys-title">
      <h2 id="sync-keys-title" className="panel-heading">
        {t('sync.keys.title')}
      </h2>
      <p className="small">{first ? t('sync.keys.firstTime') : t('sync.keys.locked')}</p>
      {!allowed ? (
        <p className="small text-error">{t('sync.keys.noPermission')}</p>
      ) : (
        <form
          className="sync-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label htmlFor="sync-pass">{t('sync.keys.passphrase')}</label>
          <input
            id="sync-pass"
            type="password"
            autoComplete={first ? 'new-password' : 'current-password'}
            value={pass}
            onChange={(e) => setPass(e.target.value)}
            data-testid="sync-passphrase"
          />
          {first && (
            <>
              <label htmlFor="sync-pass2">{t('sync.keys.passphrase2')}</label>
              <input
                id="sync-pass2"
                type="password"
                autoComplete="new-password"
                value={pass2}
                onChange={(e) => setPass2(e.target.value)}
                data-testid="sync-passphrase2"
              />
            </>
          )}
          <div className="panel-actions">
            <button type="submit" className="btn-primary" disabled={busy || !pass} data-testid="sync-unlock">
              {busy ? t('sync.keys.unlocking') : first ? t('sync.keys.set') : t('sync.keys.unlock')}
            </button>
          </div>
        </form>
      )}
      <FormError message={error} testId="sync-keys-error" />
    </section>
  );
}
