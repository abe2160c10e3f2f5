import { useEffect, useRef, useState } from 'react';
import type { PageView } from '../../../../electron/contract';
import { call, errorMessage } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormError } from '../../components/FormError';
import { Modal } from '../../components/Modal';
import { t } from '../../i18n/zh-CN';
import { useIntake } from '../../stores/intake';
import { toast } from '../../stores/toasts';
import { useNearViewport, usePageImage } from './images';
import { pageBadge, pageName } from './labels';

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
    call('pages.list', { batchId }).then(
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

interface ThumbProps {
  page: PageView;
  onChanged: (p: PageView) => void;
  onRemove: () => void;
  onView: () => void;
  onMove: (from: HTMLElement, delta: number) => void;
}

function PageThumb({ page: p, onChanged, onRemove, onView, onMove }: ThumbProps) {
  const template = useIntake((s) => s.template);
  const touchBatch = useIntake((s) => s.touchBatch);
  const refreshOcr = useIntake((s) => s.refreshOcr);
  const ref = useRef<HTMLDivElement>(null);
  const near = useNearViewport(ref);
  const img = usePageImage(near ? { id: p.id, variant: 'thumb' } : null, p.rotation);
  const [busy, setBusy] = useState(false);
  const badge = pageBadge(p);
  const skipped = p.skipped || p.ocrStatus === 'skipped';

  const act = async (fn: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    try {
      await fn();
    } catch (err) {
      toast.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const rotate = (quarterTurns: number) =>
    act(async () => onChanged(await call('pages.rotate', { id: p.id, quarterTurns })));
  const toggleSkip = () =>
    act(async () => {
      onChanged(await call('pages.skip', { id: p.id, skipped: !skipped }));
      touchBatch(p.batchId);
      void refreshOcr();
    });
  const reocr = () =>
    act(async () => {
      await call('ocr.enqueue', { pageIds: [p.id], template: p.templateId ?? template });
      toast.info(t('page.reocrQueued'));
      touchBatch(p.batchId);
      void refreshOcr();
    });

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget || e.ctrlKey || e.altKey || e.metaKey) return;
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    switch (key) {
      case 'ArrowLeft':
        onMove(e.currentTarget, -1);
        break;
      case 'ArrowRight':
        onMove(e.currentTarget, 1);
        break;
      case 'Enter':
      case ' ':
        onView();
        break;
      case 'r':
        void rotate(1);
        break;
      case 'l':
        void rotate(-1);
        break;
      case 'b':
        void toggleSkip();
        break;
      case 'o':
        void reocr();
        break;
      case 'Delete':
        onRemove();
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const name = pageName(p);
  return (
    <div
      ref={ref}
      role="listitem"
      tabIndex={0}
      className={`thumb tone-${badge.tone}${skipped ? ' skipped' : ''}`}
      aria-label={`${t('page.seq', { n: p.seq })} ${name} ${badge.label}`}
      aria-busy={busy}
      data-testid="page-thumb"
      data-page-id={p.id}
      data-ocr={p.ocrStatus}
      onKeyDown={onKeyDown}
    >
      <button type="button" className="thumb-img" tabIndex={-1} onClick={onView} aria-label={name}>
        {img.url ? (
          <img src={img.url} alt="" draggable={false} />
        ) : (
          <span className="muted small">{img.error ? t('page.imageError') : ''}</span>
        )}
      </button>
      <div className="thumb-caption">
        <span className="thumb-seq">{t('page.seq', { n: p.seq })}</span>
        <span className={`badge-status tone-${badge.tone}`} data-testid="page-status">
          {badge.label}
        </span>
      </div>
      <div className="thumb-name ellipsis muted small" title={name}>
        {name}
      </div>
      {p.ocrStatus === 'failed' && p.error && (
        <div className="thumb-error text-error small" title={p.error} data-testid="page-error">
          {p.error}
        </div>
      )}
      {p.blank && !skipped && <div className="small text-warn">{t('page.blank')}</div>}
      <div className="thumb-actions">
        <button
          type="button"
          className="btn-icon"
          disabled={busy}
          onClick={() => void rotate(-1)}
          title={`${t('page.rotateLeft')} (L)`}
          aria-label={t('page.rotateLeft')}
        >
          ↺
        </button>
        <button
          type="button"
          className="btn-icon"
          disabled={busy}
          onClick={() => void rotate(1)}
          title={`${t('page.rotateRight')} (R)`}
          aria-label={t('page.rotateRight')}
        >
          ↻
        </button>
        <button
          type="button"
          className="btn-small"
          disabled={busy}
          onClick={() => void toggleSkip()}
          title="B"
          data-testid="page-skip"
        >
          {skipped ? t('page.unskip') : t('page.skip')}
        </button>
        <button
          type="button"
          className="btn-small"
          disabled={busy || skipped || p.ocrStatus === 'queued' || p.ocrStatus === 'running'}
          onClick={() => void reocr()}
          title="O"
          data-testid="page-reocr"
        >
          {t('page.reocr')}
        </button>
        <button
          type="button"
          className="btn-small btn-danger-text"
          disabled={busy}
          onClick={onRemove}
          title="Delete"
          data-testid="page-remove"
        >
          {t('page.remove')}
        </button>
      </div>
    </div>
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
      await call('pages.remove', { id: page.id, reason });
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
