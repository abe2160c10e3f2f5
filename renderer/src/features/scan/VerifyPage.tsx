import { useCallback, useEffect, useRef, useState } from 'react';
import type { FieldView, VerifyQueueEntry, VerifyView } from '../../../../electron/contract';
import { errorMessage } from '../../lib/errors';
import { acceptVerifiedFields, getVerifyPage, loadVerifyQueue, onOcrProgress } from './actions';
import { FormError } from '../../components/FormError';
import { t } from '../../i18n/zh-CN';
import { formatTime } from '../../lib/format';
import { usePermission } from '../../stores/session';
import { toast } from '../../stores/toasts';
import { pageName } from './labels';
import { OtherPersons, PageFigure, VerifyHeader } from './VerifyParts';
import { originalValue, VerifyFields, type FieldInput } from './VerifyFields';
import { VerifyActions } from './VerifyActions';
import { clampThreshold, readThreshold, saveThreshold, sureKeys } from './verify-threshold';

const QUEUE_LIMIT = 200;
/** New pages reach the queue as OCR finishes them; refetch at most this often. */
const QUEUE_REFRESH_MS = 1500;

const initialValues = (fields: FieldView[]): Record<string, string> =>
  Object.fromEntries(fields.map((f) => [f.key, originalValue(f)]));

/**
 * 字段核对: the pages whose form fields wait for a clerk on the left; the chosen page's
 * image beside its fields on the right, least sure first. Alt+Enter accepts the fields at or
 * above the threshold (a clean page: all of them, and the next page opens); Ctrl+Enter
 * accepts every field as it stands.
 */
export function VerifyPage() {
  const canWrite = usePermission('catalogue.write');
  const [queue, setQueue] = useState<VerifyQueueEntry[] | null>(null);
  const [queueError, setQueueError] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [view, setView] = useState<VerifyView | null>(null);
  const [viewError, setViewError] = useState<string | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [confirmed, setConfirmed] = useState<ReadonlySet<string>>(new Set());
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const [accepting, setAccepting] = useState(false);
  const [acceptError, setAcceptError] = useState<string | null>(null);
  const [threshold, setThreshold] = useState(readThreshold);
  const inputs = useRef(new Map<string, FieldInput>());
  const acceptRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  /** Set when the next page to load should take the focus (after 全部确认, or Enter in the list). */
  const focusOnLoad = useRef(false);

  const loadQueue = useCallback(async () => {
    try {
      const list = await loadVerifyQueue({ limit: QUEUE_LIMIT });
      setQueue(list);
      setQueueError(null);
      setSelectedId((cur) => cur ?? list[0]?.id ?? null);
    } catch (err) {
      setQueueError(errorMessage(err));
    }
  }, []);

  useEffect(() => {
    void loadQueue();
    let timer: number | undefined;
    const off = onOcrProgress((ev) => {
      if (ev.status !== 'done' || timer !== undefined) return;
      timer = window.setTimeout(() => {
        timer = undefined;
        void loadQueue();
      }, QUEUE_REFRESH_MS);
    });
    return () => {
      off();
      window.clearTimeout(timer);
    };
  }, [loadQueue]);

  useEffect(() => {
    setAcceptError(null);
    if (!selectedId) {
      setView(null);
      return;
    }
    let live = true;
    setViewError(null);
    getVerifyPage({ id: selectedId }).then(
      (v) => {
        if (!live) return;
        setView(v);
        setValues(initialValues(v.fields));
        setConfirmed(new Set(v.fields.filter((f) => f.status === 'accepted').map((f) => f.key)));
      },
      (err: unknown) => {
        if (!live) return;
        setView(null);
        setViewError(errorMessage(err));
      },
    );
    return () => {
      live = false;
    };
  }, [selectedId]);

  // Focus the first (worst) field not yet accepted once the page asked for is on screen.
  useEffect(() => {
    if (!view || view.page.id !== selectedId || !focusOnLoad.current) return;
    focusOnLoad.current = false;
    const first = view.fields.find((f) => f.status !== 'accepted') ?? view.fields[0];
    const el = first ? inputs.current.get(first.key) : null;
    if (el) {
      el.focus();
      el.select();
    }
  }, [view, selectedId]);

  /** Accepts the given fields (partial: only those; the page stays 待核对 until all are). */
  const submit = async (given: Record<string, string>, partial: boolean) => {
    if (!view) return;
    const pageId = view.page.id;
    setAccepting(true);
    setAcceptError(null);
    try {
      const done = await acceptVerifiedFields({ pageId, values: given, partial });
      const accepted = done.fields.filter((f) => f.status === 'accepted');
      if (done.page.verifyStatus !== 'verified') {
        // The sure ones are in; the rest stay as the clerk left them, the worst focused.
        const rest = done.fields.length - accepted.length;
        toast.success(t('verify.acceptedSome', { n: Object.keys(given).length, rest }));
        setView(done);
        setValues((cur) => ({ ...cur, ...Object.fromEntries(accepted.map((f) => [f.key, originalValue(f)])) }));
        setConfirmed((cur) => new Set([...cur, ...accepted.map((f) => f.key)]));
        focusOnLoad.current = true;
        return;
      }
      toast.success(t('verify.accepted', { name: pageName(done.page), n: done.fields.length }));
      const list = queue ?? [];
      const at = list.findIndex((p) => p.id === pageId);
      const rest = list.filter((p) => p.id !== pageId);
      const next = rest[at >= 0 ? Math.min(at, rest.length - 1) : 0] ?? null;
      setQueue(rest);
      if (next) {
        focusOnLoad.current = true;
        setSelectedId(next.id);
      } else {
        setView(done);
        setValues(initialValues(done.fields));
        setConfirmed(new Set(done.fields.map((f) => f.key)));
      }
      void loadQueue();
    } catch (err) {
      setAcceptError(errorMessage(err));
    } finally {
      setAccepting(false);
    }
  };

  const acceptAll = async () => {
    if (!view || stale || accepting || !canWrite || view.fields.length === 0) return;
    await submit(Object.fromEntries(view.fields.map((f) => [f.key, values[f.key] ?? ''])), false);
  };

  /** One key for a clean page: every field at or above the threshold; the doubtful ones stay. */
  const acceptSure = async () => {
    if (!view || stale || accepting || !canWrite || view.fields.length === 0) return;
    const keys = sureKeys(view.fields, values, confirmed, threshold);
    if (keys.length === 0) {
      toast.info(t('verify.noneSure', { n: threshold }));
      return;
    }
    await submit(Object.fromEntries(keys.map((k) => [k, values[k] ?? ''])), true);
  };

  const changeThreshold = (n: number) => {
    const v = clampThreshold(n);
    setThreshold(v);
    saveThreshold(v);
  };

  const onPageKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      void acceptAll();
    } else if (e.altKey) {
      e.preventDefault();
      void acceptSure();
    }
  };

  /** ↑/↓ through the queue; Enter goes to the fields. */
  const onListKeyDown = (e: React.KeyboardEvent<HTMLUListElement>) => {
    if (!queue || queue.length === 0 || e.altKey || e.ctrlKey || e.metaKey) return;
    const at = queue.findIndex((p) => p.id === selectedId);
    let next = at;
    if (e.key === 'ArrowDown') next = Math.min(queue.length - 1, at + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, at - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = queue.length - 1;
    else if (e.key === 'Enter') {
      e.preventDefault();
      const first = view?.fields[0];
      const el = first && view?.page.id === selectedId ? inputs.current.get(first.key) : null;
      if (el) {
        el.focus();
        el.select();
      } else focusOnLoad.current = true;
      return;
    } else return;
    e.preventDefault();
    const p = queue[next];
    if (p) {
      setSelectedId(p.id);
      listRef.current?.querySelector<HTMLElement>(`[data-page-id="${p.id}"]`)?.focus();
    }
  };

  const setValue = (key: string, value: string) => {
    setValues((cur) => ({ ...cur, [key]: value }));
    setConfirmed((cur) => {
      if (!cur.has(key)) return cur;
      const next = new Set(cur);
      next.delete(key);
      return next;
    });
  };
  const confirm = (key: string) => setConfirmed((cur) => (cur.has(key) ? cur : new Set(cur).add(key)));
  const revert = (key: string) => {
    const f = view?.fields.find((x) => x.key === key);
    if (f) setValue(key, originalValue(f));
  };

  /** The page on screen is not the one chosen yet (the next one is loading). */
  const stale = !!view && view.page.id !== selectedId;
  const selectedInQueue = !!queue?.some((p) => p.id === selectedId);
  const position = view && queue ? queue.findIndex((p) => p.id === view.page.id) : -1;
  return (
    <div className="verify-page" data-testid="verify-page" onKeyDown={onPageKeyDown}>
      <aside className="verify-queue" aria-labelledby="verify-queue-title">
        <div className="verify-queue-head">
          <h2 id="verify-queue-title" className="panel-heading">
            {t('verify.queue')}
            {queue && <span className="badge">{queue.length}</span>}
          </h2>
          <button type="button" className="btn-small" onClick={() => void loadQueue()} data-testid="verify-refresh">
            {t('common.refresh')}
          </button>
        </div>
        <FormError message={queueError} />
        {queue && queue.length === 0 && <div className="muted pad">{t('verify.queueEmpty')}</div>}
        <ul className="list verify-list" ref={listRef} onKeyDown={onListKeyDown} aria-label={t('verify.queue')}>
          {queue?.map((p, i) => (
            <li key={p.id}>
              <button
                type="button"
                className={`list-item verify-item${p.id === selectedId ? ' selected' : ''}`}
                aria-current={p.id === selectedId ? 'true' : undefined}
                tabIndex={p.id === selectedId || (i === 0 && !selectedInQueue) ? 0 : -1}
                data-testid="verify-item"
                data-page-id={p.id}
                onClick={() => setSelectedId(p.id)}
              >
                <span className="verify-item-name ellipsis">{pageName(p)}</span>
                <span className="verify-item-sub muted small" data-testid="verify-item-confidence">
                  {formatTime(p.createdAt)}
                  {p.worstConfidence !== null &&
                    ` · ${t('verify.confidence')} ${t('verify.queueWorst', { n: Math.round(p.worstConfidence) })}`}
                  {p.flagged > 0 && <span className="text-warn"> · {t('verify.queueFlagged', { n: p.flagged })}</span>}
                </span>
              </button>
            </li>
          ))}
        </ul>
        {queue && queue.length > 0 && <div className="muted small pad">{t('verify.queueKeys')}</div>}
      </aside>
      <section className="verify-main" aria-label={t('verify.title')}>
        {viewError && <FormError message={viewError} testId="verify-load-error" />}
        {!view && !viewError && (
          <div className="muted pad">{selectedId ? t('verify.loading') : t('verify.choose')}</div>
        )}
        {view && (
          <>
            <VerifyHeader view={view} position={position} total={queue?.length ?? 0} />
            <FormError message={acceptError} testId="verify-error" />
            <div className="verify-scroll">
              <div className={`verify-body${stale ? ' stale' : ''}`} aria-busy={stale}>
                <PageFigure view={view} activeKey={activeKey} onPick={(key) => inputs.current.get(key)?.focus()} />
                <div className="verify-form">
                  {view.otherPersons?.length ? <OtherPersons persons={view.otherPersons} /> : null}
                  {view.fields.length === 0 ? (
                    <div className="muted pad" data-testid="verify-no-fields">
                      {view.page.templateNote ?? t('verify.noFields')}
                    </div>
                  ) : (
                    <VerifyFields
                      page={view.page}
                      fields={view.fields}
                      values={values}
                      confirmed={confirmed}
                      readOnly={!canWrite || stale}
                      inputs={inputs}
                      after={acceptRef}
                      onChange={setValue}
                      onConfirm={confirm}
                      onRevert={revert}
                      onActive={setActiveKey}
                    />
                  )}
                  <VerifyActions
                    acceptRef={acceptRef}
                    disabled={!canWrite || stale || accepting || view.fields.length === 0}
                    accepting={accepting}
                    canWrite={canWrite}
                    total={view.fields.length}
                    confirmed={confirmed.size}
                    sure={sureKeys(view.fields, values, confirmed, threshold).length}
                    threshold={threshold}
                    onThreshold={changeThreshold}
                    onAcceptAll={() => void acceptAll()}
                    onAcceptSure={() => void acceptSure()}
                  />
                </div>
              </div>
              <details className="verify-text" data-testid="verify-text">
                <summary>{t('verify.text')}</summary>
                <pre>{view.text || t('verify.textEmpty')}</pre>
              </details>
            </div>
          </>
        )}
      </section>
    </div>
  );
}
