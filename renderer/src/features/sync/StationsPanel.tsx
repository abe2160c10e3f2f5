import { useState } from 'react';
import type { BureauSyncStatus, StationSummary } from '../../../../electron/contract';
import { DataTable } from '../../components/DataTable';
import { labelFor, t } from '../../i18n/zh-CN';
import { formatTime } from '../../lib/format';
import { usePermission } from '../../stores/session';
import { AddStationDialog } from './AddStationDialog';
import { DownlinkDialog } from './DownlinkDialog';
import { RevokeDialog } from './RevokeDialog';
import { StationRecords } from './StationRecords';

type Dialog =
  | { kind: 'add' }
  | { kind: 'reissue'; station: StationSummary }
  | { kind: 'revoke'; station: StationSummary }
  | { kind: 'downlink'; station: StationSummary };

/** Bureau: the registered stations with their keys, last bundle and receipt, records and conflicts. */
export function StationsPanel({ status }: { status: BureauSyncStatus }) {
  const manage = usePermission('sync.manage');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const shownStation = status.stations.find((s) => s.stationId === shown) ?? null;

  return (
    <section className="card-section" data-testid="sync-stations" aria-labelledby="sync-stations-title">
      <div className="panel-heading">
        <h2 id="sync-stations-title" className="panel-heading">
          {t('sync.stations.title')}
        </h2>
        <span className="grow" />
        {manage && (
          <button
            type="button"
            className="btn-primary"
            onClick={() => setDialog({ kind: 'add' })}
            data-testid="sync-station-add"
          >
            {t('sync.stations.add')}
          </button>
        )}
      </div>
      {status.stations.length === 0 ? (
        <p className="small muted">{t('sync.stations.empty')}</p>
      ) : (
        <DataTable
          testId="sync-stations-table"
          columns={[
            t('sync.stations.col.id'),
            t('sync.stations.col.name'),
            t('sync.stations.col.key'),
            t('sync.stations.col.lastBundle'),
            t('sync.stations.col.lastImport'),
            t('sync.stations.col.records'),
            t('sync.stations.col.conflicts'),
            t('sync.stations.col.actions'),
          ]}
        >
          {status.stations.map((s) => (
            <tr key={s.stationId} data-testid="sync-station-row" data-station={s.stationId}>
              <td className="mono">{s.stationId}</td>
              <td>
                {s.name}
                <div className="small muted">{labelFor('sync.stationStatus', s.status)}</div>
              </td>
              <td className="sync-keys-cell" data-testid="sync-station-keys">
                {s.keys.length === 0 ? (
                  <span className="small text-warn">{t('sync.stations.noKey')}</span>
                ) : (
                  s.keys.map((k) => (
                    <div key={k.fingerprint} className="small">
                      <span className="mono" title={k.fingerprint}>
                        {k.fingerprint.slice(0, 16)}…
                      </span>
                      <span className={`tag${k.status === 'active' ? ' tag-ok' : ' tag-deleted'}`}>
                        {labelFor('sync.keyStatus', k.status)}
                      </span>
                      <span className="muted">
                        {' '}
                        {t('sync.keyRange', {
                          from: k.validFromSeq,
                          through:
                            k.validThroughSeq === null ? '' : t('sync.keyRangeThrough', { n: k.validThroughSeq }),
                        })}
                      </span>
                    </div>
                  ))
                )}
              </td>
              <td data-testid="sync-station-last-bundle">
                {s.lastSeq ? t('sync.stations.seq', { seq: s.lastSeq }) : t('sync.never')}
              </td>
              <td className="nowrap">{formatTime(s.lastImportAt) || t('sync.never')}</td>
              <td>
                <button
                  type="button"
                  className="btn-small"
                  aria-pressed={shown === s.stationId}
                  onClick={() => setShown(shown === s.stationId ? null : s.stationId)}
                  data-testid="sync-station-records"
                >
                  {s.records}
                </button>
              </td>
              <td>
                <span className={s.openConflicts ? 'tag tag-warn' : 'tag'} data-testid="sync-station-conflicts">
                  {s.openConflicts}
                </span>
              </td>
              <td className="nowrap">
                {manage && (
                  <>
                    <button
                      type="button"
                      className="btn-small"
                      onClick={() => setDialog({ kind: 'reissue', station: s })}
                    >
                      {t('sync.stations.reissue')}
                    </button>{' '}
                    <button
                      type="button"
                      className="btn-small"
                      onClick={() => setDialog({ kind: 'downlink', station: s })}
                      data-testid="sync-station-downlink"
                    >
                      {t('sync.stations.downlink')}
                    </button>{' '}
                    <button
                      type="button"
                      className="btn-small btn-danger-text"
                      disabled={s.keys.every((k) => k.validThroughSeq !== null)}
                      onClick={() => setDialog({ kind: 'revoke', station: s })}
                      data-testid="sync-station-revoke"
                    >
                      {t('sync.stations.revoke')}
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {shownStation && <StationRecords station={shownStation} />}
      {dialog?.kind === 'add' && <AddStationDialog onClose={() => setDialog(null)} />}
      {dialog?.kind === 'reissue' && <AddStationDialog station={dialog.station} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'revoke' && <RevokeDialog station={dialog.station} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'downlink' && <DownlinkDialog station={dialog.station} onClose={() => setDialog(null)} />}
    </section>
  );
}
