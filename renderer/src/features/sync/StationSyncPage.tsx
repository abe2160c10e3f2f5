import { t } from '../../i18n/zh-CN';
import { useSync } from '../../stores/sync';
import { DownlinkPanel } from './DownlinkPanel';
import { EnrollPanel } from './EnrollPanel';
import { ExportPanel } from './ExportPanel';
import { Fingerprint } from './Fingerprint';
import { KeysCard } from './KeysCard';
import { ReceiptPanel } from './ReceiptPanel';
import { StationStatus } from './StationStatus';

/** 上报同步 (station): enrolment, export to the stick, the bureau's receipt, and the status. */
export function StationSyncPage() {
  const status = useSync((s) => s.status);
  const keys = useSync((s) => s.keys);
  if (status?.role !== 'station') return null;
  return (
    <>
      {status.enrolled && status.bureau && (
        <p className="small muted" data-testid="sync-enrolled-as">
          {t('sync.enrolledAs', { id: status.stationId ?? '', bureau: status.bureau.unitName })}
        </p>
      )}
      <KeysCard />
      {!status.enrolled ? (
        <EnrollPanel />
      ) : (
        <div className="sync-columns">
          <div className="sync-column">
            <ExportPanel />
            <ReceiptPanel />
          </div>
          <div className="sync-column">
            <StationStatus status={status} />
            <DownlinkPanel />
          </div>
        </div>
      )}
      {status.own && (
        <Fingerprint title={t('sync.fp.own')} hint={t('sync.fp.ownHint')} fp={status.own} testId="sync-own-fp" qr />
      )}
      {keys?.next && <Fingerprint title={t('sync.fp.next')} fp={keys.next} testId="sync-next-fp" />}
      {status.bureau && (
        <Fingerprint
          title={t('sync.fp.bureau')}
          hint={t('sync.fp.bureauHint')}
          fp={status.bureau}
          testId="sync-bureau-fp"
        />
      )}
    </>
  );
}
