import { useCallback, useEffect, useState } from 'react';
import type { ItemRow } from '../../../../electron/contract';
import { call, errorMessage } from '../../api/client';
import { t } from '../../i18n/zh-CN';
import { downloadBase64, formatCount } from '../../lib/format';
import { useCatalogue } from '../../stores/catalogue';
import { usePermission } from '../../stores/session';
import { toast } from '../../stores/toasts';
import { CatalogueGrid } from './CatalogueGrid';
import { CatalogueTree } from './CatalogueTree';
import { ItemForm } from './ItemForm';
import { StationItemDetail } from './StationItemDetail';

type Dialog = { kind: 'station'; row: ItemRow } | { kind: 'own'; id: string | null };

/**
 * The county bureau's 档案目录: the tree starts with the stations (派出所 → 门类 → 年度 …)
 * and the grid lists what they sent. A station's record is read-only here (the core
 * refuses changes too); the bureau's own records (本局) open in the usual form.
 */
export function BureauCataloguePage() {
  const scope = useCatalogue((s) => s.scope);
  const filters = useCatalogue((s) => s.filters);
  const sort = useCatalogue((s) => s.sort);
  const includeDeleted = useCatalogue((s) => s.includeDeleted);
  const setIncludeDeleted = useCatalogue((s) => s.setIncludeDeleted);
  const refresh = useCatalogue((s) => s.refresh);
  const canWrite = usePermission('catalogue.write');
  const canExport = usePermission('export');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [exporting, setExporting] = useState(false);
  const own = scope.stationId === '';

  useEffect(() => {
    if (dialog || !own || !canWrite) return;
    const onKey = (e: KeyboardEvent) => {
      const mod = (e.ctrlKey || e.metaKey) !== e.altKey;
      if (!mod || e.shiftKey || (e.code !== 'KeyN' && e.key !== 'n' && e.key !== 'N')) return;
      e.preventDefault();
      setDialog({ kind: 'own', id: null });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialog, own, canWrite]);

  const doExport = async () => {
    setExporting(true);
    try {
      const file = await call('catalogue.export', { scope, filters, sort, includeDeleted });
      downloadBase64(file.base64, file.fileName, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      toast.success(t('cat.exported', { n: file.rows }));
    } catch (err) {
      toast.error(errorMessage(err));
    } finally {
      setExporting(false);
    }
  };

  const onTotal = useCallback((n: number | null) => setTotal(n), []);
  const close = () => setDialog(null);

  return (
    <div className="catalogue" data-testid="bureau-catalogue">
      <aside className="catalogue-side">
        <div className="panel-title">{t('cat.tree')}</div>
        <CatalogueTree />
      </aside>
      <section className="catalogue-main">
        <div className="toolbar">
          {own && canWrite && (
            <button
              type="button"
              className="btn-primary"
              onClick={() => setDialog({ kind: 'own', id: null })}
              title="Ctrl+N / Alt+N"
              data-testid="new-item"
            >
              {t('cat.newItem')}
            </button>
          )}
          {!own && (
            <span className="tag" data-testid="bureau-read-only">
              {t('bureau.cat.readOnly')}
            </span>
          )}
          {canExport && (
            <button type="button" onClick={() => void doExport()} disabled={exporting} data-testid="export-excel">
              {exporting ? t('cat.exporting') : t('cat.export')}
            </button>
          )}
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
        </div>
        <CatalogueGrid
          onTotal={onTotal}
          onOpen={(row) => setDialog(row.station ? { kind: 'station', row } : { kind: 'own', id: row.id })}
          onDelete={() => undefined}
        />
        <div className="statusbar muted small">{t(own ? 'bureau.cat.ownKeys' : 'bureau.cat.keys')}</div>
      </section>
      {dialog?.kind === 'station' && <StationItemDetail row={dialog.row} onClose={close} />}
      {dialog?.kind === 'own' && (
        <ItemForm
          itemId={dialog.id}
          preset={dialog.id === null && scope.categoryId ? { categoryId: scope.categoryId } : undefined}
          onClose={close}
          onSaved={refresh}
        />
      )}
    </div>
  );
}
