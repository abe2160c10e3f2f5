import type { ImportPreview } from '../../../../electron/contract';
import { DataTable } from '../../components/DataTable';
import { t } from '../../i18n/zh-CN';

const MAX_ERRORS = 300;

export function ImportErrors({ preview }: { preview: ImportPreview }) {
  if (preview.errors.length === 0) return null;
  return (
    <section className="card-section">
      <h3 className="text-error">
        {t('import.errors')}（{preview.errors.length}）
      </h3>
      <DataTable
        testId="import-errors"
        scrollClassName="short"
        columns={[t('import.row'), t('import.errField'), t('import.errMessage')]}
      >
        {preview.errors.slice(0, MAX_ERRORS).map((e, i) => (
          <tr key={i} data-testid="import-error-row">
            <td className="nowrap">{e.row}</td>
            <td className="nowrap">{e.field}</td>
            <td>{e.message}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

export function ImportSample({ preview }: { preview: ImportPreview }) {
  if (preview.sampleRows.length === 0) return null;
  return (
    <section className="card-section">
      <h3>{t('import.sample')}</h3>
      <div className="table-scroll short">
        <table className="table" data-testid="import-sample">
          <thead>
            <tr>
              {preview.headers.map((h) => (
                <th key={h} className="nowrap">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.sampleRows.map((r, i) => (
              <tr key={i}>
                {preview.headers.map((h) => (
                  <td key={h} className="nowrap">
                    {r[h] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
