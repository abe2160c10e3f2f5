import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { SPINE_WIDTHS_MM, type BoxProposal, type MethodInput } from '../../../../electron/contract';
import { FormError } from '../../components/FormError';
import { Modal } from '../../components/Modal';
import { t } from '../../i18n/zh-CN';
import { errorMessage } from '../../lib/errors';
import { useCatalogue } from '../../stores/catalogue';
import { toast } from '../../stores/toasts';
import { confirmBoxing, proposeBoxing } from './actions';
import { confirmInput, moveBoundary } from './plan';
import './boxing.css';

export interface BoxingTarget {
  selection: MethodInput<'boxes.propose'>['selection'];
  /** What is boxed, in words: 所选 12 件, 2024 文书全部. */
  label: string;
}

/** Ctrl+B or Alt+B (a plain browser keeps some Ctrl keys; the catalogue's other shortcuts do the same). */
export const isBoxingShortcut = (e: globalThis.KeyboardEvent) =>
  (e.ctrlKey || e.metaKey) !== e.altKey && !e.shiftKey && (e.code === 'KeyB' || e.key === 'b' || e.key === 'B');

/**
 * 装盒: the core's proposal box by box (盒号, 起止号, 件数, 页数, fill); the clerk changes the
 * spine thickness or moves a boundary by keyboard, may name a place, and confirms with Enter.
 */
export function BoxingDialog({
  target,
  onClose,
  onDone,
}: {
  target: BoxingTarget;
  onClose: () => void;
  onDone: () => void;
}) {
  const [thickness, setThickness] = useState(30);
  const [plan, setPlan] = useState<BoxProposal | null>(null);
  const [current, setCurrent] = useState(0);
  const [placeCode, setPlaceCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const list = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let alive = true;
    setPlan(null);
    setError(null);
    proposeBoxing({ selection: target.selection, thicknessMm: thickness })
      .then((p) => {
        if (!alive) return;
        setPlan(p);
        setCurrent(0);
      })
      .catch((err: unknown) => alive && setError(errorMessage(err)));
    return () => {
      alive = false;
    };
  }, [target, thickness]);

  const confirm = async () => {
    if (!plan || plan.boxes.length === 0 || busy) return;
    setBusy(true);
    setError(null);
    try {
      const r = await confirmBoxing(confirmInput(plan, placeCode));
      toast.success(
        t('box.done', { boxes: r.boxes.length, first: r.boxes[0]!.code, last: r.boxes[r.boxes.length - 1]!.code }),
      );
      // The range is boxed: the grid is back to one row, and shows the new 盒号 after onDone's refresh.
      useCatalogue.getState().select(useCatalogue.getState().selectedIndex);
      onDone();
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const onListKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!plan) return;
    const last = plan.boxes.length - 1;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (e.shiftKey) {
        const moved = moveBoundary(plan, current, e.key === 'ArrowDown' ? 1 : -1);
        if (moved) {
          setPlan(moved);
          setCurrent(Math.min(current, moved.boxes.length - 1));
          setError(null);
        } else setError(t('box.cantMove'));
      } else setCurrent(Math.max(0, Math.min(last, current + (e.key === 'ArrowDown' ? 1 : -1))));
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const el = e.target as HTMLElement;
    if (e.key === 'Enter' && el.tagName !== 'BUTTON' && el.tagName !== 'SELECT') {
      e.preventDefault();
      void confirm();
    }
  };

  // The list takes the keys as soon as the proposal is there (the dialog opened before it came).
  const ready = plan !== null;
  useEffect(() => {
    if (ready) list.current?.focus();
  }, [ready]);

  useEffect(() => {
    list.current?.querySelector(`[data-box-index="${current}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  const n = plan?.boxes.reduce((s, b) => s + b.members.length, 0) ?? 0;
  return (
    <Modal
      title={t('box.title', { what: target.label })}
      onClose={onClose}
      wide
      testId="boxing-dialog"
      onKeyDown={onKeyDown}
      footer={
        <>
          <span className="grow muted small" data-testid="boxing-summary">
            {plan ? t('box.summary', { boxes: plan.boxes.length, n }) : ''}
          </span>
          <button
            type="button"
            className="btn-primary"
            onClick={() => void confirm()}
            disabled={!plan || plan.boxes.length === 0 || busy}
            data-testid="boxing-confirm"
          >
            {t('box.confirm')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      <div className="boxing-options">
        <label>
          {t('box.thickness')}
          <select
            value={thickness}
            onChange={(e) => setThickness(Number(e.target.value))}
            data-testid="boxing-thickness"
          >
            {SPINE_WIDTHS_MM.map((w) => (
              <option key={w} value={w}>
                {w} {t('box.mm')}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('box.place')}
          <input
            value={placeCode}
            onChange={(e) => setPlaceCode(e.target.value)}
            placeholder={t('box.placeHint')}
            data-testid="boxing-place"
          />
        </label>
        {plan && (
          <span className="muted small">
            {t('box.capacity', { pages: plan.capacity, perMm: plan.pagesPerMm, dflt: plan.recordPages })}
          </span>
        )}
      </div>
      {plan?.warnings.map((w) => (
        <div key={w} className="form-notice" data-testid="boxing-warning">
          {w}
        </div>
      ))}
      <FormError message={error} />
      {!plan && !error && <div className="muted">{t('box.preparing')}</div>}
      {plan && (
        <div
          className="boxing-list"
          ref={list}
          tabIndex={0}
          role="listbox"
          aria-label={t('box.keys')}
          aria-activedescendant={`box-row-${current}`}
          onKeyDown={onListKey}
          data-autofocus
          data-testid="boxing-list"
        >
          <div className="boxing-row boxing-head">
            <span>{t('box.col.no')}</span>
            <span>{t('box.col.code')}</span>
            <span>{t('box.col.range')}</span>
            <span>{t('box.col.count')}</span>
            <span>{t('box.col.pages')}</span>
            <span>{t('box.col.fill')}</span>
          </div>
          {plan.boxes.length === 0 && <div className="muted">{t('box.none')}</div>}
          {plan.boxes.map((b, i) => (
            <div
              key={`${b.code}-${i}`}
              id={`box-row-${i}`}
              role="option"
              aria-selected={i === current}
              className={`boxing-row${i === current ? ' selected' : ''}`}
              data-box-index={i}
              data-testid="boxing-box"
              onMouseDown={() => setCurrent(i)}
            >
              <span>{b.boxNo}</span>
              <span className="mono">{b.code}</span>
              <span>
                {b.firstNo}–{b.lastNo}
              </span>
              <span>{b.members.length}</span>
              <span>{b.pages}</span>
              <span className="boxing-fill" title={`${Math.round(b.fill * 100)}%`}>
                <span
                  className={`boxing-fill-bar${b.fill > 1 ? ' over' : ''}`}
                  style={{ width: `${Math.min(100, Math.round(b.fill * 100))}%` }}
                />
                <span className="boxing-fill-text">
                  {Math.round(b.fill * 100)}%{b.fill > 1 ? ` ${t('box.overfull')}` : ''}
                </span>
              </span>
            </div>
          ))}
        </div>
      )}
      <div className="muted small">{t('box.keys')}</div>
    </Modal>
  );
}
