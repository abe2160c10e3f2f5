import { useState } from 'react';
import { errorMessage } from '../../lib/errors';
import { exportCatalogue } from './actions';
import { t } from '../../i18n/zh-CN';
import { downloadBase64, formatCount } from '../../lib/format';
import { useCatalogue } from '../../stores/catalogue';
import { usePermission } from '../../stores/session';
import { toast } from '../../stores/toasts';
import { CatalogueTree } from './CatalogueTree';

/** What the station's and the bureau's 档案目录 pages share around the grid. */

/**
 * Ctrl+N as asked; Alt+N too, because a plain browser (serve mode) reserves Ctrl+N.
 * Shift is left to the caller (Ctrl+Shift+N makes a volume on the station's page).
 */
export const isNewShortcut = (e: KeyboardEvent) =>
  (e.ctrlKey || e.metaKey) !== e.altKey && (e.code === 'KeyN' || e.key === 'n' || e.key === 'N');

/** The tree of the catalogue, on the left. */
export function CatalogueTreePanel() {
  return (
    <aside className="catalogue-side">
      <div className="panel-title">{t('cat.tree')}</div>
      <CatalogueTree />
    </aside>
  );
}

/** 导出Excel of what the grid shows (scope, filters, sort), for those who may export. */
export function ExportExcelButton() {
  const canExport = usePermission('export');
  const [exporting, setExporting] = useState(false);
  if (!canExport) return null;

  const doExport = async () => {
    const { scope, filters, sort, includeDeleted, placeId } = useCatalogue.getState();
    setExporting(true);
    try {
      const file = await exportCatalogue({ scope, filters, sort, includeDeleted, ...(placeId ? { placeId } : {}) });
      downloadBase64(file.base64, file.fileName, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      toast.success(t('cat.exported', { n: file.rows }));
    } catch (err) {
      toast.error(errorMessage(err));
    } finally {
      setExporting(false);
    }
  };
  return (
    <button type="button" onClick={() => void doExport()} disabled={exporting} data-testid="export-excel">
      {exporting ? t('cat.exporting') : t('cat.export')}
    </button>
  );
}

/** The toolbar's right end: 显示已删除 and the grid's row count. */
export function ShowDeletedAndTotal({ total }: { total: number | null }) {
  const includeDeleted = useCatalogue((s) => s.includeDeleted);
  const setIncludeDeleted = useCatalogue((s) => s.setIncludeDeleted);
  return (
    <>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={includeDeleted}
          onChange={(e) => setIncludeDeleted(e.target.checked)}
          data-testid="show-deleted"
        />
        {t('cat.showDeleted')}
      </label>
      <span className="grow" />
      <span className="total" data-testid="grid-total">
        {total !== null ? t('cat.total', { n: formatCount(total) }) : ''}
      </span>
    </>
  );
}
