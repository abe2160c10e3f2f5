import { useRef, useState } from 'react';
import type { PageView } from '../../../../electron/contract';
import { errorMessage } from '../../lib/errors';
import { enqueueOcr, replacePage, rotatePage, skipPage } from './actions';
import { t } from '../../i18n/zh-CN';
import { readFileBase64 } from '../../lib/format';
import { useIntake } from '../../stores/intake';
import { toast } from '../../stores/toasts';
import { useNearViewport, usePageImage } from './images';
import { engineShort, pageBadge, pageName } from './labels';

/** One page of a batch: thumbnail, OCR state and the page actions, each with a key. */
interface ThumbProps {
  page: PageView;
  onChanged: (p: PageView) => void;
  onRemove: () => void;
  onView: () => void;
  onMove: (from: HTMLElement, delta: number) => void;
}

export function PageThumb({ page: p, onChanged, onRemove, onView, onMove }: ThumbProps) {
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
  // A turned page is read again, so the queue bar and the batch refresh too.
  const rotate = (quarterTurns: number) =>
    act(async () => {
      onChanged(await rotatePage({ id: p.id, quarterTurns }));
      void refreshOcr();
    });
  const toggleSkip = () =>
    act(async () => {
      onChanged(await skipPage({ id: p.id, skipped: !skipped }));
      touchBatch(p.batchId);
      void refreshOcr();
    });
  const fileRef = useRef<HTMLInputElement>(null);
  /** A rescan (from the scanner's folder or a file) takes this page's place. */
  const replaceWith = (file: File) =>
    act(async () => {
      const dataBase64 = await readFileBase64(file);
      onChanged(await replacePage({ id: p.id, name: file.name, dataBase64 }));
      toast.success(t('page.replaced'));
      touchBatch(p.batchId);
      void refreshOcr();
    });
  const reocr = () =>
    act(async () => {
      await enqueueOcr({ pageIds: [p.id], template: p.templateId ?? template });
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
      case 'p':
        fileRef.current?.click();
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
        {p.ocrStatus === 'done' && p.ocrEngine && (
          <span
            className="thumb-engine muted small"
            title={t('verify.engine', { name: p.ocrEngine })}
            data-testid="page-engine"
          >
            {engineShort(p.ocrEngine)}
          </span>
        )}
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
      {p.templateNote && (
        <div className="small text-warn ellipsis" title={p.templateNote} data-testid="page-template-note">
          {t('batchRecords.noTemplate')}
        </div>
      )}
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
          className="btn-small"
          disabled={busy}
          onClick={() => fileRef.current?.click()}
          title={`${t('page.replaceHint')} (P)`}
          data-testid="page-replace"
        >
          {t('page.replace')}
        </button>
        <input
          ref={fileRef}
          type="file"
          hidden
          accept=".jpg,.jpeg,.png,.tif,.tiff,.pdf"
          data-testid="page-replace-input"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void replaceWith(f);
          }}
        />
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
