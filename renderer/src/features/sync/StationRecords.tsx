import { useEffect, useState } from 'react';
import type { StationRecordPage, StationSummary } from '../../../../electron/contract';
import { errorMessage } from '../../lib/errors';
import { listStationRecords } from './actions';
import { DataTable } from '../../components/DataTable';
import { FormError } from '../../components/FormError';
import { t } from '../../i18n/zh-CN';
import { formatTime } from '../../lib/format';

const LIMIT = 50;

/** Bureau: a station's items as the bureau holds them (newest first). */
export function StationRecords({ station }: { station: StationSummary }) {
  const [page, setPage] = useState<StationRecordPage | null>(null);
  const [offset, setOffset] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    listStationRecords({ stationId: station.stationId, entity: 'item', offset, limit: LIMIT }).then(
      (p) => live && (setPage(p), setError(null)),
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
    // An import that only edits records leaves the count as it was: its time changes.
  }, [station.stationId, station.records, station.lastImportAt, offset]);

  return (
    <div className="sync-records" data-testid="sync-records">
      <h3 className="panel-title">{t('sync.records.title', { name: station.name })}</h3>
      <FormError message={error} />
      {page && page.rows.length === 0 && <p className="small muted">{t('sync.records.empty')}</p>}
      {page && page.rows.length > 0 && (
        <>
          <DataTable
            testId="sync-records-table"
            scrollClassName="short"
            columns={[
              t('sync.records.col.code'),
              t('sync.records.col.title'),
              t('sync.records.col.year'),
              t('sync.records.col.scans'),
              t('sync.col.version'),
              t('sync.records.col.received'),
            ]}
          >
            {page.rows.map((r) => (
              <tr key={r.entityId} data-testid="sync-record-row" data-deleted={r.deleted || undefined}>
                <td className="mono">{r.archiveCode}</td>
                <td>
                  {r.title}
                  {r.deleted && <span className="tag tag-deleted">{t('sync.records.deleted')}</span>}
                  {r.variantOf && <span className="tag tag-warn">{t('sync.records.variant')}</span>}
                  {r.hasVariant && <span className="tag tag-warn">{t('sync.records.hasVariant')}</span>}
                </td>
                <td>{r.year ?? ''}</td>
                <td className="nowrap" data-testid="sync-record-scans">
                  {r.scans.pages > 0 ? t('sync.records.pages', { n: r.scans.pages }) : ''}
                  {r.scans.held < r.scans.pages && (
                    <span className="tag tag-warn">
                      {t('sync.records.missing', { n: r.scans.pages - r.scans.held })}
                    </span>
                  )}
                </td>
                <td>{r.version}</td>
                <td className="nowrap">{formatTime(r.receivedAt)}</td>
              </tr>
            ))}
          </DataTable>
          <div className="pager small">
            <span>{t('common.total', { n: page.total })}</span>
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - LIMIT))}>
              {t('common.prev')}
            </button>
            <button type="button" disabled={offset + LIMIT >= page.total} onClick={() => setOffset(offset + LIMIT)}>
              {t('common.next')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}
