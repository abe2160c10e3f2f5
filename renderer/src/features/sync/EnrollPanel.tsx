import { useState } from 'react';
import { enroll } from './actions';
import { FormError } from '../../components/FormError';
import { t } from '../../i18n/zh-CN';
import { usePermission } from '../../stores/session';
import { useSync } from '../../stores/sync';
import { toast } from '../../stores/toasts';
import { useAction } from '../../lib/useAction';

/** Station: imports the bureau's enrollment bundle from the stick (pins the bureau key). */
export function EnrollPanel() {
  const refresh = useSync((s) => s.refresh);
  const unlocked = useSync((s) => !!s.keys?.unlocked);
  const allowed = usePermission('sync.manage');
  const [dir, setDir] = useState('');
  const { busy, error, run } = useAction();

  const submit = async () => {
    await run(async () => {
      const r = await enroll({ dir });
      toast.success(t('sync.enroll.done', { id: r.stationId, name: r.stationName, bureau: r.bureauUnit }));
      await refresh();
    });
  };

  return (
    <section className="card-section" data-testid="sync-enroll" aria-labelledby="sync-enroll-title">
      <h2 id="sync-enroll-title" className="panel-heading">
        {t('sync.enroll.title')}
      </h2>
      <p className="small">{t('sync.enroll.hint')}</p>
      {!allowed ? (
        <p className="small text-error">{t('sync.enroll.manageOnly')}</p>
      ) : (
        <form
          className="sync-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label htmlFor="sync-enroll-dir">{t('sync.enroll.dir')}</label>
          <input
            id="sync-enroll-dir"
            className="mono"
            spellCheck={false}
            value={dir}
            placeholder={t('sync.dirHint')}
            onChange={(e) => setDir(e.target.value)}
            data-testid="sync-enroll-dir"
          />
          <div className="panel-actions">
            <button
              type="submit"
              className="btn-primary"
              disabled={busy || !dir.trim() || !unlocked}
              data-testid="sync-enroll-submit"
            >
              {busy ? t('sync.enroll.running') : t('sync.enroll.submit')}
            </button>
          </div>
        </form>
      )}
      <FormError message={error} testId="sync-enroll-error" />
    </section>
  );
}
