import { useEffect, useState } from 'react';
import type { ItemView, SearchHit } from '../../../../electron/contract';
import { errorMessage } from '../../lib/errors';
import { getItem } from './actions';
import { DataTable } from '../../components/DataTable';
import { FormError } from '../../components/FormError';
import { Modal } from '../../components/Modal';
import { t } from '../../i18n/zh-CN';
import { formatDate, formatTime, retentionLabel, securityLabel } from '../../lib/format';
import { useScheme } from '../../stores/scheme';
import { Snippet } from './Snippet';

interface Props {
  hit: SearchHit;
  canEdit: boolean;
  onClose: () => void;
  onEdit: (id: string) => void;
  /** ↑/↓ inside the panel: the previous or next hit. */
  onStep: (delta: 1 | -1) => void;
}

/** The record of a hit, read-only, in the side panel the catalogue's item form also uses. */
export function HitDetail({ hit, canEdit, onClose, onEdit, onStep }: Props) {
  const [item, setItem] = useState<ItemView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const categories = useScheme((s) => s.categories);

  useEffect(() => {
    let alive = true;
    setError(null);
    getItem({ id: hit.id })
      .then((v) => alive && setItem(v))
      .catch((err: unknown) => alive && setError(errorMessage(err)));
    return () => {
      alive = false;
    };
  }, [hit.id]);

  const shown = item?.id === hit.id ? item : null;
  const fields = categories.find((c) => c.id === hit.categoryId)?.effectiveFields ?? [];
  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey || (e.target as HTMLElement).matches('input, select, textarea')) return;
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    onStep(e.key === 'ArrowDown' ? 1 : -1);
  };

  return (
    <Modal
      side
      title={t('search.detail.title')}
      onClose={onClose}
      testId="search-detail"
      onKeyDown={onKeyDown}
      footer={
        <>
          <span className="muted small grow">{t('search.detail.keys')}</span>
          {canEdit && shown && (
            // A deleted record opens read-only (who/when/why, 撤销删除 for the administrator).
            <button
              type="button"
              onClick={() => onEdit(shown.id)}
              data-testid={shown.deletedAt ? 'detail-open-deleted' : 'detail-edit'}
            >
              {shown.deletedAt ? t('rec.deleted.open') : t('search.detail.edit')}
            </button>
          )}
          <button type="button" className="btn-primary" onClick={onClose} data-autofocus data-testid="detail-close">
            {t('common.close')}
          </button>
        </>
      }
    >
      <div className="code-preview">
        <span className="muted">{t('item.archiveCode')}：</span>
        <strong className="mono" data-testid="detail-code">
          {hit.archiveCode}
        </strong>
        {hit.deleted && <span className="tag tag-deleted">{t('search.result.deleted')}</span>}
      </div>
      {hit.snippet.length > 0 && (
        <div className="search-hit-snippet">
          <span className="tag search-field-tag">
            {t('search.result.from', { field: t(`search.field.${hit.field}`) })}
          </span>
          <Snippet parts={hit.snippet} field={hit.field} />
        </div>
      )}
      {!shown && !error && <p className="muted">{t('search.detail.loading')}</p>}
      <FormError message={error} />
      {shown && (
        <>
          <dl className="props search-detail-props" data-testid="detail-props">
            <dt>{t('item.title')}</dt>
            <dd className="search-detail-title">{shown.title}</dd>
            <dt>{t('item.category')}</dt>
            <dd>{shown.categoryName}</dd>
            <dt>{t('item.year')}</dt>
            <dd>{shown.year}</dd>
            <dt>{t('item.retention')}</dt>
            <dd>{retentionLabel(shown.retention)}</dd>
            {shown.orgCode && <Prop label={t('item.orgCode')} value={shown.orgCode} />}
            <Prop label={t('item.author')} value={shown.author} />
            <Prop label={t('item.docNumber')} value={shown.docNumber} />
            <Prop label={t('item.date')} value={formatDate(shown.date)} />
            <Prop label={t('item.pageCount')} value={shown.pageCount === null ? '' : String(shown.pageCount)} />
            <dt>{t('item.securityLevel')}</dt>
            <dd>{securityLabel(shown.securityLevel)}</dd>
            {fields.map((f) => (
              <Prop
                key={f.key}
                label={f.label}
                value={f.type === 'date' ? formatDate(shown.extra[f.key]) : (shown.extra[f.key] ?? '')}
              />
            ))}
            <Prop label={t('item.remarks')} value={shown.remarks} />
          </dl>
          <h3>{t('item.persons')}</h3>
          {shown.persons.length === 0 ? (
            <p className="muted small">{t('common.none')}</p>
          ) : (
            <DataTable testId="detail-persons" columns={[t('item.personName'), t('item.personId')]}>
              {shown.persons.map((p, i) => (
                <tr key={p.id ?? i}>
                  <td>{p.name}</td>
                  <td className="mono">{p.idNumber ?? '—'}</td>
                </tr>
              ))}
            </DataTable>
          )}
          {shown.deletedAt && (
            <p className="text-error small">
              {t('search.detail.deletedAt', { at: formatTime(shown.deletedAt), reason: shown.deletedReason ?? '' })}
            </p>
          )}
          <p className="muted small">{t('search.detail.updatedAt', { at: formatTime(shown.updatedAt) })}</p>
        </>
      )}
    </Modal>
  );
}

function Prop({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value || '—'}</dd>
    </>
  );
}
