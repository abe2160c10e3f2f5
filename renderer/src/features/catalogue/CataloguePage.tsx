import { useCallback, useEffect, useRef, useState } from 'react';
import type { CatalogueScope, ItemRow, VolumeView } from '../../../../electron/contract';
import { errorMessage } from '../../lib/errors';
import { deleteItem, deleteVolume, getVolume } from './actions';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { t } from '../../i18n/zh-CN';
import { useCatalogue } from '../../stores/catalogue';
import { usePermission } from '../../stores/session';
import { toast } from '../../stores/toasts';
import { isPrintShortcut, type PrintTarget } from '../print/options';
import { recordPrintTarget, viewPrintTarget } from '../print/printTarget';
import { PrintDialog } from '../print/PrintDialog';
import { BoxingDialog, type BoxingTarget, isBoxingShortcut } from '../boxing/BoxingDialog';
import { boxingTarget } from '../boxing/boxingTarget';
import { MarkedCount } from './MarkedCount';
import { CatalogueGrid } from './CatalogueGrid';
import { CatalogueTreePanel, ExportExcelButton, isNewShortcut, ShowDeletedAndTotal } from './catalogueToolbar';
import { PlaceFilter } from '../places/PlaceFilter';
import { ItemForm } from './ItemForm';
import { type ItemPreset, scopePreset } from './itemDraft';
import { RenumberDialog } from './RenumberDialog';
import { VolumeForm } from './VolumeForm';

type Dialog =
  | { kind: 'item'; id: string | null; preset?: ItemPreset }
  | { kind: 'volume'; volume?: VolumeView }
  | { kind: 'afterVolume'; volume: VolumeView }
  | { kind: 'delete'; row: ItemRow }
  | { kind: 'deleteVolume'; volume: VolumeView }
  | { kind: 'renumber' }
  | { kind: 'print'; target: PrintTarget }
  | { kind: 'boxing'; target: BoxingTarget };

export function CataloguePage() {
  const scope = useCatalogue((s) => s.scope);
  const refresh = useCatalogue((s) => s.refresh);
  const setScope = useCatalogue((s) => s.setScope);
  const canWrite = usePermission('catalogue.write');
  const canDelete = usePermission('catalogue.delete');
  const canRenumber = usePermission('catalogue.renumber');
  const canPrint = usePermission('export');
  const currentRow = useRef<ItemRow | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [volumeBusy, setVolumeBusy] = useState(false);

  const newItem = useCallback(() => {
    if (canWrite) setDialog({ kind: 'item', id: null, preset: scopePreset(useCatalogue.getState().scope) });
  }, [canWrite]);
  const newVolume = useCallback(() => canWrite && setDialog({ kind: 'volume' }), [canWrite]);

  /** 打印 of what is on screen (printTarget.ts). */
  const openPrint = useCallback(async () => {
    const target = canPrint ? await viewPrintTarget(currentRow.current) : null;
    if (target) setDialog({ kind: 'print', target });
  }, [canPrint]);

  /** 装盒 of the grid's selection, the tree's class or volume, or the current row. */
  const openBoxing = useCallback(async () => {
    const target = canWrite ? await boxingTarget(currentRow.current) : null;
    if (target) setDialog({ kind: 'boxing', target });
  }, [canWrite]);
  const printRecord = useCallback(async (item: { id: string; archiveCode: string; volumeId: string | null }) => {
    const target = await recordPrintTarget(item);
    if (target) setDialog({ kind: 'print', target });
  }, []);

  useEffect(() => {
    if (dialog) return;
    const onKey = (e: KeyboardEvent) => {
      if (isBoxingShortcut(e)) {
        e.preventDefault();
        void openBoxing();
        return;
      }
      if (isPrintShortcut(e)) {
        e.preventDefault();
        void openPrint();
        return;
      }
      if (!isNewShortcut(e)) return;
      e.preventDefault();
      if (e.shiftKey) newVolume();
      else newItem();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialog, newItem, newVolume, openPrint, openBoxing]);

  const doDelete = async (row: ItemRow, reason: string) => {
    try {
      await deleteItem({ id: row.id, reason });
      toast.success(t('cat.deletedOk', { code: row.archiveCode }));
      setDialog(null);
      refresh();
      document.querySelector<HTMLElement>('[data-testid="grid-body"]')?.focus();
    } catch (err) {
      setDeleteError(errorMessage(err));
    }
  };

  /** Loads the selected volume afresh (version, item count) before editing or deleting it. */
  const openVolume = async (kind: 'volume' | 'deleteVolume') => {
    const id = scope.volumeId;
    if (!id || volumeBusy) return;
    setVolumeBusy(true);
    try {
      const volume = await getVolume({ id });
      setDeleteError(null);
      setDialog({ kind, volume });
    } catch (err) {
      toast.error(errorMessage(err));
    } finally {
      setVolumeBusy(false);
    }
  };

  const doDeleteVolume = async (volume: VolumeView, reason: string) => {
    try {
      await deleteVolume({ id: volume.id, reason });
      toast.success(t('cat.volumeDeleted', { code: volume.archiveCode }));
      setDialog(null);
      // The volume's node is gone: step back to its 保管期限 node.
      const { scope: cur, parentKey } = useCatalogue.getState();
      if (cur.volumeId === volume.id) {
        setScope({ categoryId: volume.categoryId, year: volume.year, retention: volume.retention }, parentKey);
      }
      refresh();
    } catch (err) {
      setDeleteError(errorMessage(err));
    }
  };

  const onTotal = useCallback((n: number | null) => setTotal(n), []);
  const close = () => setDialog(null);

  return (
    <div className="catalogue">
      <CatalogueTreePanel />
      <section className="catalogue-main">
        <div className="toolbar">
          {canWrite && (
            <>
              <button
                type="button"
                className="btn-primary"
                onClick={newItem}
                title="Ctrl+N / Alt+N"
                data-testid="new-item"
              >
                {t('cat.newItem')}
              </button>
              <button type="button" onClick={newVolume} title="Ctrl+Shift+N / Alt+Shift+N" data-testid="new-volume">
                {t('cat.newVolume')}
              </button>
            </>
          )}
          {scope.volumeId && canWrite && (
            <button
              type="button"
              onClick={() => void openVolume('volume')}
              disabled={volumeBusy}
              data-testid="edit-volume"
            >
              {t('cat.editVolume')}
            </button>
          )}
          {scope.volumeId && canDelete && (
            <button
              type="button"
              onClick={() => void openVolume('deleteVolume')}
              disabled={volumeBusy}
              data-testid="delete-volume"
            >
              {t('cat.deleteVolume')}
            </button>
          )}
          <ExportExcelButton />
          {canPrint && (
            <button type="button" onClick={() => void openPrint()} title="Ctrl+P / Alt+P" data-testid="print-open">
              {t('print.open')}
            </button>
          )}
          {canWrite && (
            <button type="button" onClick={() => void openBoxing()} title="Ctrl+B / Alt+B" data-testid="boxing-open">
              {t('box.open')}
            </button>
          )}
          {canRenumber && (
            <button
              type="button"
              onClick={() => setDialog({ kind: 'renumber' })}
              disabled={!canRenumberScope(scope)}
              title={canRenumberScope(scope) ? undefined : t('cat.renumberNeedScope')}
              data-testid="renumber"
            >
              {t('cat.renumber')}
            </button>
          )}
          <PlaceFilter />
          <ShowDeletedAndTotal total={total} />
        </div>
        <CatalogueGrid
          onTotal={onTotal}
          currentRow={currentRow}
          onOpen={(row) => setDialog({ kind: 'item', id: row.id })}
          onDelete={(row) => {
            if (!canDelete) return;
            setDeleteError(null);
            setDialog({ kind: 'delete', row });
          }}
        />
        <div className="statusbar muted small">
          {t('cat.keys')}
          <MarkedCount />
        </div>
      </section>

      {dialog?.kind === 'item' && (
        <ItemForm
          itemId={dialog.id}
          preset={dialog.preset}
          onClose={close}
          onSaved={refresh}
          onPrint={canPrint ? (item) => void printRecord(item) : undefined}
        />
      )}
      {dialog?.kind === 'volume' && (
        <VolumeForm
          volume={dialog.volume ?? null}
          onClose={close}
          onCreated={(volume) => {
            refresh();
            setDialog({ kind: 'afterVolume', volume });
          }}
          onUpdated={() => {
            refresh();
            close();
          }}
        />
      )}
      {dialog?.kind === 'afterVolume' && (
        <ConfirmDialog
          title={t('vol.addItemsTitle')}
          message={t('vol.addItemsAsk', { code: dialog.volume.archiveCode })}
          confirmText={t('vol.addItems')}
          testId="after-volume"
          onCancel={close}
          onConfirm={() => {
            const v = dialog.volume;
            setDialog({
              kind: 'item',
              id: null,
              preset: {
                categoryId: v.categoryId,
                year: v.year,
                retention: v.retention,
                orgCode: v.orgCode,
                volumeId: v.id,
              },
            });
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title={t('cat.deleteTitle')}
          message={t('cat.deleteConfirm', { title: dialog.row.title, code: dialog.row.archiveCode })}
          reasonLabel={t('cat.deleteReason')}
          confirmText={t('common.delete')}
          danger
          error={deleteError}
          testId="delete-dialog"
          onCancel={close}
          onConfirm={(reason) => void doDelete(dialog.row, reason)}
        />
      )}
      {dialog?.kind === 'deleteVolume' && (
        <ConfirmDialog
          title={t('cat.deleteVolumeTitle')}
          message={t('cat.deleteVolumeConfirm', { title: dialog.volume.title, code: dialog.volume.archiveCode })}
          reasonLabel={t('cat.deleteReason')}
          confirmText={t('common.delete')}
          danger
          error={deleteError}
          testId="delete-volume-dialog"
          onCancel={close}
          onConfirm={(reason) => void doDeleteVolume(dialog.volume, reason)}
        />
      )}
      {dialog?.kind === 'renumber' && <RenumberDialog scope={scope} onClose={close} onApplied={refresh} />}
      {dialog?.kind === 'print' && <PrintDialog target={dialog.target} onClose={close} />}
      {dialog?.kind === 'boxing' && <BoxingDialog target={dialog.target} onClose={close} onDone={refresh} />}
    </div>
  );
}

/** The core renumbers one lowest class: 门类+年度+保管期限 (optionally 机构), or one volume. */
const canRenumberScope = (s: CatalogueScope): boolean =>
  !!s.volumeId || (!!s.categoryId && s.year !== undefined && !!s.retention);
