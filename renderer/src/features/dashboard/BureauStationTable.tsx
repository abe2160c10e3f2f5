/** The bureau's 工作台: one row per station (the county's table; one row when a station is picked). */
import type { BureauStationFigures } from '../../../../electron/contract/dashboard';
import { t } from '../../i18n/zh-CN';

export function BureauStationTable({ rows, onPick }: { rows: BureauStationFigures[]; onPick: (id: string) => void }) {
  return (
    <section className="dash-card" aria-label={t('bdash.table.title')}>
      <h2>{t('bdash.table.title')}</h2>
      <table className="dash-table" data-testid="bdash-stations">
        <thead>
          <tr>
            <th style={{ width: '22%' }}>{t('bdash.col.station')}</th>
            <th>{t('bdash.col.items')}</th>
            <th>{t('bdash.col.volumes')}</th>
            <th>{t('bdash.col.pages')}</th>
            <th>{t('bdash.col.loans')}</th>
            <th>{t('bdash.col.total')}</th>
            <th>{t('bdash.col.roomGaps')}</th>
            <th style={{ width: '16%' }}>{t('bdash.col.last')}</th>
            <th>{t('bdash.col.receipts')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.stationId}
              data-testid="bdash-row"
              data-station={r.stationId}
              className={r.stale ? 'bdash-stale' : ''}
            >
              <td className="dash-ellipsis">
                <button
                  type="button"
                  className="bdash-row-pick"
                  onClick={() => onPick(r.stationId)}
                  data-testid="bdash-row-pick"
                >
                  {r.stationId} {r.name}
                </button>
              </td>
              <td data-testid="bdash-row-items">{r.holdings.items}</td>
              <td>{r.holdings.volumes}</td>
              <td>{r.holdings.pages}</td>
              <td>
                {r.loans.out}
                {r.loans.overdue ? t('bdash.overdue', { n: r.loans.overdue }) : ''}
              </td>
              <td>{r.reported ? t('bdash.score', { total: r.reported.total, rank: r.reported.rank ?? '—' }) : '—'}</td>
              <td>{r.reported?.roomLogGaps ?? '—'}</td>
              <td className="dash-ellipsis">
                {r.lastBundle
                  ? t('bdash.last', { day: r.lastBundle.at.slice(0, 10), n: r.daysSinceLast ?? 0 })
                  : t('bdash.never')}
              </td>
              <td>{r.receiptsSent}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
