import type { ItemRow } from '../../../../electron/contract';
import { Modal } from '../../components/Modal';
import { t } from '../../i18n/zh-CN';
import { formatDate, retentionLabel, securityLabel } from '../../lib/format';

/** A station's record at the county bureau: its catalogue entry, read-only (no form, no edit). */
export function StationItemDetail({ row, onClose }: { row: ItemRow; onClose: () => void }) {
  const fields: [string, string][] = [
    [t('bureau.cat.station'), row.station?.name ?? ''],
    [t('cat.col.archiveCode'), row.archiveCode],
    [t('cat.col.title'), row.title],
    [t('bureau.cat.category'), row.categoryName],
    [t('cat.col.year'), String(row.year)],
    [t('cat.col.retention'), retentionLabel(row.retention)],
    [t('cat.col.securityLevel'), securityLabel(row.securityLevel)],
    [t('cat.col.date'), formatDate(row.date)],
    [t('cat.col.author'), row.author],
    [t('bureau.cat.docNumber'), row.docNumber],
    [t('cat.col.pageCount'), row.pageCount === null ? '' : String(row.pageCount)],
    [t('cat.col.personNames'), row.personNames],
  ];
  return (
    <Modal
      title={t('bureau.cat.detailTitle')}
      onClose={onClose}
      testId="station-item-detail"
      side
      footer={
        <button type="button" onClick={onClose} data-autofocus data-testid="station-item-close">
          {t('common.close')}
        </button>
      }
    >
      <p className="muted">{t('bureau.cat.detailNote', { station: row.station?.name ?? '' })}</p>
      <dl className="props">
        {fields.map(([label, value]) => (
          <div key={label} style={{ display: 'contents' }}>
            <dt>{label}</dt>
            <dd data-testid={`detail-${label}`}>{value || '—'}</dd>
          </div>
        ))}
      </dl>
      {row.deletedAt && <span className="tag tag-deleted">{t('cat.deleted')}</span>}
    </Modal>
  );
}
