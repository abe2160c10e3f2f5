import { useEffect, useState } from 'react';
import type { DeletionInfo, ItemView } from '../../../../electron/contract';
import { errorMessage } from '../../lib/errors';
import { getDeletion, restoreItem } from './actions';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormError } from '../../components/FormError';
import { Modal } from '../../components/Modal';
import { t } from '../../i18n/zh-CN';
import { formatDate, formatTime, retentionLabel, securityLabel } from '../../lib/format';
import { useScheme } from '../../stores/scheme';
import { usePermission } from '../../stores/session';
import { toast } from '../../stores/toasts';
import { CodeHistory } from './CodeHistory';
import './records.css';

/**
 * A deleted record, read-only: marked 已删除 with who deleted it, when and why; the
 * administrator can 撤销删除 (its 档号 comes back, or the next free one when it was taken).
 */
export function DeletedRecordView({
  item,
  onClose,
  onRestored,
}: {
  item: ItemView;
  onClose: () => void;
  onRestored: (item: ItemView) => void;
}) {
  const canRestore = usePermission('catalogue.restore');
  const categories = useScheme((s) => s.categories);
  const [info, setInfo] = useState<DeletionInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let alive = true;
    getDeletion({ id: item.id })
      .then((d) => alive && setInfo(d))
      .catch((err: unknown) => alive && setError(errorMessage(err)));
    return () => {
      alive = false;
    };
  }, [item.id]);

  const restore = async () => {
    setBusy(true);
    try {
      const res = await restoreItem({ id: item.id });
      toast.success(
        res.recoded
          ? t('rec.deleted.restoredRecoded', { old: res.previousCode, code: res.item.archiveCode })
          : t('rec.deleted.restored', { code: res.item.archiveCode }),
      );
      setAsking(false);
      onRestored(res.item);
    } catch (err) {
      setError(errorMessage(err));
      setAsking(false);
      setBusy(false);
    }
  };

  const category = categories.find((c) => c.id === item.categoryId);
  const extras = (category?.effectiveFields ?? []).filter((f) => item.extra[f.key]);
  const rows: [string, string][] = [
    [t('item.archiveCode'), item.archiveCode],
    [t('item.category'), category ? `${category.fullCode} ${category.name}` : item.categoryCode],
    [t('item.year'), String(item.year)],
    [t('item.retention'), retentionLabel(item.retention)],
    [t('item.orgCode'), item.orgCode],
    [t('item.title'), item.title],
    [t('item.author'), item.author],
    [t('item.docNumber'), item.docNumber],
    [t('item.date'), formatDate(item.date)],
    [t('item.pageCount'), item.pageCount === null ? '' : String(item.pageCount)],
    [t('item.securityLevel'), securityLabel(item.securityLevel)],
    ...extras.map((f): [string, string] => [
      f.label,
      f.type === 'date' ? formatDate(item.extra[f.key]) : item.extra[f.key]!,
    ]),
    [t('item.remarks'), item.remarks],
  ];
  const canDo = canRestore && !!info && !info.restoreBlocked;

  return (
    <Modal
      side
      title={t('rec.deleted.title')}
      onClose={onClose}
      testId="deleted-record"
      footer={
        <>
          {!canRestore && <span className="muted small grow">{t('rec.deleted.adminOnly')}</span>}
          <button type="button" onClick={onClose} data-autofocus>
            {t('common.close')}
          </button>
          {canRestore && (
            <button
              type="button"
              className="btn-primary"
              disabled={!canDo || busy}
              onClick={() => setAsking(true)}
              data-testid="restore-record"
            >
              {t('rec.deleted.restore')}
            </button>
          )}
        </>
      }
    >
      <div className="deleted-view">
        <div className="deleted-banner" role="status" data-testid="deleted-banner">
          <span className="deleted-mark">{t('rec.deleted.banner')}</span>
          {t('rec.deleted.readOnly')}
          {info && (
            <dl>
              <dt>{t('rec.deleted.by')}</dt>
              <dd data-testid="deleted-by">{info.deletedBy ?? t('rec.deleted.unknownUser')}</dd>
              <dt>{t('rec.deleted.at')}</dt>
              <dd data-testid="deleted-at">{formatTime(info.deletedAt)}</dd>
              <dt>{t('rec.deleted.reason')}</dt>
              <dd data-testid="deleted-reason">{info.reason}</dd>
            </dl>
          )}
          {info?.restoreBlocked && canRestore && (
            <div className="small">{t('rec.deleted.restoreBlocked', { why: info.restoreBlocked })}</div>
          )}
        </div>
        <h3>{t('rec.deleted.fields')}</h3>
        <dl className="record-fields" data-testid="deleted-fields">
          {rows.map(([label, value]) => (
            <div key={label} style={{ display: 'contents' }}>
              <dt>{label}</dt>
              <dd>{value || '—'}</dd>
            </div>
          ))}
        </dl>
        {item.persons.length > 0 && (
          <>
            <h3>{t('rec.deleted.persons')}</h3>
            <ul>
              {item.persons.map((p) => (
                <li key={p.id}>
                  {p.name} <span className="mono">{p.idNumber ?? ''}</span>
                </li>
              ))}
            </ul>
          </>
        )}
        <CodeHistory id={item.id} version={item.version} />
        <FormError message={error} testId="deleted-error" />
      </div>
      {asking && info && (
        <div onKeyDown={(e) => e.stopPropagation()}>
          <ConfirmDialog
            title={t('rec.deleted.restoreTitle')}
            message={
              info.codeTaken
                ? t('rec.deleted.restoreAskTaken', { old: item.archiveCode, title: item.title, code: info.restoreCode })
                : t('rec.deleted.restoreAsk', { title: item.title, code: info.restoreCode })
            }
            confirmText={t('rec.deleted.restore')}
            busy={busy}
            testId="restore-dialog"
            onCancel={() => setAsking(false)}
            onConfirm={() => void restore()}
          />
        </div>
      )}
    </Modal>
  );
}
