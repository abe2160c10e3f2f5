import type { ItemRow, PersonDetail } from '../../../../electron/contract';
import { DataTable } from '../../components/DataTable';
import { t } from '../../i18n/zh-CN';
import { formatDate, retentionLabel, securityLabel } from '../../lib/format';

export function PersonDetailView({ detail, onOpen }: { detail: PersonDetail; onOpen: (row: ItemRow) => void }) {
  return (
    <div className="person-detail" data-testid="person-detail">
      <h2>{detail.name}</h2>
      <dl className="props">
        {detail.station && (
          <>
            <dt>{t('bureau.persons.station')}</dt>
            <dd data-testid="person-station">{detail.station.name}</dd>
          </>
        )}
        <dt>{t('persons.idNumber')}</dt>
        <dd className="mono">{detail.idNumber ?? '—'}</dd>
        <dt>{t('persons.sex')}</dt>
        <dd>{detail.sex ?? '—'}</dd>
        <dt>{t('persons.birthDate')}</dt>
        <dd>{formatDate(detail.birthDate) || '—'}</dd>
        <dt>{t('persons.recordCount')}</dt>
        <dd>{detail.records.length}</dd>
      </dl>
      <h3>{t('persons.records')}</h3>
      <DataTable
        testId="person-records"
        columns={[
          t('cat.col.archiveCode'),
          t('persons.category'),
          t('cat.col.title'),
          t('cat.col.date'),
          t('cat.col.retention'),
          t('cat.col.securityLevel'),
          null,
        ]}
      >
        {detail.records.map((r) => (
          <tr key={r.id} onDoubleClick={() => onOpen(r)}>
            <td className="mono nowrap">{r.archiveCode}</td>
            <td className="nowrap">{r.categoryName}</td>
            <td>{r.title}</td>
            <td className="nowrap">{formatDate(r.date)}</td>
            <td className="nowrap">{retentionLabel(r.retention)}</td>
            <td className="nowrap">{securityLabel(r.securityLevel)}</td>
            <td>
              <button type="button" className="btn-small" onClick={() => onOpen(r)} data-testid="open-record">
                {t('persons.open')}
              </button>
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
