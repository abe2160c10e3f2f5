import { useCallback, useEffect, useState } from 'react';
import type { ItemRow } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import { useCatalogue } from '../../stores/catalogue';
import { usePermission } from '../../stores/session';
import { CatalogueGrid } from './CatalogueGrid';
import { CatalogueTreePanel, ExportExcelButton, isNewShortcut, ShowDeletedAndTotal } from './catalogueToolbar';
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
  const refresh = useCatalogue((s) => s.refresh);
  const canWrite = usePermission('catalogue.write');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const own = scope.stationId === '';

  useEffect(() => {
    if (dialog || !own || !canWrite) return;
    const onKey = (e: KeyboardEvent) => {
      if (!isNewShortcut(e) || e.shiftKey) return;
      e.preventDefault();
      setDialog({ kind: 'own', id: null });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialog, own, canWrite]);

  const onTotal = useCallback((n: number | null) => setTotal(n), []);
  const close = () => setDialog(null);

  return (
    <div className="catalogue" data-testid="bureau-catalogue">
      <CatalogueTreePanel />
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
          <ExportExcelButton />
          <ShowDeletedAndTotal total={total} />
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
