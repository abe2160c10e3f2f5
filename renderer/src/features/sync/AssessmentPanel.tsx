import { useEffect, useState } from 'react';
import type { CountyReport, StationRanking } from '../../../../electron/contract';
import { DataTable } from '../../components/DataTable';
import { FormError } from '../../components/FormError';
import { t } from '../../i18n/zh-CN';
import { errorMessage } from '../../lib/errors';
import { formatTime } from '../../lib/format';
import { bureauRanking, countyReport } from './actions';

const TREND = { up: '↑', down: '↓', same: '→' } as const;

/**
 * Bureau: the stations ranked on the 考核指标 they sent (trend against the snapshot before), and the
 * county's annual report summed from the stations' closed reports with its holdings check.
 */
export function AssessmentPanel() {
  const [ranking, setRanking] = useState<StationRanking[] | null>(null);
  // The year just over is the one the stations close and report.
  const [year, setYear] = useState(new Date().getFullYear() - 1);
  const [county, setCounty] = useState<CountyReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const keys = ranking?.find((s) => s.indicators.length)?.indicators ?? [];

  useEffect(() => {
    bureauRanking().then(setRanking, (e: unknown) => setError(errorMessage(e)));
  }, []);
  useEffect(() => {
    let live = true;
    countyReport(year).then(
      (r) => live && setCounty(r),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [year]);

  return (
    <section className="card-section" data-testid="assessment">
      <FormError message={error} />
      <h2 className="panel-heading">{t('assess.rank.title')}</h2>
      {ranking && !ranking.some((s) => s.total !== null) && <p className="small muted">{t('assess.rank.empty')}</p>}
      {ranking && ranking.some((s) => s.total !== null) && (
        <DataTable
          testId="assessment-ranking"
          columns={[
            t('assess.col.rank'),
            t('assess.col.station'),
            t('assess.col.total'),
            t('assess.col.trend'),
            ...keys.map((i) => `${i.label}（${i.weight}）`),
            t('assess.col.computedAt'),
          ]}
        >
          {ranking.map((s) => (
            <tr key={s.stationId} data-testid="assessment-row">
              <td>{s.rank ?? '—'}</td>
              <td>
                {s.stationId} {s.name}
              </td>
              <td>{s.total ?? t('assess.notSent')}</td>
              <td title={s.previousTotal === null ? undefined : String(s.previousTotal)}>
                {s.trend ? TREND[s.trend] : ''}
              </td>
              {keys.map((k) => {
                const i = s.indicators.find((x) => x.key === k.key);
                return (
                  <td key={k.key} title={i?.rule}>
                    {i ? i.score : ''}
                  </td>
                );
              })}
              <td className="nowrap">{formatTime(s.computedAt)}</td>
            </tr>
          ))}
        </DataTable>
      )}

      <div className="panel-heading">
        <h2 className="panel-heading">{t('assess.county.title')}</h2>
        <label>
          {t('assess.county.year')}{' '}
          <input
            type="number"
            value={year}
            min={1900}
            max={2100}
            onChange={(e) => setYear(Number(e.target.value) || year)}
            data-testid="assessment-year"
          />
        </label>
      </div>
      {county && (
        <>
          {county.stations.length > 0 && (
            <p className="small">
              {t('assess.county.stations', { names: county.stations.map((s) => s.name).join('、') })}
            </p>
          )}
          {county.notClosed.length > 0 && (
            <p className="small muted">
              {t('assess.county.notClosed', { names: county.notClosed.map((s) => s.name).join('、') })}
            </p>
          )}
          {county.stations.length > 0 &&
            (county.holdingsCheck.ok ? (
              <p className="small">{t('assess.county.ok')}</p>
            ) : (
              <ul className="small error" data-testid="assessment-mismatches">
                {county.holdingsCheck.mismatches.map((m) => (
                  <li key={`${m.stationId}-${m.key}`}>
                    {t('assess.county.mismatch', {
                      ...m,
                      station: m.stationId,
                      unit: m.key === 'holdings.items' ? '件' : '卷',
                    })}
                  </li>
                ))}
              </ul>
            ))}
          {county.figures.length === 0 ? (
            <p className="small muted">{t('assess.county.empty')}</p>
          ) : (
            <DataTable
              testId="assessment-county"
              scrollClassName="short"
              columns={[t('assess.county.col.figure'), t('assess.county.col.value'), t('assess.county.col.unit')]}
            >
              {county.figures.map((f) => (
                <tr key={f.key}>
                  <td>{f.label}</td>
                  <td>{f.value}</td>
                  <td>{f.unit}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </>
      )}
    </section>
  );
}
