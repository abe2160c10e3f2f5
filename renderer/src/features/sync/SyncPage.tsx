import { useEffect } from 'react';
import { FormError } from '../../components/FormError';
import { t } from '../../i18n/zh-CN';
import { useSession } from '../../stores/session';
import { useSync } from '../../stores/sync';
import { BureauSyncPage } from './BureauSyncPage';
import { StationSyncPage } from './StationSyncPage';
import './sync.css';

/** The sync section: the station's 上报同步 or the bureau's 派出所同步, by this node's role. */
export function SyncPage() {
  const role = useSession((s) => s.status?.nodeRole ?? null);
  const refresh = useSync((s) => s.refresh);
  const error = useSync((s) => s.error);
  const loading = useSync((s) => s.loading);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return (
    <div className="page sync-page" data-testid={`sync-page-${role ?? 'none'}`}>
      <div className="toolbar">
        <h1 className="page-title">{role === 'bureau' ? t('sync.bureauTitle') : t('sync.title')}</h1>
        <span className="grow" />
        <button type="button" onClick={() => void refresh()} disabled={loading} data-testid="sync-refresh">
          {t('sync.refresh')}
        </button>
      </div>
      <FormError message={error} testId="sync-error" />
      {role === 'bureau' ? <BureauSyncPage /> : <StationSyncPage />}
    </div>
  );
}
