import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { PageTextView, RecordPageView } from '../../../../electron/contract';
import { errorMessage } from '../../lib/errors';
import { getPageText } from './actions';
import { Modal } from '../../components/Modal';
import { t } from '../../i18n/zh-CN';
import { usePageImage } from '../scan/images';
import { PdfButtons } from './PdfButtons';
import type { RecordRef } from './recordPdf';

interface Props {
  pages: RecordPageView[];
  start: number;
  archiveCode: string;
  target: RecordRef;
  onClose: () => void;
}

const ZOOMS = [0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1, 1.25, 1.5, 2, 3, 4];
type Zoom = number | 'fit';

/**
 * A record's pages one at a time: the image (zoom, fit width, a view-only turn) with the
 * page's OCR text beside it; PageUp/PageDown or ←/→ page through.
 */
export function PageViewer({ pages, start, archiveCode, target, onClose }: Props) {
  const [index, setIndex] = useState(start);
  const [zoom, setZoom] = useState<Zoom>('fit');
  const [turn, setTurn] = useState(0);
  const page = pages[Math.min(index, pages.length - 1)]!;
  const img = usePageImage({ id: page.id, variant: 'preview' }, page.rotation);
  const text = usePageText(page.id);
  const scroller = useRef<HTMLDivElement>(null);
  const [natural, setNatural] = useState<{ w: number; h: number } | null>(null);
  const [boxWidth, setBoxWidth] = useState(0);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setBoxWidth(el.clientWidth - 16);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const odd = turn % 2 !== 0;
  // Turned a quarter, the page's height runs across the screen.
  const across = natural ? (odd ? natural.h : natural.w) : 0;
  const fitScale = across ? boxWidth / across : 1;
  const scale = zoom === 'fit' ? fitScale : zoom;
  const step = (dir: 1 | -1) =>
    setZoom(() => {
      const next = dir > 0 ? ZOOMS.find((z) => z > scale + 0.001) : [...ZOOMS].reverse().find((z) => z < scale - 0.001);
      return next ?? (dir > 0 ? ZOOMS[ZOOMS.length - 1]! : ZOOMS[0]!);
    });
  const go = (i: number) => {
    setIndex(Math.max(0, Math.min(pages.length - 1, i)));
    scroller.current?.scrollTo({ top: 0, left: 0 });
  };
  const rotate = (q: number) => setTurn((r) => (((r + q) % 4) + 4) % 4);

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    switch (key) {
      case 'PageDown':
      case 'ArrowRight':
        go(index + 1);
        break;
      case 'PageUp':
      case 'ArrowLeft':
        go(index - 1);
        break;
      case 'Home':
        go(0);
        break;
      case 'End':
        go(pages.length - 1);
        break;
      case '+':
      case '=':
        step(1);
        break;
      case '-':
        step(-1);
        break;
      case 'w':
      case '0':
        setZoom('fit');
        break;
      case 'r':
        rotate(1);
        break;
      case 'l':
        rotate(-1);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const w = natural ? natural.w * scale : 0;
  const h = natural ? natural.h * scale : 0;
  // In a volume, which item the page belongs to.
  const where = 'volumeId' in target && page.item ? `${t('recPages.item', { n: page.item.itemNo })} ` : '';
  return (
    // Keys stay in the viewer: the record's form underneath has its own Enter and Esc.
    <div onKeyDown={(e) => e.stopPropagation()}>
      <Modal
        wide
        title={t('viewer.title', { code: archiveCode, i: index + 1, n: pages.length })}
        onClose={onClose}
        testId="page-viewer"
        onKeyDown={onKeyDown}
        footer={
          <>
            <span className="muted small grow">{t('viewer.keys')}</span>
            <button type="button" onClick={onClose}>
              {t('common.close')}
            </button>
          </>
        }
      >
        <div className="viewer-bar" role="toolbar" aria-label={archiveCode}>
          <button type="button" className="btn-small" onClick={() => go(index - 1)} disabled={index === 0}>
            {t('viewer.prev')}
          </button>
          <span className="viewer-pos" data-testid="viewer-pos">
            {index + 1} / {pages.length}
          </span>
          <button
            type="button"
            className="btn-small"
            onClick={() => go(index + 1)}
            disabled={index === pages.length - 1}
          >
            {t('viewer.next')}
          </button>
          <span className="viewer-sep" />
          <button type="button" className="btn-icon" onClick={() => step(-1)} title={`${t('viewer.zoomOut')} (−)`}>
            −
          </button>
          <span className="viewer-zoom mono" data-testid="viewer-zoom">
            {t('viewer.zoom', { n: Math.round(scale * 100) })}
          </span>
          <button type="button" className="btn-icon" onClick={() => step(1)} title={`${t('viewer.zoomIn')} (+)`}>
            +
          </button>
          <button
            type="button"
            className={`btn-small${zoom === 'fit' ? ' active' : ''}`}
            aria-pressed={zoom === 'fit'}
            onClick={() => setZoom('fit')}
            title="W"
            data-testid="viewer-fit"
          >
            {t('viewer.fitWidth')}
          </button>
          <span className="viewer-sep" />
          <button type="button" className="btn-icon" onClick={() => rotate(-1)} title={`${t('viewer.rotateLeft')} (L)`}>
            ↺
          </button>
          <button type="button" className="btn-icon" onClick={() => rotate(1)} title={`${t('viewer.rotateRight')} (R)`}>
            ↻
          </button>
          <span className="muted small" title={t('viewer.rotateNote')}>
            {turn ? `${turn * 90}°` : ''}
          </span>
          <span className="grow" />
          <PdfButtons target={target} archiveCode={archiveCode} />
        </div>
        <div className="viewer-body">
          <div
            ref={scroller}
            className="viewer-image"
            tabIndex={0}
            data-autofocus
            aria-label={`${where}${t('page.seq', { n: page.seq })}`}
            data-testid="viewer-image"
            data-page-id={page.id}
            data-zoom={Math.round(scale * 100)}
            data-fit={zoom === 'fit'}
            data-turn={turn * 90}
          >
            {img.url ? (
              <div className="viewer-sheet" style={{ width: odd ? h : w, height: odd ? w : h }}>
                <img
                  src={img.url}
                  alt=""
                  draggable={false}
                  onLoad={(e) => setNatural({ w: e.currentTarget.naturalWidth, h: e.currentTarget.naturalHeight })}
                  style={{ width: w || undefined, height: h || undefined, transform: `rotate(${turn * 90}deg)` }}
                />
              </div>
            ) : (
              <span className="muted">{img.error ?? t('common.loading')}</span>
            )}
          </div>
          <aside className="viewer-text" aria-label={t('viewer.text')}>
            <div className="panel-title">
              {t('viewer.text')}
              {where && <span className="muted small"> · {page.item?.archiveCode}</span>}
            </div>
            {text.view?.engine && text.view.confidence !== null && (
              <div className="muted small">
                {t('viewer.textEngine', { engine: text.view.engine, conf: Math.round(text.view.confidence) })}
              </div>
            )}
            <div className="viewer-text-body" data-testid="viewer-text">
              {text.error ??
                (!text.view
                  ? t('common.loading')
                  : text.view.text === null
                    ? t('viewer.textNone')
                    : text.view.text.trim() || t('viewer.textEmpty'))}
            </div>
          </aside>
        </div>
      </Modal>
    </div>
  );
}

/** The page's OCR text (clearance checked by the core); a late answer for another page is dropped. */
function usePageText(id: string): { view: PageTextView | null; error: string | null } {
  const [state, setState] = useState<{ id: string; view: PageTextView | null; error: string | null } | null>(null);
  useEffect(() => {
    let live = true;
    getPageText({ id }).then(
      (view) => live && setState({ id, view, error: null }),
      (err: unknown) => live && setState({ id, view: null, error: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
  }, [id]);
  return state?.id === id ? state : { view: null, error: null };
}
