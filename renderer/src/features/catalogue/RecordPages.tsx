import { useCallback, useEffect, useRef, useState } from 'react';
import type { RecordPagesView, RecordPageView } from '../../../../electron/contract';
import { errorMessage } from '../../lib/errors';
import { listRecordPages } from './actions';
import { FormError } from '../../components/FormError';
import { t } from '../../i18n/zh-CN';
import { usePermission } from '../../stores/session';
import { useNearViewport, usePageImage } from '../scan/images';
import { pageBadge } from '../scan/labels';
import { AttachPagesDialog } from './AttachPagesDialog';
import { PageViewer } from './PageViewer';
import { PdfButtons } from './PdfButtons';
import type { RecordRef } from './recordPdf';

/**
 * A record's scanned pages in its detail view: thumbnails (a volume's grouped by item, in
 * 件号 order), the viewer, 打开/另存 PDF and 挂接页面 for pages waiting in the tray.
 */
export function RecordPages({ target }: { target: RecordRef }) {
  const canAttach = usePermission('scan');
  const [view, setView] = useState<RecordPagesView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [viewing, setViewing] = useState<number | null>(null);
  const [attaching, setAttaching] = useState(false);
  const [nonce, setNonce] = useState(0);
  const stripRef = useRef<HTMLDivElement>(null);
  const key = JSON.stringify(target);

  useEffect(() => {
    let live = true;
    listRecordPages(JSON.parse(key) as RecordRef).then(
      (v) => {
        if (!live) return;
        setView(v);
        setError(null);
      },
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [key, nonce]);

  const refresh = useCallback(() => setNonce((n) => n + 1), []);

  /** ←/→ between thumbnails; Enter opens the viewer there. Keys stay out of the form's own handling. */
  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    const thumbs = Array.from(stripRef.current?.querySelectorAll<HTMLElement>('[data-testid="record-thumb"]') ?? []);
    const i = thumbs.indexOf(document.activeElement as HTMLElement);
    if (i < 0) return;
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') thumbs[i + (e.key === 'ArrowRight' ? 1 : -1)]?.focus();
    else if (e.key === 'Enter' || e.key === ' ') setViewing(i);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const pages = view?.pages ?? [];
  return (
    <section className="record-pages" aria-labelledby="record-pages-title" data-testid="record-pages">
      <div className="record-pages-head">
        <h3 id="record-pages-title" className="panel-title">
          {t('recPages.title')}
        </h3>
        {view && (
          <span className="muted small" data-testid="record-pages-count">
            {t('recPages.count', { n: pages.length })}
          </span>
        )}
        <span className="grow" />
        {pages.length > 0 && (
          <button type="button" className="btn-small" onClick={() => setViewing(0)} data-testid="record-pages-view">
            {t('recPages.view')}
          </button>
        )}
        {canAttach && view && (
          <button
            type="button"
            className="btn-small"
            onClick={() => setAttaching(true)}
            data-testid="record-pages-attach"
          >
            {t('recPages.attach')}
          </button>
        )}
        {view && pages.length > 0 && <PdfButtons target={target} archiveCode={view.owner.archiveCode} />}
      </div>
      <FormError message={error} testId="record-pages-error" />
      {!view && !error && <div className="muted small">{t('recPages.loading')}</div>}
      {view && pages.length === 0 && <div className="muted small">{t('recPages.none')}</div>}
      {pages.length > 0 && (
        <>
          <div className="record-strip" ref={stripRef} role="list" onKeyDown={onKeyDown}>
            {pages.map((p, i) => (
              <RecordThumb
                key={p.id}
                page={p}
                groupStart={view?.owner.kind === 'volume' && p.item?.id !== pages[i - 1]?.item?.id}
                onOpen={() => setViewing(i)}
              />
            ))}
          </div>
          <div className="muted small">{t('recPages.thumbHint')}</div>
        </>
      )}
      {view && viewing !== null && pages.length > 0 && (
        <PageViewer
          pages={pages}
          start={viewing}
          archiveCode={view.owner.archiveCode}
          target={target}
          onClose={() => setViewing(null)}
        />
      )}
      {view && attaching && (
        <AttachPagesDialog
          target={target}
          archiveCode={view.owner.archiveCode}
          onClose={() => setAttaching(false)}
          onAttached={refresh}
        />
      )}
    </section>
  );
}

function RecordThumb({
  page: p,
  groupStart,
  onOpen,
}: {
  page: RecordPageView;
  groupStart: boolean;
  onOpen: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const near = useNearViewport(ref);
  const img = usePageImage(near ? { id: p.id, variant: 'thumb' } : null, p.rotation);
  const badge = pageBadge(p);
  const label = `${p.item ? `${t('recPages.item', { n: p.item.itemNo })} ` : ''}${t('page.seq', { n: p.seq })}`;
  return (
    <div
      ref={ref}
      role="listitem"
      tabIndex={0}
      className={`record-thumb tone-${badge.tone}${groupStart ? ' group-start' : ''}`}
      aria-label={`${label} ${badge.label}`}
      data-testid="record-thumb"
      data-page-id={p.id}
      onClick={onOpen}
    >
      <div className="record-thumb-img">
        {img.url ? (
          <img src={img.url} alt="" draggable={false} />
        ) : (
          <span className="muted small">{img.error ?? ''}</span>
        )}
      </div>
      <div className="record-thumb-cap small">
        {groupStart && p.item ? <strong>{t('recPages.item', { n: p.item.itemNo })} </strong> : null}
        {t('page.seq', { n: p.seq })}
      </div>
    </div>
  );
}
