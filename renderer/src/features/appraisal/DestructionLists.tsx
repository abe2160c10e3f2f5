import { useState } from 'react';
import {
  DESTRUCTION_STATUS_LABELS,
  type DestructionListView,
  ENTITY_UNIT_LABELS,
  unitCount,
} from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import { saveCoreFile } from '../../lib/saveFile';
import { formatTime } from '../../lib/format';
import { useSession } from '../../stores/session';
import { toast } from '../../stores/toasts';
import * as api from './actions';
import { SignDialog } from '../../components/SignDialog';

/** 销毁清册: compile from a round's 销毁 decisions, approve (password signature), execute, print. */
export function DestructionLists(props: {
  lists: DestructionListView[];
  canCompile: boolean;
  canApprove: boolean;
  canExport: boolean;
  onChange: () => void;
}) {
  const [round, setRound] = useState(`${new Date().getFullYear()}年度鉴定`);
  const [listNo, setListNo] = useState('');
  const [approving, setApproving] = useState<DestructionListView | null>(null);
  const me = useSession((s) => s.login?.user.id);
  /** Their own list is not theirs to approve (the core refuses it: DESTRUCTION_OWN_LIST). */
  const mine = (l: DestructionListView) => l.createdBy === me;
  const fail = (err: unknown) => toast.error(err instanceof Error ? err.message : String(err));

  const create = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      await api.createList({ round, listNo });
      setListNo('');
      props.onChange();
    } catch (err) {
      fail(err);
    }
  };
  const execute = async (l: DestructionListView) => {
    if (!window.confirm(t('appraisal.executeConfirm'))) return;
    try {
      await api.execute(l.id);
      props.onChange();
    } catch (err) {
      fail(err);
    }
  };

  return (
    <section className="apr-lists" data-testid="appraisal-lists">
      <h2>{t('appraisal.lists')}</h2>
      {props.canCompile && (
        <form className="apr-fields" onSubmit={create}>
          <label>
            {t('appraisal.round')}
            <input value={round} onChange={(e) => setRound(e.target.value)} data-testid="appraisal-list-round" />
          </label>
          <label>
            {t('appraisal.listNo')}
            <input value={listNo} onChange={(e) => setListNo(e.target.value)} data-testid="appraisal-list-no" />
          </label>
          <button type="submit" data-testid="appraisal-list-create">
            {t('appraisal.createList')}
          </button>
        </form>
      )}
      {!props.lists.length && <p className="muted">{t('appraisal.listsEmpty')}</p>}
      <ul>
        {props.lists.map((l) => (
          <li key={l.id} data-testid="appraisal-list-row">
            <strong>{l.listNo}</strong> · {l.round} · {unitCount(l.entries)} ·{' '}
            <span data-testid="appraisal-list-status">{DESTRUCTION_STATUS_LABELS[l.status]}</span> · 编制{' '}
            {l.createdByName}
            {l.approvedByName && ` · 批准 ${l.approvedByName} ${formatTime(l.approvedAt).slice(0, 16)}`}
            <div className="muted">
              {l.entries.map((e) => `${ENTITY_UNIT_LABELS[e.entity]} ${e.archiveCode} ${e.title}`).join('；')}
            </div>
            <div className="toolbar">
              {props.canApprove && l.status === 'draft' && mine(l) && (
                <span className="muted" data-testid="appraisal-own-list">
                  {t('appraisal.notOwn')}
                </span>
              )}
              {props.canApprove && l.status === 'draft' && !mine(l) && (
                <button onClick={() => setApproving(l)} data-testid="appraisal-approve">
                  {t('appraisal.approve')}
                </button>
              )}
              {props.canCompile && l.status === 'approved' && (
                <button onClick={() => void execute(l)} data-testid="appraisal-execute">
                  {t('appraisal.execute')}
                </button>
              )}
              {props.canExport && (
                <>
                  <button
                    onClick={() => void saveCoreFile(() => api.printList(l.id, 'pdf'))}
                    data-testid="appraisal-print"
                  >
                    {t('appraisal.printPdf')}
                  </button>
                  <button onClick={() => void saveCoreFile(() => api.printList(l.id, 'xlsx'))}>
                    {t('appraisal.printXlsx')}
                  </button>
                </>
              )}
            </div>
          </li>
        ))}
      </ul>
      {approving && (
        <SignDialog
          testId="appraisal"
          title={t('appraisal.approve')}
          what={`${approving.listNo} · ${approving.entries.map((e) => e.archiveCode).join('、')}`}
          sign={(password) => api.approve(approving.id, password)}
          onClose={() => setApproving(null)}
          onDone={() => {
            setApproving(null);
            props.onChange();
          }}
        />
      )}
    </section>
  );
}
