import type { ImportResult } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import { downloadBase64 } from '../../lib/format';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What was imported and, after a valid-rows-only import, the report of the rows left out. */
export function ImportResultBox({ result, onAgain }: { result: ImportResult; onAgain: () => void }) {
  const report = result.report;
  return (
    <div className="result-box" role="status" data-testid="import-result">
      <strong>{t('import.done', { n: result.imported })}</strong>
      {result.firstArchiveCode && (
        <div className="mono">
          {t('import.range', { first: result.firstArchiveCode, last: result.lastArchiveCode ?? '' })}
        </div>
      )}
      {report && (
        <>
          <div className="text-error" data-testid="import-skipped">
            {t('importx.skipped', { n: result.skipped })}
          </div>
          <button
            type="button"
            className="btn-primary"
            data-testid="import-report"
            // The same path as the catalogue export: the file comes back in the result and
            // the browser (or the window) saves it as a download.
            onClick={() => downloadBase64(report.base64, report.fileName, XLSX)}
          >
            {t('importx.saveReport')}
          </button>
        </>
      )}
      <button type="button" onClick={onAgain}>
        {t('import.again')}
      </button>
    </div>
  );
}
