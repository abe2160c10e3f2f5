import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobProgressEvent, SearchStatusView } from '../../../../electron/contract';
import { errorMessage } from '../../lib/errors';
import { getIndexStatus, onJobProgress, rebuildIndex } from './actions';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormError } from '../../components/FormError';
import { ProgressBar } from '../../components/ProgressBar';
import { formatCount } from '../../lib/format';
import { toast } from '../../stores/toasts';
import { useSearch } from './store';
import { t } from '../../i18n/zh-CN';

const STATE_TAG: Record<SearchStatusView['state'], string> = {
  ready: 'tag tag-ok',
  stale: 'tag tag-warn',
  building: 'tag tag-warn',
};

/** For search.manage: the index's size and state, and 重建索引 with its progress. */
export function IndexPanel() {
  const [status, setStatus] = useState<SearchStatusView | null>(null);
  const [job, setJob] = useState<JobProgressEvent | null>(null);
  const [asking, setAsking] = useState(false);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const wasBuilding = useRef(false);

  const load = useCallback(async () => {
    try {
      const s = await getIndexStatus();
      setStatus(s);
      setError(null);
      if (wasBuilding.current && s.state !== 'building') {
        setJob(null);
        toast.success(t('search.index.done'));
        void useSearch.getState().run();
      }
      wasBuilding.current = s.state === 'building';
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(
    () =>
      onJobProgress((ev) => {
        if (ev.kind !== 'reindex') return;
        wasBuilding.current = true;
        setJob(ev);
        if (ev.total > 0 && ev.done >= ev.total) void load();
      }),
    [load],
  );

  const building = status?.state === 'building' || job !== null;
  useEffect(() => {
    if (!building) return;
    const timer = window.setInterval(() => void load(), 1500);
    return () => window.clearInterval(timer);
  }, [building, load]);

  const start = async () => {
    setAsking(false);
    setStarting(true);
    try {
      await rebuildIndex();
      wasBuilding.current = true;
      toast.info(t('search.index.started'));
      await load();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setStarting(false);
    }
  };

  const done = job?.done ?? status?.done ?? 0;
  const total = job?.total ?? status?.total ?? 0;
  return (
    <section className="search-side-section search-index" data-testid="search-index">
      <h3 className="panel-title">{t('search.index.title')}</h3>
      {status && (
        <div className="search-index-status small">
          <span data-testid="index-docs">{t('search.index.docs', { n: formatCount(status.docs) })}</span>
          <span className={STATE_TAG[building ? 'building' : status.state]} data-testid="index-state">
            {t(`search.index.${building ? 'building' : status.state}`)}
          </span>
        </div>
      )}
      {building && <ProgressBar done={done} total={total} label={t('search.index.progress')} />}
      {job?.message && <div className="muted small">{job.message}</div>}
      <button
        type="button"
        className="btn-small"
        disabled={building || starting}
        onClick={() => setAsking(true)}
        data-testid="reindex"
      >
        {t('search.index.rebuild')}
      </button>
      <FormError message={error} />
      {asking && (
        <ConfirmDialog
          title={t('search.index.confirmTitle')}
          message={t('search.index.confirm')}
          confirmText={t('search.index.rebuild')}
          testId="reindex-dialog"
          onCancel={() => setAsking(false)}
          onConfirm={() => void start()}
        />
      )}
    </section>
  );
}
