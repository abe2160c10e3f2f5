import { useEffect, useRef, useState } from 'react';
import type { Box } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import { dragged, MIN_ZONE_MM, pctStyle, pointerPx, toMm, type Point, type Surface } from './geometry';
import type { Meta, Zone } from './model';
import type { Issues } from './validate';

interface Props {
  surface: Surface;
  imageUrl: string | null;
  imageError: string | null;
  /** The sample's resolution; null when zones are drawn on blank paper. */
  sampleDpi: number | null;
  meta: Meta;
  zones: readonly Zone[];
  selected: number | null;
  issues: Issues;
  readOnly: boolean;
  onSelect: (uid: number | null) => void;
  onDraw: (box: Box) => void;
  onChange: (uid: number, box: Box) => void;
}

type Drag =
  | { how: 'draw'; start: Point; cur: Point; pointer: number }
  | { how: 'move' | 'resize'; uid: number; orig: Box; start: Point; cur: Point; pointer: number };

/**
 * The page with its zones. Dragging on empty paper draws a zone, dragging a zone moves it,
 * dragging its corner handle resizes it; Esc drops a drag in progress. Nothing reaches the
 * template until the pointer is let go.
 */
export function ZoneCanvas(p: Props) {
  const { surface: s } = p;
  const paperRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);

  useEffect(() => {
    if (!drag) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      if (paperRef.current?.hasPointerCapture(drag.pointer)) paperRef.current.releasePointerCapture(drag.pointer);
      setDrag(null);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [drag]);

  const at = (e: React.PointerEvent) => pointerPx(s, paperRef.current!, e.clientX, e.clientY);

  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0 || !paperRef.current) return;
    e.preventDefault(); // no text selection or image drag while drawing
    canvasRef.current?.focus({ preventScroll: true });
    const el = e.target as HTMLElement;
    const zoneEl = el.closest<HTMLElement>('[data-uid]');
    const uid = zoneEl ? Number(zoneEl.dataset.uid) : null;
    const zone = p.zones.find((z) => z.uid === uid);
    if (zone) p.onSelect(zone.uid);
    if (p.readOnly) {
      if (!zone) p.onSelect(null);
      return;
    }
    paperRef.current.setPointerCapture(e.pointerId);
    const start = at(e);
    if (zone)
      setDrag({
        how: el.closest('[data-handle]') ? 'resize' : 'move',
        uid: zone.uid,
        orig: zone.box,
        start,
        cur: start,
        pointer: e.pointerId,
      });
    else setDrag({ how: 'draw', start, cur: start, pointer: e.pointerId });
  };

  const onPointerMove = (e: React.PointerEvent<HTMLDivElement>) => {
    if (drag && e.pointerId === drag.pointer) setDrag({ ...drag, cur: at(e) });
  };

  const onPointerUp = (e: React.PointerEvent<HTMLDivElement>) => {
    if (!drag || e.pointerId !== drag.pointer) return;
    setDrag(null);
    const cur = at(e);
    if (drag.how === 'draw') {
      const box = toMm(s, drag.start, cur);
      if (box.w >= MIN_ZONE_MM && box.h >= MIN_ZONE_MM) p.onDraw(box);
      else p.onSelect(null); // a click on empty paper
      return;
    }
    const moved = Math.hypot(cur.x - drag.start.x, cur.y - drag.start.y) >= 1;
    if (moved)
      p.onChange(drag.uid, dragged(s, drag.orig, { x: cur.x - drag.start.x, y: cur.y - drag.start.y }, drag.how));
  };

  const boxOf = (z: Zone): Box =>
    drag && drag.how !== 'draw' && drag.uid === z.uid
      ? dragged(s, drag.orig, { x: drag.cur.x - drag.start.x, y: drag.cur.y - drag.start.y }, drag.how)
      : z.box;

  const rubber = drag?.how === 'draw' ? toMm(s, drag.start, drag.cur) : null;
  return (
    <div
      ref={canvasRef}
      className="tpl-canvas"
      tabIndex={0}
      data-zone-keys
      data-zone-canvas
      aria-label={t('forms.editor.canvas')}
      data-testid="tpl-canvas"
    >
      <div className="tpl-canvas-info muted small">
        <span>{t('forms.editor.page', { w: p.meta.page.w, h: p.meta.page.h })}</span>
        {p.sampleDpi !== null ? (
          <span>{t('forms.editor.sample', { dpi: p.sampleDpi })}</span>
        ) : (
          <span>{t('forms.editor.noSample')}</span>
        )}
        <span className={p.meta.frame ? 'text-ok' : 'text-warn'}>
          {p.meta.frame ? t('forms.editor.frameFound') : t('forms.editor.frameMissing')}
        </span>
      </div>
      {p.imageError && <div className="form-error">{t('forms.editor.imageError', { message: p.imageError })}</div>}
      <div
        ref={paperRef}
        className={`tpl-paper${p.readOnly ? ' read-only' : ''}${drag ? ` dragging-${drag.how}` : ''}`}
        style={{ aspectRatio: `${s.width} / ${s.height}` }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => setDrag(null)}
        data-testid="tpl-paper"
      >
        {p.imageUrl && <img src={p.imageUrl} alt="" draggable={false} />}
        {p.sampleDpi !== null && !p.imageUrl && !p.imageError && <div className="muted pad">{t('common.loading')}</div>}
        {p.sampleDpi === null &&
          p.meta.labels.map((l, i) => (
            <div key={i} className="tpl-label" style={pctStyle(s, l.box)}>
              {l.text}
            </div>
          ))}
        {p.meta.frame && <div className="tpl-frame" style={pctStyle(s, p.meta.frame)} aria-hidden="true" />}
        {p.zones.map((z) => (
          <div
            key={z.uid}
            data-uid={z.uid}
            className={`tpl-zone${z.uid === p.selected ? ' selected' : ''}${p.issues.zones.has(z.uid) ? ' invalid' : ''}`}
            style={pctStyle(s, boxOf(z))}
            data-testid="tpl-zone"
            data-key={z.key}
          >
            <span className="tpl-zone-tag">{z.label || z.key}</span>
            {!p.readOnly && z.uid === p.selected && <span className="tpl-zone-handle" data-handle />}
          </div>
        ))}
        {rubber && <div className="tpl-rubber" style={pctStyle(s, rubber)} />}
      </div>
    </div>
  );
}
