import { useEffect, useRef, useState } from 'react';
import type { BatchRecordRow, BatchRecordsPreview } from '../../../../electron/contract';
import { errorMessage } from '../../lib/errors';
import { commitBatchRecords, previewBatchRecords } from './actions';
import { CancelConfirmFooter } from '../../components/CancelConfirmFooter';
import { FormError } from '../../components/FormError';
import { Modal } from '../../components/Modal';
import { t } from '../../i18n/zh-CN';
import { toast } from '../../stores/toasts';

interface Props {
  batchId: string;
  onClose: () => void;
  /** After the records were written (the batch's pages moved to them). */
  onDone: () => void;
}

/**
 * 生成档案: the records a batch's verified form pages would become, for the clerk to review
 * before anything is written. Every creatable row starts ticked; ↑/↓ move between rows,
 * Space unticks one, Ctrl+Enter writes the ticked rows in one step.
 */
export function BatchRecordsDialog({ batchId, onClose, onDone }: Props) {
  const [preview, setPreview] = useState<BatchRecordsPreview | null>(null);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const tableRef = useRef<HTMLTableElement>(null);

  useEffect(() => {
    let live = true;
    previewBatchRecords({ batchId }).then(
      (p) => {
        if (!live) return;
        setPreview(p);
        setPicked(new Set(p.rows.filter((r) => r.creatable).map((r) => r.pageId)));
      },
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [batchId]);

  // The first row takes the focus once the list is there, so the keyboard starts in it.
  useEffect(() => {
    if (preview) boxes()[0]?.focus();
  }, [preview]);

  const boxes = () =>
    Array.from(tableRef.current?.querySelectorAll<HTMLInputElement>('input[type=checkbox]:not([disabled])') ?? []);

  const toggle = (id: string) =>
    setPicked((cur) => {
      const next = new Set(cur);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const commit = async () => {
    if (saving || picked.size === 0 || !preview) return;
    setSaving(true);
    setError(null);
    try {
      const pageIds = preview.rows.filter((r) => picked.has(r.pageId)).map((r) => r.pageId);
      const r = await commitBatchRecords({ batchId, pageIds });
      toast.success(t('batchRecords.done', { n: r.created.length }));
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void commit();
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const list = boxes();
    const at = list.findIndex((b) => b === document.activeElement);
    if (at < 0) return;
    e.preventDefault();
    list[Math.max(0, Math.min(list.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus();
  };

  const rows = preview?.rows ?? [];
  return (
    <Modal
      title={t('batchRecords.title')}
      onClose={onClose}
      wide
      testId="batch-records-dialog"
      onKeyDown={onKeyDown}
      footer={
        <CancelConfirmFooter
          keysHint={t('batchRecords.keys')}
          onCancel={onClose}
          confirmLabel={
            <>
              {saving ? t('batchRecords.saving') : t('batchRecords.confirm', { n: picked.size })}
              <kbd>Ctrl+Enter</kbd>
            </>
          }
          disabled={saving || picked.size === 0}
          onConfirm={() => void commit()}
          confirmTestId="batch-records-confirm"
        />
      }
    >
      <FormError message={error} testId="batch-records-error" />
      {!preview && !error && <div className="muted pad">{t('batchRecords.loading')}</div>}
      {preview && (
        <>
          <p className="muted small">{t('batchRecords.intro')}</p>
          {rows.length === 0 ? (
            <div className="muted pad">{t('batchRecords.empty')}</div>
          ) : (
            <table className="table batch-records" ref={tableRef} data-testid="batch-records-table">
              <thead>
                <tr>
                  <th>{t('batchRecords.pick')}</th>
                  <th>{t('batchRecords.page')}</th>
                  <th>{t('batchRecords.category')}</th>
                  <th>{t('batchRecords.recordTitle')}</th>
                  <th>{t('batchRecords.date')}</th>
                  <th>{t('batchRecords.year')}</th>
                  <th>{t('batchRecords.persons')}</th>
                  <th>{t('batchRecords.notes')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <Row key={r.pageId} row={r} picked={picked.has(r.pageId)} onToggle={() => toggle(r.pageId)} />
                ))}
              </tbody>
            </table>
          )}
          <div className="small" data-testid="batch-records-summary">
            {t('batchRecords.summary', { n: picked.size, total: preview.creatable })}
          </div>
        </>
      )}
    </Modal>
  );
}

function Row({ row: r, picked, onToggle }: { row: BatchRecordRow; picked: boolean; onToggle: () => void }) {
  return (
    <tr
      className={r.creatable ? (picked ? 'selected' : '') : 'muted'}
      data-testid="batch-record-row"
      data-page-id={r.pageId}
      data-creatable={r.creatable}
    >
      <td>
        <input
          type="checkbox"
          checked={picked}
          disabled={!r.creatable}
          onChange={onToggle}
          aria-label={`${t('batchRecords.pick')} ${r.title || r.pageName}`}
          data-testid="batch-record-pick"
        />
      </td>
      <td className="ellipsis" title={r.pageName}>
        {r.pageName}
      </td>
      <td>{r.category ? `${r.category.name}（${r.category.fullCode}）` : (r.template?.name ?? '—')}</td>
      <td data-testid="batch-record-title">{r.title || '—'}</td>
      <td className="mono nowrap">{r.date || '—'}</td>
      <td className="mono" data-testid="batch-record-year">
        {r.year ?? '—'}
      </td>
      <td>
        {r.persons.map((p) => (
          <div key={`${p.name}-${p.idNumber ?? ''}`} className="nowrap">
            {p.name}{' '}
            <span
              className={`tag ${p.existing ? 'tag-ok' : 'tag-warn'}`}
              title={p.existing ? t('batchRecords.personExistingHint') : t('batchRecords.personNewHint')}
              data-testid="batch-record-person"
              data-existing={p.existing}
            >
              {p.existing ? t('batchRecords.personExisting') : t('batchRecords.personNew')}
            </span>
          </div>
        ))}
      </td>
      <td className="small">
        {r.blockers.map((b) => (
          <div key={b} className="text-error">
            {b}
          </div>
        ))}
        {r.warnings.map((w) => (
          <div key={w} className="text-warn">
            {w}
          </div>
        ))}
      </td>
    </tr>
  );
}
