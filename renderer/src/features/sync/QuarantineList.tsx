import type { QuarantineEntry } from '../../../../electron/contract';
import { DataTable } from '../../components/DataTable';
import { t } from '../../i18n/zh-CN';
import { formatTime } from '../../lib/format';

/** Bureau: bundles that failed a check, kept with the reason (never applied, never deleted). */
export function QuarantineList({ entries }: { entries: QuarantineEntry[] }) {
  return (
    <section className="card-section" data-testid="sync-quarantine" aria-labelledby="sync-quarantine-title">
      <h2 id="sync-quarantine-title" className="panel-heading">
        {t('sync.quarantine.title')}
      </h2>
      <p className="small muted">{t('sync.quarantine.hint')}</p>
      {entries.length === 0 ? (
        <p className="small muted">{t('sync.quarantine.empty')}</p>
      ) : (
        <DataTable
          testId="sync-quarantine-table"
          columns={[
            t('sync.quarantine.col.at'),
            t('sync.quarantine.col.station'),
            t('sync.quarantine.col.seq'),
            t('sync.quarantine.col.code'),
            t('sync.quarantine.col.reason'),
            t('sync.quarantine.col.dir'),
          ]}
        >
          {entries.map((q) => (
            <tr key={q.name} data-testid="sync-quarantine-row">
              <td className="nowrap">{formatTime(q.at)}</td>
              <td>{q.stationId ?? ''}</td>
              <td>{q.seq ?? ''}</td>
              <td className="mono small">{q.code}</td>
              <td>{q.message}</td>
              <td className="mono small sync-path">{q.dir}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
