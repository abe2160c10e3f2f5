import { useEffect, useRef, useState } from 'react';
import type { PageView } from '../../../../electron/contract';
import { errorMessage } from '../../lib/errors';
import { listPages, removePage } from './actions';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormError } from '../../components/FormError';
import { Modal } from '../../components/Modal';
import { t } from '../../i18n/zh-CN';
import { useIntake } from '../../stores/intake';
import { toast } from '../../stores/toasts';
import { usePageImage } from './images';
import { pageName } from './labels';
import { PageThumb } from './PageThumb';

/** A batch's pages as thumbnails with their OCR state and the page actions. */
export function BatchPages({ batchId }: { batchId: string }) {
  const tick = useIntake((s) => s.batchTicks[batchId] ?? 0);
  const [pages, setPages] = useState<PageView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<PageView | null>(null);
  const [viewing, setViewing] = useState<PageView | null>(null);
  const gridRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    listPages({ batchId }).then(
      (list) => {
        if (!live) return;
        setPages(list);
        setError(null);
      },
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [batchId, tick]);

  const replace = (p: PageView) => setPages((cur) => cur?.map((x) => (x.id === p.id ? p : x)) ?? cur);

  /** ←/→ between thumbnails (focus stays on the thumbnails, not their buttons). */
  const moveFocus = (from: HTMLElement, delta: number) => {
    const thumbs = Array.from(gridRef.current?.querySelectorAll<HTMLElement>('[data-testid="page-thumb"]') ?? []);
    const i = thumbs.indexOf(from);
    thumbs[Math.max(0, Math.min(thumbs.length - 1, i + delta))]?.focus();
  };

  if (error) return <FormError message={error} />;
  if (!pages) return <div className="muted pad">{t('common.loading')}</div>;
  if (pages.length === 0) return <div className="muted pad">{t('batch.noPages')}</div>;
  return (
    <>
      <div className="muted small batch-keys">{t('batch.pagesKeys')}</div>
      <div className="thumb-grid" ref={gridRef} role="list">
        {pages.map((p) => (
          <PageThumb
            key={p.id}
            page={p}
            onChanged={replace}
            onRemove={() => setRemoving(p)}
            onView={() => setViewing(p)}
            onMove={moveFocus}
          />
        ))}
      </div>
      {removing && (
        <RemoveDialog
          page={removing}
          onClose={() => setRemoving(null)}
          onRemoved={(id) => setPages((cur) => cur?.filter((x) => x.id !== id) ?? cur)}
        />
      )}
      {viewing && <PagePreview page={viewing} onClose={() => setViewing(null)} />}
    </>
  );
}

function RemoveDialog({
  page,
  onClose,
  onRemoved,
}: {
  page: PageView;
  onClose: () => void;
  onRemoved: (id: string) => void;
}) {
  const touchBatch = useIntake((s) => s.touchBatch);
  const refreshOcr = useIntake((s) => s.refreshOcr);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async (reason: string) => {
    setBusy(true);
    setError(null);
    try {
      await removePage({ id: page.id, reason });
      toast.success(t('page.removed'));
      onRemoved(page.id);
      touchBatch(page.batchId);
      void refreshOcr();
      onClose();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog
      title={t('page.removeTitle')}
      message={t('page.removeConfirm', { name: pageName(page) })}
      reasonLabel={t('page.removeReason')}
      confirmText={t('page.remove')}
      danger
      busy={busy}
      error={error}
      testId="page-remove-dialog"
      onConfirm={(reason) => void remove(reason)}
      onCancel={onClose}
    />
  );
}

function PagePreview({ page, onClose }: { page: PageView; onClose: () => void }) {
  const img = usePageImage({ id: page.id, variant: 'preview' }, page.rotation);
  return (
    <Modal
      title={pageName(page)}
      onClose={onClose}
      wide
      testId="page-preview"
      footer={
        <button type="button" onClick={onClose} data-autofocus>
          {t('common.close')}
        </button>
      }
    >
      <div className="page-preview">
        {img.url ? (
          <img src={img.url} alt={pageName(page)} />
        ) : (
          <span className="muted">{img.error ?? t('common.loading')}</span>
        )}
      </div>
    </Modal>
  );
}
