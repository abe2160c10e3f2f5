import type { StationSyncStatus } from '../../../../electron/contract';
import { DataTable } from '../../components/DataTable';
import { labelFor, t } from '../../i18n/zh-CN';
import { formatTime } from '../../lib/format';

/** Station: what is pending, what the bureau acknowledged and when, and each record it did not take. */
export function StationStatus({ status }: { status: StationSyncStatus }) {
  const last = status.lastExport;
  return (
    <section className="card-section" data-testid="sync-status" aria-labelledby="sync-status-title">
      <h2 id="sync-status-title" className="panel-heading">
        {t('sync.status.title')}
      </h2>
      <dl className="sync-facts">
        <dt>{t('sync.status.pending')}</dt>
        <dd data-testid="sync-status-pending">
          {t('sync.status.pendingValue', { records: status.pendingRecords, files: status.pendingFiles })}
        </dd>
        <dt>{t('sync.status.lastExport')}</dt>
        <dd data-testid="sync-status-last-export">
          {last
            ? t('sync.status.lastExportValue', {
                seq: last.seq,
                status: labelFor('sync.bundleStatus', last.status),
                at: formatTime(last.at),
              })
            : t('sync.never')}
        </dd>
        <dt>{t('sync.status.lastReceipt')}</dt>
        <dd data-testid="sync-status-last-receipt">{formatTime(status.lastReceiptAt) || t('sync.never')}</dd>
        <dt>{t('sync.status.acked')}</dt>
        <dd>{t('sync.status.ackedValue', { n: status.ackedThrough, seq: status.ackedBundleSeq })}</dd>
        <dt>{t('sync.status.epoch')}</dt>
        <dd data-testid="sync-status-epoch">{status.epoch}</dd>
        <dt>{t('sync.status.outbox')}</dt>
        <dd className="sync-outcomes" data-testid="sync-status-outbox">
          <span className="tag tag-ok" data-testid="sync-outbox-reported">
            {t('sync.outcome.reported')} {status.outbox.reported}
          </span>
          <span className={`tag${status.outbox.conflict ? ' tag-warn' : ''}`} data-testid="sync-outbox-conflict">
            {t('sync.outcome.conflict')} {status.outbox.conflict}
          </span>
          <span className={`tag${status.outbox.rejected ? ' tag-deleted' : ''}`} data-testid="sync-outbox-rejected">
            {t('sync.outcome.rejected')} {status.outbox.rejected}
          </span>
        </dd>
      </dl>
      <h3 className="panel-title">{t('sync.status.problems')}</h3>
      {status.problems.length === 0 ? (
        <p className="small muted">{t('sync.status.noProblems')}</p>
      ) : (
        <DataTable
          testId="sync-problems"
          scrollClassName="short"
          columns={[
            t('sync.col.entity'),
            t('sync.col.record'),
            t('sync.col.version'),
            t('sync.col.status'),
            t('sync.col.reason'),
          ]}
        >
          {status.problems.map((p) => (
            <tr key={`${p.entity}:${p.id}`}>
              <td>{labelFor('sync.entity', p.entity)}</td>
              <td>
                {p.label ?? ''}
                <div className="mono small muted">{p.id}</div>
              </td>
              <td>{p.version}</td>
              <td className="nowrap">
                <span className={`tag ${p.status === 'conflict' ? 'tag-warn' : 'tag-deleted'}`}>
                  {labelFor('sync.outcome', p.status)}
                </span>
              </td>
              <td>{p.reason}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
