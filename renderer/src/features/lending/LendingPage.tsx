import { useCallback, useEffect, useState } from 'react';
import { LOAN_STATUS_LABELS, type LoanView, type OverdueLoan } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import { saveCoreFile } from '../../lib/saveFile';
import { formatTime } from '../../lib/format';
import { useSession } from '../../stores/session';
import { toast } from '../../stores/toasts';
import * as api from './actions';
import { Desk } from './Desk';
import { Queue } from './Queue';
import { RequestForm } from './RequestForm';
import './lending.css';

/** 借阅利用: the desk (scan to hand out or take back), requests, the approver's queue, overdue loans, the register. */
export function LendingPage() {
  const perms = useSession((s) => s.login?.permissions ?? []);
  const canDesk = perms.includes('lending.request');
  const canApprove = perms.includes('lending.approve');
  const canExport = perms.includes('export');
  const me = useSession((s) => s.login?.user);
  const [queue, setQueue] = useState<LoanView[]>([]);
  const [loans, setLoans] = useState<LoanView[]>([]);
  const [late, setLate] = useState<OverdueLoan[]>([]);
  const [year, setYear] = useState(new Date().getFullYear());

  const reload = useCallback(async () => {
    try {
      const [q, all, o] = await Promise.all([
        canApprove ? api.listLoans({ queue: true }) : Promise.resolve([]),
        api.listLoans({ queue: false }),
        api.overdue(),
      ]);
      setQueue(q);
      setLoans(all);
      setLate(o);
    } catch (err) {
      toast.error(err instanceof Error ? err.message : String(err));
    }
  }, [canApprove]);
  useEffect(() => {
    void reload();
  }, [reload]);

  return (
    <div className="page lending-page" data-testid="lending-page">
      <div className="toolbar">
        <h1 className="page-title">{t('lending.title')}</h1>
      </div>
      <div className="lnd-grid">
        {canDesk && <Desk onChange={() => void reload()} />}
        {canApprove && <Queue loans={queue} others={notMine(loans, queue, me)} onChange={() => void reload()} />}
        {canDesk && <RequestForm onSaved={() => void reload()} />}
      </div>
      <section data-testid="lending-overdue">
        <h2>
          {t('lending.overdue')}（{late.length}）
          {canExport && late.length > 0 && (
            <button onClick={() => void saveCoreFile(api.reminders)} data-testid="lending-reminders">
              {t('lending.reminders')}
            </button>
          )}
        </h2>
        {!late.length && <p className="muted">{t('lending.overdueEmpty')}</p>}
        {late.length > 0 && (
          <table className="data-table">
            <tbody>
              {late.map((l) => (
                <tr key={l.id} className="lnd-late" data-testid="lending-overdue-row">
                  <td>{l.dueDate}</td>
                  <td>{l.archiveCode}</td>
                  <td>{l.title}</td>
                  <td>
                    {l.borrowerName}（{l.borrowerUnit || '—'}）
                  </td>
                  <td>{l.contact}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section data-testid="lending-all">
        <h2>{t('lending.all')}</h2>
        {canExport && (
          <div className="toolbar">
            <label>
              {t('lending.year')}
              <input
                className="lnd-year"
                value={year}
                inputMode="numeric"
                onChange={(e) => setYear(Number(e.target.value) || year)}
              />
            </label>
            <button
              onClick={() => void saveCoreFile(() => api.register(year, 'pdf'))}
              data-testid="lending-register-pdf"
            >
              {t('lending.registerPdf')}
            </button>
            <button onClick={() => void saveCoreFile(() => api.register(year, 'xlsx'))}>
              {t('lending.registerXlsx')}
            </button>
          </div>
        )}
        <table className="data-table" data-testid="lending-list">
          <thead>
            <tr>
              <th>借阅日期</th>
              <th>借阅人</th>
              <th>方式/目的</th>
              <th>档案</th>
              <th>状态</th>
              <th>审批</th>
            </tr>
          </thead>
          <tbody>
            {loans.map((l) => (
              <tr key={l.id} className={l.records.some((r) => r.overdue) ? 'lnd-late' : ''}>
                <td>{l.fromDate}</td>
                <td>
                  {l.borrowerName}
                  {l.onBehalf ? '（民警代查）' : ''}
                </td>
                <td>
                  {l.way} · {l.purpose}
                </td>
                <td>{l.records.map((r) => r.archiveCode).join('、')}</td>
                <td data-testid="lending-status">
                  {l.records.some((r) => r.status === 'out') ? '借出中' : LOAN_STATUS_LABELS[l.status]}
                </td>
                <td>
                  {l.decision ? `${l.decision.approverName} ${formatTime(l.decision.decidedAt).slice(0, 16)}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

/**
 * The pending requests left out of the queue, with why (the core refuses the same: LOAN_OWN_REQUEST,
 * LOAN_HEAD_REQUIRED), so an approver who filed one does not wonder where it went.
 */
function notMine(all: LoanView[], queue: LoanView[], me: { id: string } | undefined) {
  if (!me) return [];
  return all
    .filter((l) => l.status === 'pending' && !queue.some((q) => q.id === l.id))
    .map((loan) => ({
      loan,
      why: loan.filedBy === me.id ? t('lending.notOwn') : t('lending.head', { why: loan.headReasons.join('；') }),
    }));
}
