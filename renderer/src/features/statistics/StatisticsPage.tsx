import { useCallback, useEffect, useRef, useState } from 'react';
import type { AnnualReport, StatDrill, StatFigure, StatProfile } from '../../../../electron/contract/statistics';
import { SignDialog } from '../../components/SignDialog';
import { t } from '../../i18n/zh-CN';
import { errorMessage } from '../../lib/errors';
import { formatTime } from '../../lib/format';
import { saveCoreFile } from '../../lib/saveFile';
import { useSession } from '../../stores/session';
import { toast } from '../../stores/toasts';
import * as api from './actions';
import { Corrections } from './Corrections';
import { DrillList } from './DrillList';
import { FigureTables } from './FigureTables';
import { ProfileForm } from './ProfileForm';
import './statistics.css';

/** Last year by the core's clock (a served app may live on another day than the browser). */
const lastYear = (nowIso: string | undefined) => (nowIso ? new Date(nowIso) : new Date()).getFullYear() - 1;

/**
 * 统计年报: the year's figures by section (each opens to the records it counts), the year's
 * 库房/设备/人员 entries, closing the year with the station head's signature, and the corrections
 * found after closing.
 */
export function StatisticsPage() {
  const perms = useSession((s) => s.login?.permissions ?? []);
  const now = useSession((s) => s.status?.now);
  const [year, setYear] = useState(() => lastYear(now));
  const [report, setReport] = useState<AnnualReport | null>(null);
  const [profile, setProfile] = useState<StatProfile | null>(null);
  const [drill, setDrill] = useState<StatDrill | null>(null);
  const [closing, setClosing] = useState(false);
  const openedFrom = useRef<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const [r, p] = await Promise.all([api.annual(year), api.profile(year)]);
      setReport(r);
      setProfile(p);
    } catch (err) {
      setReport(null);
      toast.error(errorMessage(err));
    }
  }, [year]);
  useEffect(() => {
    setDrill(null);
    void reload();
  }, [reload]);

  const open = async (f: StatFigure) => {
    try {
      openedFrom.current = f.key;
      setDrill(await api.drill(year, f.key));
    } catch (err) {
      toast.error(errorMessage(err));
    }
  };
  const back = useCallback(() => setDrill(null), []);
  // Back from a drill list, the figure it came from has the focus again (keyboard first).
  useEffect(() => {
    if (drill || !openedFrom.current) return;
    document.querySelector<HTMLElement>(`[data-figure-open][data-key="${CSS.escape(openedFrom.current)}"]`)?.focus();
  }, [drill, report]);

  return (
    <div className="page statistics-page" data-testid="statistics-page">
      <div className="toolbar">
        <h1 className="page-title">{t('statistics.title')}</h1>
        <label>
          {t('statistics.year')}
          <input
            type="number"
            className="stat-year"
            value={year}
            min={1900}
            max={2999}
            onChange={(e) => Number(e.target.value) >= 1900 && setYear(Number(e.target.value))}
            data-testid="statistics-year"
          />
        </label>
        {report && (
          <span
            className={report.closed ? 'stat-closed' : 'muted'}
            data-testid="statistics-state"
            title={report.closed?.comment || undefined}
          >
            {report.closed
              ? t('statistics.closed', { name: report.closed.closedByName, time: formatTime(report.closed.closedAt) })
              : t('statistics.open')}
          </span>
        )}
        {report && !report.closed && perms.includes('statistics.close') && (
          <button onClick={() => setClosing(true)} data-testid="statistics-close">
            {t('statistics.closeYear')}
          </button>
        )}
        {perms.includes('export') && (
          <>
            <button
              onClick={() => void saveCoreFile(() => api.printAnnual(year, 'pdf'))}
              data-testid="statistics-print"
            >
              {t('statistics.print')}
            </button>
            <button onClick={() => void saveCoreFile(() => api.printAnnual(year, 'xlsx'))}>
              {t('statistics.export')}
            </button>
          </>
        )}
      </div>
      <p className="muted">
        {report && `${report.unitName} · ${t('statistics.asOf', { year: report.year })} · `}
        {t('statistics.yearHint')}
      </p>
      {report && <Corrections corrections={report.corrections} />}
      {drill && <DrillList drill={drill} onBack={back} />}
      {report && !drill && (
        <div className="stat-grid">
          <FigureTables figures={report.figures} gaps={report.gaps} onOpen={(f) => void open(f)} />
          {profile && (
            <ProfileForm
              profile={profile}
              canEdit={perms.includes('statistics.profile')}
              onSaved={() => void reload()}
            />
          )}
        </div>
      )}
      {closing && report && (
        <SignDialog
          testId="statistics"
          title={t('statistics.closeYear')}
          what={t('statistics.closeWhat', { year: report.year, count: report.figures.length })}
          commentLabel={t('statistics.closeComment')}
          sign={(password, comment) => api.close(report.year, password, comment)}
          onClose={() => setClosing(false)}
          onDone={() => {
            setClosing(false);
            void reload();
          }}
        />
      )}
    </div>
  );
}
