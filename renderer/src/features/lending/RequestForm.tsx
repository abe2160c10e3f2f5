import { useState } from 'react';
import {
  LOAN_PURPOSES,
  LOAN_WAYS,
  BORROWER_KIND_LABELS,
  type BorrowerKind,
  type LoanPurpose,
  type LoanWay,
} from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import { toast } from '../../stores/toasts';
import * as api from './actions';

const day = (d: Date) => d.toISOString().slice(0, 10);

/** 登记借阅申请: keyboard only, Enter in any field saves (the form's submit). */
export function RequestForm({ onSaved }: { onSaved: () => void }) {
  const today = new Date();
  const [kind, setKind] = useState<BorrowerKind>('officer');
  const [f, setF] = useState({
    borrowerName: '',
    borrowerUnit: '',
    borrowerIdNo: '',
    letterNo: '',
    contact: '',
    reason: '',
    fromDate: day(today),
    dueDate: day(new Date(today.getTime() + 14 * 86_400_000)),
    codes: '',
  });
  const [purpose, setPurpose] = useState<LoanPurpose>('工作查考');
  const [way, setWay] = useState<LoanWay>('阅览');
  const [ownRecords, setOwn] = useState(false);
  const [onBehalf, setBehalf] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement>) => setF({ ...f, [k]: e.target.value });

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const { codes, ...rest } = f;
      await api.createLoan({
        ...rest,
        borrowerKind: kind,
        purpose,
        way,
        ownRecords: kind === 'citizen' && ownRecords,
        onBehalf: kind === 'citizen' && onBehalf,
        codes: codes
          .split(/[\n,，;；\s]+/)
          .map((c) => c.trim())
          .filter(Boolean),
      });
      toast.success(t('lending.saved'));
      setF({ ...f, borrowerName: '', borrowerIdNo: '', letterNo: '', contact: '', reason: '', codes: '' });
      onSaved();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  const text = (k: keyof typeof f, label: Parameters<typeof t>[0], testId?: string) => (
    <label>
      {t(label)}
      <input value={f[k]} onChange={set(k)} data-testid={testId} />
    </label>
  );

  return (
    <form className="lnd-form" onSubmit={save} data-testid="lending-form">
      <h2>{t('lending.new')}</h2>
      <label>
        {t('lending.borrowerKind')}
        <select value={kind} onChange={(e) => setKind(e.target.value as BorrowerKind)} data-testid="lending-kind">
          {Object.entries(BORROWER_KIND_LABELS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </label>
      {text('borrowerName', 'lending.borrowerName', 'lending-borrower')}
      {text('borrowerUnit', 'lending.borrowerUnit', 'lending-unit')}
      {kind === 'citizen' && text('borrowerIdNo', 'lending.borrowerIdNo')}
      {kind === 'unit' && text('letterNo', 'lending.letterNo')}
      {text('contact', 'lending.contact')}
      {kind === 'citizen' && (
        <>
          <label>
            <input type="checkbox" checked={ownRecords} onChange={(e) => setOwn(e.target.checked)} />
            {t('lending.ownRecords')}
          </label>
          <label>
            <input type="checkbox" checked={onBehalf} onChange={(e) => setBehalf(e.target.checked)} />
            {t('lending.onBehalf')}
          </label>
        </>
      )}
      <label>
        {t('lending.purpose')}
        <select value={purpose} onChange={(e) => setPurpose(e.target.value as LoanPurpose)}>
          {LOAN_PURPOSES.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </label>
      <label>
        {t('lending.way')}
        <select value={way} onChange={(e) => setWay(e.target.value as LoanWay)} data-testid="lending-way">
          {LOAN_WAYS.map((w) => (
            <option key={w}>{w}</option>
          ))}
        </select>
      </label>
      {text('fromDate', 'lending.fromDate')}
      {text('dueDate', 'lending.dueDate')}
      {text('reason', 'lending.reason')}
      {text('codes', 'lending.codes', 'lending-codes')}
      {error && (
        <div className="form-error" role="alert" data-testid="lending-form-error">
          {error}
        </div>
      )}
      <button type="submit" className="primary" data-testid="lending-save">
        {t('lending.save')}
      </button>
    </form>
  );
}
