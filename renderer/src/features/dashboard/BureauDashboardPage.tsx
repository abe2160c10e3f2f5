/**
 * 工作台 at the county bureau (issue 20): the station dashboard's figures for the county (every
 * station summed, with a row per station) or for one station picked in the list (a plain <select>:
 * arrow keys and typing pick it), counted from the bundles received. The same tiles and the same
 * progress chart as at the station; the figures a station keeps for itself (room log, audit chain)
 * are shown as its last indicator snapshot reported them.
 */
import { lazy, Suspense, useCallback, useEffect, useState, type ReactNode } from 'react';
import type { BureauDashboard } from '../../../../electron/contract/dashboard';
import { t, type MessageKey } from '../../i18n/zh-CN';
import { errorMessage } from '../../lib/errors';
import { bureauDashboard } from './actions';
import { BureauStationTable } from './BureauStationTable';
import { DashActions, DashStatus } from './DashFrame';
import './dashboard.css';

const ProgressChart = lazy(() => import('./DashboardCharts').then((m) => ({ default: m.ProgressChart })));

function Figure({
  id,
  label,
  value,
  detail,
  warn,
}: {
  id: string;
  label: MessageKey;
  value: ReactNode;
  detail: ReactNode;
  warn?: boolean;
}) {
  return (
    <div className={`dash-tile${warn ? ' warn' : ''}`} data-testid={`bdash-tile-${id}`}>
      <span className="dash-tile-label">{t(label)}</span>
      <span className="dash-tile-value" data-testid={`bdash-${id}`}>
        {value}
      </span>
      <span className="dash-tile-detail">{detail}</span>
    </div>
  );
}

export function BureauDashboardPage() {
  // The county's figures name every station: the picker's list.
  const [county, setCounty] = useState<BureauDashboard | null>(null);
  const [stationId, setStationId] = useState('');
  const [one, setOne] = useState<BureauDashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async (id: string) => {
    try {
      if (id) setOne(await bureauDashboard({ stationId: id }));
      else setCounty(await bureauDashboard({}));
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);
  useEffect(() => {
    void load('');
  }, [load]);
  useEffect(() => {
    setOne(null);
    if (stationId) void load(stationId);
  }, [stationId, load]);

  const d = stationId ? one : county;
  const lastOf = (x: BureauDashboard) => x.stations.find((s) => s.stationId === x.lastBundle?.stationId);

  return (
    <div className="page dash-page bdash-page" data-testid="bureau-dashboard">
      <div className="toolbar">
        <h1 className="page-title">{t('dash.title')}</h1>
        <label className="bdash-pick">
          {t('bdash.pick')}
          <select
            value={stationId}
            onChange={(e) => setStationId(e.target.value)}
            data-testid="bdash-station"
            aria-label={t('bdash.pick')}
          >
            <option value="">{t('bdash.county')}</option>
            {county?.stations.map((s) => (
              <option key={s.stationId} value={s.stationId}>
                {s.stationId} {s.name}
              </option>
            ))}
          </select>
        </label>
        {d && <span className="muted">{t('dash.asOf', { day: d.asOf })}</span>}
        <span className="spacer" />
        <DashActions prefix="bdash" onRefresh={() => void load(stationId)} canPrint={!!d} />
      </div>
      <DashStatus error={error} loaded={!!d} />
      {d && (
        <>
          <div className="dash-tiles" data-testid="bdash-figures" data-station={d.stationId ?? ''}>
            <Figure
              id="holdings"
              label="dash.tile.holdings"
              value={t('dash.tile.items', { n: d.holdings.items })}
              detail={t('dash.tile.holdings.detail', { volumes: d.holdings.volumes, pages: d.holdings.pages })}
            />
            <Figure
              id="loans"
              label="dash.tile.loans"
              value={t('dash.count', { n: d.loans.out })}
              detail={t('dash.tile.loans.detail', { n: d.loans.overdue })}
              warn={d.loans.overdue > 0}
            />
            <Figure
              id="room"
              label="bdash.tile.room"
              value={t('bdash.roomDays', { n: d.reported.roomLogGaps })}
              detail={t('bdash.tile.room.detail', { n: d.reported.stations })}
              warn={d.reported.roomLogGaps > 0}
            />
            <Figure
              id="audit"
              label="bdash.tile.audit"
              value={
                d.reported.auditChainFailed
                  ? t('bdash.audit.failed', { n: d.reported.auditChainFailed })
                  : t('bdash.audit.ok')
              }
              detail={t('bdash.tile.audit.detail', { n: d.reported.stations })}
              warn={d.reported.auditChainFailed > 0}
            />
            <Figure
              id="last"
              label="bdash.tile.last"
              value={d.lastBundle ? d.lastBundle.at.slice(0, 10) : t('bdash.never')}
              detail={
                d.lastBundle
                  ? t('bdash.tile.last.detail', {
                      station: lastOf(d)?.name ?? d.lastBundle.stationId,
                      seq: d.lastBundle.seq,
                      records: d.lastBundle.records,
                    })
                  : ''
              }
            />
            <Figure
              id="receipts"
              label="bdash.tile.receipts"
              value={t('bdash.receipts', { n: d.receiptsSent })}
              detail={t('bdash.tile.receipts.detail')}
            />
            <Figure
              id="stale"
              label="bdash.tile.stale"
              value={t('bdash.stations', { n: d.stale.length })}
              detail={
                d.stale.length
                  ? d.stale.map((s) => s.name).join('、')
                  : t('bdash.tile.stale.none', { n: d.staleAfterDays })
              }
              warn={d.stale.length > 0}
            />
          </div>
          <Suspense fallback={<div className="muted">{t('dash.loading')}</div>}>
            <ProgressChart progress={d.progress} />
          </Suspense>
          <BureauStationTable rows={d.stations} onPick={setStationId} />
        </>
      )}
    </div>
  );
}
