import { useState } from 'react';
import {
  SIGN_ROLE_LABELS,
  type ArrangementBatch,
  type SelfCheckReport,
  type SignRole,
  type StepView,
} from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import { formatTime } from '../../lib/format';
import { useSession } from '../../stores/session';
import { toast } from '../../stores/toasts';
import * as api from './actions';
import { SignDialog } from '../../components/SignDialog';

const errText = (err: unknown) => (err instanceof Error ? err.message : String(err));
const when = (iso: string) => formatTime(iso).slice(0, 16);
/** Capacities bound to an account role (the core refuses others: ARRANGEMENT_ROLE_MISMATCH). */
const BOUND: Partial<Record<SignRole, string>> = { head: 'head', registry: 'registry' };

/** One batch: assignments with progress bars, the steps with their sign-offs, the self-check. */
export function BatchDetail(props: {
  batch: ArrangementBatch;
  canManage: boolean;
  canSign: boolean;
  canPrint: boolean;
  onChange: () => void;
  onPrint: () => void;
}) {
  const b = props.batch;
  const myRole = useSession((s) => s.login?.user.role);
  const [job, setJob] = useState({ username: '', task: '', target: '', dueDate: '' });
  const [report, setReport] = useState<SelfCheckReport | null>(null);
  const [signing, setSigning] = useState<{ step: StepView; role: SignRole } | null>(null);
  const pct = (n: number, of: number) => `${of ? Math.min(100, Math.round((100 * n) / of)) : 0}%`;

  const addJob = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      await api.assign({ batchId: b.id, ...job, target: Number(job.target) });
      toast.success(t('arr.assigned', { who: job.username }));
      setJob({ username: '', task: '', target: '', dueDate: '' });
      props.onChange();
    } catch (err) {
      toast.error(errText(err));
    }
  };
  const check = async () => {
    try {
      setReport(await api.selfCheck(b.id));
    } catch (err) {
      toast.error(errText(err));
    }
  };

  return (
    <section className="arr-detail" data-testid="arr-detail">
      <h2>
        {b.name} · {b.scope}
        {props.canPrint && (
          <button onClick={props.onPrint} data-testid="arr-print">
            {t('arr.print')}
          </button>
        )}
      </h2>
      <h3>{t('arr.progress')}</h3>
      <p data-testid="arr-batch-progress">
        {t('arr.batchProgress', { scanned: b.progress.scanned, items: b.progress.items, target: b.progress.target })}
      </p>
      <table className="data-table arr-people" data-testid="arr-people">
        <tbody>
          {b.progress.persons.map((p, i) => (
            <tr key={i} data-testid="arr-person">
              <td>{p.userName}</td>
              <td>{p.task}</td>
              <td className="arr-bar-cell">
                <div className="arr-bar">
                  <div style={{ width: pct(p.done, p.target) }} />
                </div>
              </td>
              <td data-testid="arr-person-count">
                {p.done}/{p.target}
              </td>
              <td>{p.dueDate}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.canManage && b.status === 'open' && (
        <form className="arr-form arr-inline" onSubmit={addJob} data-testid="arr-assign">
          <strong>{t('arr.assign')}</strong>
          {(
            [
              ['username', t('arr.username')],
              ['task', t('arr.task')],
              ['target', t('arr.target')],
              ['dueDate', t('arr.due')],
            ] as const
          ).map(([k, label]) => (
            <label key={k}>
              {label}
              <input
                value={job[k]}
                placeholder={k === 'dueDate' ? 'YYYY-MM-DD' : ''}
                onChange={(e) => setJob({ ...job, [k]: e.target.value })}
                data-testid={`arr-assign-${k}`}
              />
            </label>
          ))}
          <button type="submit" data-testid="arr-assign-ok">
            {t('arr.addAssign')}
          </button>
        </form>
      )}
      <h3>{t('arr.steps')}</h3>
      <ol className="arr-steps" data-testid="arr-steps">
        {b.steps.map((st) => (
          <li
            key={st.id}
            className={st.completedAt ? 'done' : st.position === b.currentStep ? 'current' : ''}
            data-testid="arr-step"
          >
            <strong>{st.label}</strong>
            {st.roles.map((role) => {
              const o = st.signoffs.find((x) => x.signRole === role);
              return (
                <span key={role} className="arr-role">
                  {SIGN_ROLE_LABELS[role]}：
                  {o ? (
                    <span data-testid="arr-signed">
                      {o.signerName} {when(o.signedAt)}
                    </span>
                  ) : props.canSign && st.position === b.currentStep && BOUND[role] && BOUND[role] !== myRole ? (
                    <span className="muted" data-testid={`arr-bound-${st.key}-${role}`}>
                      {t('arr.ownRole', { role: SIGN_ROLE_LABELS[role] })}
                    </span>
                  ) : props.canSign && st.position === b.currentStep ? (
                    <button onClick={() => setSigning({ step: st, role })} data-testid={`arr-sign-${st.key}-${role}`}>
                      {t('arr.sign')}
                    </button>
                  ) : (
                    '—'
                  )}
                </span>
              );
            })}
          </li>
        ))}
      </ol>
      <h3>
        {t('arr.selfCheck')}
        <button onClick={() => void check()} data-testid="arr-check">
          {t('arr.runCheck')}
        </button>
      </h3>
      {report && <Report r={report} />}
      {signing && (
        <SignDialog
          testId="arr"
          title={t('arr.signAs', { role: SIGN_ROLE_LABELS[signing.role], step: signing.step.label })}
          what={`${b.name} · ${b.scope}`}
          commentLabel={t('arr.comment')}
          sign={async (password, comment) => {
            await api.signStep({ batchId: b.id, stepId: signing.step.id, signRole: signing.role, comment, password });
            toast.success(t('arr.signed'));
          }}
          onClose={() => setSigning(null)}
          onDone={() => {
            setSigning(null);
            props.onChange();
          }}
        />
      )}
    </section>
  );
}

function Report({ r }: { r: SelfCheckReport }) {
  return (
    <div className="arr-report" data-testid="arr-report">
      <p data-testid="arr-counts">
        {t('arr.counts', {
          volumes: r.volumes,
          items: r.items,
          persons: r.persons,
          scanned: r.scanned,
          gaps: r.gapCount,
        })}
      </p>
      {r.gapCount === 0 && <p className="muted">{t('arr.noGaps')}</p>}
      {r.unscannedPersons.length > 0 && (
        <p>
          {t('arr.unscanned')}：{r.unscannedPersons.map((p) => `${p.name}（${p.archiveCodes.join('、')}）`).join('；')}
        </p>
      )}
      {r.itemNoGaps.length > 0 && (
        <p>
          {t('arr.itemNoGaps')}：{r.itemNoGaps.map((g) => `${g.where} 缺 ${g.missing.join('、')}`).join('；')}
        </p>
      )}
      {r.missingFields.length > 0 && (
        <p>
          {t('arr.missingFields')}：
          {r.missingFields.map((m) => `${m.archiveCode}（${m.fields.join('、')}）`).join('；')}
        </p>
      )}
    </div>
  );
}
