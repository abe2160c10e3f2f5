import { useState } from 'react';
import { rotateKey } from './actions';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { t } from '../../i18n/zh-CN';
import { usePermission } from '../../stores/session';
import { useSync } from '../../stores/sync';
import { toast } from '../../stores/toasts';
import { useAction } from '../../lib/useAction';

/**
 * Station, keys unlocked: the signing key in use and its rotation. The new key is not used
 * at once: the next bundle, still signed by the current key, announces it; the bureau trusts
 * it from the bundle after; the station switches when it reads that receipt.
 */
export function RotateKey() {
  const status = useSync((s) => s.status);
  const keys = useSync((s) => s.keys);
  const refresh = useSync((s) => s.refresh);
  const manage = usePermission('sync.manage');
  const [asking, setAsking] = useState(false);
  const { busy, error, setError, run } = useAction();
  if (status?.role !== 'station' || !status.enrolled || !keys?.sign) return null;
  const pending = !!keys.next;

  const rotate = async () => {
    await run(async () => {
      await rotateKey();
      toast.success(t('sync.rotate.done'));
      setAsking(false);
      await refresh();
    });
  };

  return (
    <section className="card-section sync-signing" data-testid="sync-signing" aria-labelledby="sync-signing-title">
      <div className="panel-heading">
        <h2 id="sync-signing-title" className="panel-heading">
          {t('sync.rotate.heading')}
        </h2>
        <span className="tag tag-ok">{t('sync.rotate.unlocked')}</span>
        <span className="grow" />
        {manage && (
          <button
            type="button"
            disabled={pending}
            title={pending ? t('sync.rotate.pending') : undefined}
            onClick={() => {
              setError(null);
              setAsking(true);
            }}
            data-testid="sync-rotate"
          >
            {t('sync.rotate.button')}
          </button>
        )}
      </div>
      <p className="small" data-testid="sync-signing-state">
        {pending ? (
          <span className="text-warn">{t('sync.rotate.pending')}</span>
        ) : (
          t('sync.rotate.current', { words: keys.sign.words })
        )}
      </p>
      {asking && (
        <ConfirmDialog
          title={t('sync.rotate.title')}
          message={
            <>
              <p>{t('sync.rotate.message')}</p>
              <p>{t('sync.rotate.message2')}</p>
            </>
          }
          confirmText={t('sync.rotate.confirm')}
          busy={busy}
          error={error}
          testId="sync-rotate-dialog"
          onCancel={() => setAsking(false)}
          onConfirm={() => void rotate()}
        />
      )}
    </section>
  );
}
