import { useCallback, useEffect, useState } from 'react';
import type { DestructionListView, DueRecord, OpeningDuePage } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import { useSession } from '../../stores/session';
import { toast } from '../../stores/toasts';
import * as api from './actions';
import { DestructionLists } from './DestructionLists';
import { DueList } from './DueList';
import { OpeningList } from './OpeningList';
import './appraisal.css';

/** 鉴定销毁: the due list with a decision per row, the destruction lists, the opening review. */
export function AppraisalPage() {
  const perms = useSession((s) => s.login?.permissions ?? []);
  const canDecide = perms.includes('appraisal.decide');
  const [due, setDue] = useState<DueRecord[]>([]);
  const [lists, setLists] = useState<DestructionListView[]>([]);
  const [opening, setOpening] = useState<OpeningDuePage | null>(null);

  const reload = useCallback(async () => {
    try {
      const [d, l, o] = await Promise.all([api.due(), api.lists(), api.openingDue()]);
      setDue(d.rows);
      setLists(l);
      setOpening(o);
    } catch (err) {
      toast.error(err instanceof Error ? err.message : String(err));
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  return (
    <div className="page appraisal-page" data-testid="appraisal-page">
      <div className="toolbar">
        <h1 className="page-title">{t('appraisal.title')}</h1>
      </div>
      <div className="apr-grid">
        <DueList rows={due} canDecide={canDecide} onChange={() => void reload()} />
        <DestructionLists
          lists={lists}
          canCompile={canDecide}
          canApprove={perms.includes('appraisal.approve')}
          canExport={perms.includes('export')}
          onChange={() => void reload()}
        />
        <OpeningList
          due={opening}
          canReview={perms.includes('opening.review')}
          canExport={perms.includes('export')}
          onChange={() => void reload()}
        />
      </div>
    </div>
  );
}
