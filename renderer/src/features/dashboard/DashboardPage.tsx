/**
 * 工作台 (issue 20): the station's figures at a glance — each tile a button to the screen that
 * holds its records (keyboard reachable, in reading order), the charts loaded on demand, and 打印
 * (the charts turned into images first, so the printout keeps them).
 */
import { lazy, Suspense, useCallback, useEffect, useState, type ReactNode } from 'react';
import type { StationDashboard } from '../../../../electron/contract/dashboard';
import { errorMessage } from '../../lib/errors';
import { t, type MessageKey } from '../../i18n/zh-CN';
import { SECTIONS, useNav, type Section } from '../../stores/nav';
import { useSession } from '../../stores/session';
import { stationDashboard } from './actions';
import { OverdueList } from './OverdueList';
import { DashActions, DashStatus } from './DashFrame';
import './dashboard.css';

const DashboardCharts = lazy(() => import('./DashboardCharts'));

interface TileProps {
  id: string;
  label: MessageKey;
  value: ReactNode;
  detail: ReactNode;
  to: Section;
  warn?: boolean;
}

function Tile({ id, label, value, detail, to, warn }: TileProps) {
  const go = useNav((s) => s.go);
  const perms = useSession((s) => s.login?.permissions ?? []);
  const role = useSession((s) => s.status?.nodeRole ?? null);
  const target = SECTIONS.find((s) => s.id === to);
  const open = !!target && perms.includes(target.perm) && (!target.role || target.role === role);
  const body = (
    <>
      <span className="dash-tile-label">{t(label)}</span>
      <span className="dash-tile-value" data-testid={`dash-${id}`}>
        {value}
      </span>
      <span className="dash-tile-detail">{detail}</span>
    </>
  );
  const cls = `dash-tile${warn ? ' warn' : ''}`;
  // A tile whose screen the user may not open reads as plain figures, not as a dead link.
  return open ? (
    <button
      type="button"
      className={cls}
      onClick={() => go(to)}
      title={t('dash.goto', { name: t(target.labelKey) })}
      data-testid={`dash-tile-${id}`}
    >
      {body}
    </button>
  ) : (
    <div className={cls} data-testid={`dash-tile-${id}`}>
      {body}
    </div>
  );
}

const pct = (a: number, b: number) => (b ? `${((a / b) * 100).toFixed(1)}%` : '—');

export function DashboardPage() {
  const [d, setD] = useState<StationDashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setD(await stationDashboard());
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="page dash-page" data-testid="dashboard-page">
      <div className="toolbar">
        <h1 className="page-title">{t('dash.title')}</h1>
        {d && <span className="muted">{t('dash.asOf', { day: d.asOf })}</span>}
        <span className="spacer" />
        <DashActions prefix="dash" onRefresh={() => void load()} canPrint={!!d} />
      </div>
      <DashStatus error={error} loaded={!!d} />
      {d && (
        <>
          <div className="dash-tiles">
            <Tile
              id="holdings"
              label="dash.tile.holdings"
              value={t('dash.tile.items', { n: d.holdings.items })}
              detail={t('dash.tile.holdings.detail', { volumes: d.holdings.volumes, pages: d.holdings.pages })}
              to="catalogue"
            />
            <Tile
              id="verified"
              label="dash.tile.digitised"
              value={t('dash.count', { n: d.holdings.verifiedItems })}
              detail={t('dash.tile.digitised.detail', { pct: pct(d.holdings.verifiedItems, d.holdings.items) })}
              to="catalogue"
            />
            <Tile
              id="ocr"
              label="dash.tile.ocr"
              value={t('dash.pages', { n: d.ocr.pagesLast30 })}
              detail={t('dash.tile.ocr.detail', { n: d.ocr.queued })}
              to="intake"
            />
            <Tile
              id="verify"
              label="dash.tile.verify"
              value={t('dash.pages', { n: d.verifyQueue })}
              detail={t('dash.tile.verify.detail')}
              to="verify"
              warn={d.verifyQueue > 0}
            />
            <Tile
              id="loans"
              label="dash.tile.loans"
              value={t('dash.count', { n: d.loans.out })}
              detail={t('dash.tile.loans.detail', { n: d.loans.overdue })}
              to="lending"
              warn={d.loans.overdue > 0}
            />
            <Tile
              id="room"
              label="dash.tile.room"
              value={t('dash.times', { n: d.room.alarms })}
              detail={t('dash.tile.room.detail', {
                open: d.room.alarmsWithoutAction,
                gaps: d.room.gapDays,
                rooms: d.room.rooms,
              })}
              to="room"
              warn={d.room.alarmsWithoutAction > 0 || d.room.gapDays > 0}
            />
            <Tile
              id="findings"
              label="dash.tile.findings"
              value={t('dash.count', { n: d.findings.open })}
              detail={t('dash.tile.findings.detail')}
              to="room"
              warn={d.findings.open > 0}
            />
            <Tile
              id="sync"
              label="dash.tile.sync"
              value={d.sync.lastBundle ? d.sync.lastBundle.at.slice(0, 10) : t('dash.tile.sync.none')}
              detail={
                d.sync.lastBundle
                  ? t('dash.tile.sync.detail', {
                      seq: d.sync.lastBundle.seq,
                      records: d.sync.lastBundle.records,
                      n: d.sync.receiptsOutstanding,
                    })
                  : ''
              }
              to="sync"
              warn={d.sync.receiptsOutstanding > 0}
            />
          </div>
          <Suspense fallback={<div className="muted">{t('dash.loading')}</div>}>
            <DashboardCharts data={d} />
          </Suspense>
          <OverdueList loans={d.loans} />
        </>
      )}
    </div>
  );
}
