import { useEffect, useState } from 'react';
import { FormError } from '../../components/FormError';
import { t } from '../../i18n/zh-CN';
import { saveCoreFile } from '../../lib/saveFile';
import { useSession } from '../../stores/session';
import * as api from './actions';
import { ReportLists } from './ReportLists';
import { ScanBox } from './ScanBox';
import { useStocktake, type LogLine } from './store';
import './stocktake.css';

const OUTCOME_TEXT: Record<LogLine['outcome'], string> = {
  pending: '处理中',
  error: '出错',
  place: '库位',
  found: '在位',
  misplaced: '错位',
  unknown: '无法识别',
  twice: '重复',
};

/** 盘点: start a count of a place, scan its labels (scanner, keyboard or photo), see the report, confirm. */
export function StocktakePage() {
  const perms = useSession((s) => s.login?.permissions ?? []);
  const canWrite = perms.includes('catalogue.write');
  const canExport = perms.includes('export');
  const { report, log, loading, error, enter, accept, cancel, clearError } = useStocktake();
  const [confirming, setConfirming] = useState<'accept' | 'cancel' | null>(null);

  useEffect(() => {
    void enter();
  }, [enter]);

  const st = report?.stocktake;
  const open = st?.status === 'open';
  const file = (kind: 'print' | 'export') =>
    st && saveCoreFile(() => (kind === 'print' ? api.printReport(st.id) : api.exportReport(st.id)));

  return (
    <div className="page stocktake-page" data-testid="stocktake-page">
      <div className="toolbar">
        <h1 className="page-title">{t('stocktake.title')}</h1>
        {st && (
          <span className="muted" data-testid="stocktake-head">
            {st.title} · {st.placePath}（{st.placeCode}） · {t(`stocktake.status.${st.status}`)}
          </span>
        )}
      </div>
      {error && (
        <div className="form-error" role="alert" data-testid="stocktake-error" onClick={clearError}>
          {error}
        </div>
      )}
      {!loading && (!st || !open) && canWrite && <StartForm again={!!st} />}
      {!loading && !st && !canWrite && <p className="muted">{t('stocktake.none')}</p>}
      {report && st && (
        <>
          <div className="stk-counts" data-testid="stocktake-counts">
            <Count label="应有" n={report.counts.expected} />
            <Count label="在位" n={report.counts.found} cls="found" />
            <Count label="缺失" n={report.counts.missing} cls="missing" />
            <Count label="错位" n={report.counts.misplaced} cls="misplaced" />
            <Count label="无法识别" n={report.counts.unknown} cls="unknown" />
            <Count label="重复" n={report.counts.twice} cls="twice" />
            <Count label="盒内件/卷" n={report.counts.contentsFound} />
            <Count label="已扫描" n={report.counts.scans} />
            {report.atPath && open && <span className="stk-at">{t('stocktake.at', { path: report.atPath })}</span>}
          </div>
          {open && canWrite && <ScanBox />}
          {open && (
            <ol className="stk-log" data-testid="stocktake-log" aria-live="polite">
              {log.slice(0, 12).map((l) => (
                <li key={l.key} className={`stk-line stk-${l.outcome}`} data-outcome={l.outcome}>
                  <span className="stk-badge">{OUTCOME_TEXT[l.outcome]}</span>
                  <code>{l.code}</code>
                  <span>{l.message}</span>
                  {l.source === 'photo' && <span className="muted">（拍照）</span>}
                </li>
              ))}
            </ol>
          )}
          <ReportLists report={report} />
          <div className="stk-actions">
            {open && canWrite && (
              <>
                <button
                  type="button"
                  className="btn-primary"
                  onClick={() => setConfirming('accept')}
                  data-testid="stocktake-accept"
                >
                  {t('stocktake.accept')}
                </button>
                <button
                  type="button"
                  className="btn-flat"
                  onClick={() => setConfirming('cancel')}
                  data-testid="stocktake-cancel"
                >
                  {t('stocktake.cancel')}
                </button>
              </>
            )}
            {canExport && (
              <>
                <button
                  type="button"
                  className="btn-flat"
                  onClick={() => void file('print')}
                  data-testid="stocktake-print"
                >
                  {t('stocktake.print')}
                </button>
                <button
                  type="button"
                  className="btn-flat"
                  onClick={() => void file('export')}
                  data-testid="stocktake-export"
                >
                  {t('stocktake.export')}
                </button>
              </>
            )}
          </div>
          {confirming && (
            <div className="stk-confirm" role="alertdialog" data-testid="stocktake-confirm">
              <p>
                {confirming === 'accept'
                  ? t('stocktake.acceptAsk', {
                      moved: report.misplaced.filter((m) => m.movable).length,
                      missing: report.counts.missing,
                    })
                  : t('stocktake.cancelAsk')}
              </p>
              <button
                type="button"
                className="btn-primary"
                autoFocus
                data-testid="stocktake-confirm-yes"
                onClick={() => {
                  setConfirming(null);
                  void (confirming === 'accept' ? accept() : cancel());
                }}
              >
                {t('common.confirm')}
              </button>
              <button type="button" className="btn-flat" onClick={() => setConfirming(null)}>
                {t('common.cancel')}
              </button>
            </div>
          )}
          {st.status === 'accepted' && (
            <p className="stk-done" data-testid="stocktake-done">
              {t('stocktake.done', { moved: report.moved, by: st.closedByName ?? '' })}
            </p>
          )}
        </>
      )}
    </div>
  );
}

function Count({ label, n, cls }: { label: string; n: number; cls?: string }) {
  return (
    <span className={`stk-count${cls ? ` stk-${cls}` : ''}`} data-testid={cls ? `stocktake-count-${cls}` : undefined}>
      {label} <b>{n}</b>
    </span>
  );
}

function StartForm({ again }: { again: boolean }) {
  const start = useStocktake((s) => s.start);
  const [place, setPlace] = useState('');
  const [title, setTitle] = useState(`${new Date().getFullYear()}年盘点`);
  const [err, setErr] = useState<string | null>(null);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!place.trim()) return setErr(t('stocktake.placeNeeded'));
    setErr(null);
    await start(place.trim(), title.trim());
  };
  return (
    <form className="stk-start" onSubmit={(e) => void submit(e)} data-testid="stocktake-start">
      <label>
        {t('stocktake.place')}
        <input
          autoFocus
          value={place}
          onChange={(e) => setPlace(e.target.value)}
          placeholder={t('stocktake.placeHint')}
          data-testid="stocktake-place"
        />
      </label>
      <label>
        {t('stocktake.name')}
        <input value={title} onChange={(e) => setTitle(e.target.value)} data-testid="stocktake-title" />
      </label>
      <button type="submit" className="btn-primary" data-testid="stocktake-begin">
        {again ? t('stocktake.startAgain') : t('stocktake.start')}
      </button>
      <FormError message={err} />
    </form>
  );
}
