import { useEffect, useState, type KeyboardEvent, type RefObject } from 'react';
import type { ConflictAction, ConflictDetail, ConflictSide } from '../../../../electron/contract';
import { errorMessage } from '../../lib/errors';
import { getConflict, resolveConflict } from './actions';
import { FormError } from '../../components/FormError';
import { labelFor, t, type MessageKey } from '../../i18n/zh-CN';
import { formatTime } from '../../lib/format';
import { usePermission } from '../../stores/session';
import { toast } from '../../stores/toasts';

const ACTIONS: { action: ConflictAction; key: string; label: MessageKey }[] = [
  { action: 'ours', key: '1', label: 'sync.conflicts.keepOurs' },
  { action: 'theirs', key: '2', label: 'sync.conflicts.takeTheirs' },
  { action: 'both', key: '3', label: 'sync.conflicts.keepBoth' },
];
// Bookkeeping columns that differ between any two versions and say nothing to the person deciding.
const HIDDEN = new Set(['id', 'node_id', 'created_at', 'created_by', 'category_id', 'volume_id', 'fonds_code']);

/** A value as people read it; timestamps (…_at) in local time like everywhere else. */
const show = (v: unknown, key = ''): string =>
  v === null || v === undefined
    ? ''
    : typeof v === 'object'
      ? JSON.stringify(v)
      : key.endsWith('_at') && typeof v === 'string'
        ? formatTime(v)
        : String(v);

function rowsOf(ours: ConflictSide | null, theirs: ConflictSide, onlyDiff: boolean) {
  const keys = [...new Set([...Object.keys(ours?.fields ?? {}), ...Object.keys(theirs.fields)])].filter(
    (k) => !HIDDEN.has(k),
  );
  return keys
    .map((k) => ({ k, a: show(ours?.fields[k], k), b: show(theirs.fields[k], k) }))
    .filter((r) => !onlyDiff || r.a !== r.b);
}

/** One conflict: the bureau's copy beside the incoming one, and keep ours / take theirs / keep both. */
interface Props {
  id: string;
  onResolved: () => void;
  /** Filled with the key handler, so 1 / 2 / 3 also work while the list has the focus. */
  keysRef: RefObject<((e: KeyboardEvent<HTMLElement>) => void) | null>;
}

export function ConflictDetailView({ id, onResolved, keysRef }: Props) {
  const manage = usePermission('sync.manage');
  const [d, setD] = useState<ConflictDetail | null>(null);
  const [onlyDiff, setOnlyDiff] = useState(true);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    getConflict({ id }).then(
      (v) => live && setD(v),
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [id]);

  const resolve = async (action: ConflictAction) => {
    if (busy || !manage || (action === 'theirs' && d && !d.oursCurrent)) return;
    setBusy(true);
    setError(null);
    try {
      const r = await resolveConflict(note.trim() ? { id, action, note } : { id, action });
      toast.success(
        action === 'both'
          ? t('sync.conflicts.resolved.both', { id: r.variantId ?? '' })
          : t(action === 'ours' ? 'sync.conflicts.resolved.ours' : 'sync.conflicts.resolved.theirs'),
      );
      onResolved();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  // 1 / 2 / 3 anywhere in the panel except while typing the note.
  const onKey = (e: KeyboardEvent<HTMLElement>) => {
    if (e.target instanceof HTMLInputElement && e.target.type === 'text') return;
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const a = ACTIONS.find((x) => x.key === e.key);
    if (a) {
      e.preventDefault();
      void resolve(a.action);
    }
  };

  useEffect(() => {
    keysRef.current = onKey;
  });

  if (!d) return <FormError message={error} />;
  const rows = rowsOf(d.ours, d.theirs, onlyDiff);
  return (
    <div className="sync-conflict-detail" data-testid="sync-conflict-detail">
      <p className="small">{d.reason}</p>
      <label className="check-line small">
        <input type="checkbox" checked={onlyDiff} onChange={(e) => setOnlyDiff(e.target.checked)} />
        {t('sync.conflicts.onlyDiff')}
      </label>
      <div className="table-scroll short">
        <table className="table sync-compare" data-testid="sync-compare">
          <thead>
            <tr>
              <th>{t('sync.conflicts.field')}</th>
              <th>
                {t('sync.conflicts.ours', { v: d.ours?.version ?? d.oursVersion })}
                {d.ours?.deleted && t('sync.conflicts.deletedMark')}
              </th>
              <th>
                {t('sync.conflicts.theirs', { v: d.theirs.version })}
                {d.theirs.deleted && t('sync.conflicts.deletedMark')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.k} className={r.a !== r.b ? 'diff' : undefined}>
                <th scope="row">{labelFor('sync.field', r.k)}</th>
                <td>{r.a}</td>
                <td>{r.b}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!d.oursCurrent && <p className="small text-warn">{t('sync.conflicts.outdated')}</p>}
      {!manage ? (
        <p className="small text-error">{t('sync.conflicts.manageOnly')}</p>
      ) : (
        <>
          <label htmlFor="sync-conflict-note" className="small">
            {t('sync.conflicts.note')}
          </label>
          <input
            id="sync-conflict-note"
            type="text"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            data-testid="sync-conflict-note"
          />
          <div className="panel-actions">
            {ACTIONS.map((a) => (
              <button
                key={a.action}
                type="button"
                className={a.action === 'ours' ? 'btn-primary' : undefined}
                disabled={busy || (a.action === 'theirs' && !d.oursCurrent)}
                aria-keyshortcuts={a.key}
                onClick={() => void resolve(a.action)}
                data-testid={`sync-resolve-${a.action}`}
              >
                {t(a.label)}
              </button>
            ))}
          </div>
        </>
      )}
      <FormError message={error} testId="sync-conflict-error" />
    </div>
  );
}
