import { useEffect, useRef, useState } from 'react';
import type { LoanView } from '../../../../electron/contract';
import { SignDialog } from '../../components/SignDialog';
import { t } from '../../i18n/zh-CN';
import { toast } from '../../stores/toasts';
import * as api from './actions';

/**
 * 待我审批: the requests the caller may decide. Alt+A approves, Alt+R rejects the selected one;
 * either asks for a comment and the approver's password, which signs the decision.
 */
export function Queue({
  loans,
  others,
  onChange,
}: {
  loans: LoanView[];
  /** Pending requests this approver may not decide, each with the reason the core would give. */
  others: { loan: LoanView; why: string }[];
  onChange: () => void;
}) {
  const [sel, setSel] = useState(0);
  const [deciding, setDeciding] = useState<'approved' | 'rejected' | null>(null);
  const current = loans[Math.min(sel, loans.length - 1)];
  const dialogOpen = useRef(false);
  dialogOpen.current = deciding !== null;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || dialogOpen.current || !loans.length) return;
      const k = e.key.toLowerCase();
      if (k === 'a' || k === 'r') {
        e.preventDefault();
        setDeciding(k === 'a' ? 'approved' : 'rejected');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [loans.length]);

  return (
    <section className="lnd-queue" data-testid="lending-queue">
      <h2>{t('lending.queue')}</h2>
      {!loans.length && <p className="muted">{t('lending.queueEmpty')}</p>}
      <ul>
        {loans.map((l, i) => (
          <li
            key={l.id}
            className={l === current ? 'selected' : ''}
            onClick={() => setSel(i)}
            data-testid="lending-queue-row"
          >
            <strong>{l.borrowerName}</strong>（{l.borrowerUnit || '—'}）{l.way} · {l.purpose} · {l.fromDate}～
            {l.dueDate} · 申请人 {l.filedByName}
            <div className="muted">{l.records.map((r) => `${r.archiveCode} ${r.title}`).join('；')}</div>
            {l.headReasons.length > 0 && (
              <div className="lnd-head">{t('lending.head', { why: l.headReasons.join('；') })}</div>
            )}
          </li>
        ))}
      </ul>
      {others.length > 0 && (
        <div className="lnd-others" data-testid="lending-others">
          <h3>{t('lending.others')}</h3>
          <ul>
            {others.map(({ loan: l, why }) => (
              <li key={l.id} data-testid="lending-other-row">
                <strong>{l.borrowerName}</strong> {l.way} · {l.records.map((r) => r.archiveCode).join('、')}
                <div className="lnd-head">{why}</div>
              </li>
            ))}
          </ul>
        </div>
      )}
      {current && (
        <div className="toolbar">
          <button onClick={() => setDeciding('approved')} data-testid="lending-approve">
            {t('lending.approve')}
          </button>
          <button onClick={() => setDeciding('rejected')} data-testid="lending-reject">
            {t('lending.reject')}
          </button>
        </div>
      )}
      {deciding && current && (
        <SignDialog
          testId="lending"
          title={deciding === 'approved' ? t('lending.approve') : t('lending.reject')}
          what={`${current.borrowerName} · ${current.way} · ${current.records.map((r) => r.archiveCode).join('、')}`}
          commentLabel={t('lending.comment')}
          initialComment={deciding === 'approved' ? '同意' : ''}
          sign={async (password, comment) => {
            await api.decideLoan({ id: current.id, decision: deciding, comment, password });
            toast.success(t('lending.decided', { what: deciding === 'approved' ? '批准' : '不批准' }));
          }}
          onClose={() => setDeciding(null)}
          onDone={() => {
            setDeciding(null);
            onChange();
          }}
        />
      )}
    </section>
  );
}
