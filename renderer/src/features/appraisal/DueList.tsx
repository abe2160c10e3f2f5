import { useState } from 'react';
import { APPRAISAL_DECISION_LABELS, type DueRecord, ENTITY_UNIT_LABELS } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import { toast } from '../../stores/toasts';
import * as api from './actions';

type Period = 'D10' | 'D30' | 'Y';

/**
 * 保管期限已满: the records due (件 and 卷, marked in the first column), one decision per row by keyboard (↑↓ select, K 继续保存 with the
 * period chosen above, D 销毁, H 冻结/解除冻结), recorded under the appraisal round typed above.
 */
export function DueList({
  rows,
  canDecide,
  onChange,
}: {
  rows: DueRecord[];
  canDecide: boolean;
  onChange: () => void;
}) {
  const [sel, setSel] = useState(0);
  const [round, setRound] = useState(`${new Date().getFullYear()}年度鉴定`);
  const [period, setPeriod] = useState<Period>('D10');
  const [reason, setReason] = useState('');
  const current = rows[Math.min(sel, rows.length - 1)];

  const run = async (what: 'keep' | 'destroy' | 'hold') => {
    if (!current || !canDecide) return;
    try {
      if (what === 'hold')
        await api.hold({
          entity: current.entity,
          itemId: current.itemId,
          hold: !current.held,
          reason: reason || '诉讼保全',
        });
      else
        await api.decide({
          entity: current.entity,
          itemId: current.itemId,
          decision: what,
          newRetention: what === 'keep' ? period : undefined,
          round,
          reason,
        });
      toast.success(
        t('appraisal.decided', { what: what === 'hold' ? t('appraisal.held') : APPRAISAL_DECISION_LABELS[what] }),
      );
      onChange();
    } catch (err) {
      toast.error(err instanceof Error ? err.message : String(err));
    }
  };

  const onKey = (e: React.KeyboardEvent) => {
    const k = e.key.toLowerCase();
    if (e.key === 'ArrowDown') setSel((i) => Math.min(i + 1, rows.length - 1));
    else if (e.key === 'ArrowUp') setSel((i) => Math.max(i - 1, 0));
    else if (k === 'k') void run('keep');
    else if (k === 'd') void run('destroy');
    else if (k === 'h') void run('hold');
    else return;
    e.preventDefault();
  };

  return (
    <section className="apr-due" data-testid="appraisal-due">
      <h2>{t('appraisal.due')}</h2>
      {canDecide && (
        <div className="apr-fields">
          <label>
            {t('appraisal.round')}
            <input value={round} onChange={(e) => setRound(e.target.value)} data-testid="appraisal-round" />
          </label>
          <label>
            {t('appraisal.newRetention')}
            <select value={period} onChange={(e) => setPeriod(e.target.value as Period)}>
              <option value="D10">10年</option>
              <option value="D30">30年</option>
              <option value="Y">永久</option>
            </select>
          </label>
          <label>
            {t('appraisal.reason')}
            <input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="appraisal-reason" />
          </label>
        </div>
      )}
      {!rows.length && <p className="muted">{t('appraisal.dueEmpty')}</p>}
      {rows.length > 0 && <p className="muted">{t('appraisal.dueHint')}</p>}
      <ul tabIndex={0} onKeyDown={onKey} data-testid="appraisal-due-list">
        {rows.map((r, i) => (
          <li
            key={`${r.entity}:${r.itemId}`}
            className={r === current ? 'selected' : ''}
            onClick={() => setSel(i)}
            data-testid="appraisal-due-row"
          >
            <span className="apr-unit" data-testid="appraisal-unit">
              {ENTITY_UNIT_LABELS[r.entity]}
            </span>
            <strong>{r.archiveCode}</strong> {r.title} · {r.year} · {r.retention} · 到期 {r.expiredAfter ?? '—'}
            {r.held && <span className="apr-held"> · {t('appraisal.held')}</span>}
            {r.decision && (
              <span className="apr-decision" data-testid="appraisal-decision">
                {' '}
                · {APPRAISAL_DECISION_LABELS[r.decision.decision]}
                {r.decision.newRetention ? `（${r.decision.newRetention}）` : ''}
              </span>
            )}
          </li>
        ))}
      </ul>
      {canDecide && current && (
        <div className="toolbar">
          <button onClick={() => void run('keep')}>{t('appraisal.keep')}</button>
          <button onClick={() => void run('destroy')} data-testid="appraisal-destroy">
            {t('appraisal.destroy')}
          </button>
        </div>
      )}
    </section>
  );
}
