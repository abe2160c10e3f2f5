import { useEffect, useState } from 'react';
import { MOVE_REASON_LABELS, type WhereaboutsView } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import { formatTime } from '../../lib/format';
import { loadWhereabouts } from './actions';
import './places.css';

/**
 * 存放位置 on a record's detail: the place it stands (through its box, or as a loose volume),
 * the box, and its move history newest first. Nothing while loading; a failure shows nothing
 * rather than blocking the record's form.
 */
export function Whereabouts({ itemId, volumeId }: { itemId?: string; volumeId?: string }) {
  const [w, setW] = useState<WhereaboutsView | null>(null);
  useEffect(() => {
    let alive = true;
    loadWhereabouts(itemId ? { itemId } : { volumeId })
      .then((r) => alive && setW(r))
      .catch(() => alive && setW(null));
    return () => {
      alive = false;
    };
  }, [itemId, volumeId]);
  if (!w) return null;
  return (
    <section className="where-block" data-testid="whereabouts">
      <div>
        <span className="muted">{t('where.title')}：</span>
        <strong data-testid="where-place">{w.placePath ?? t('where.none')}</strong>
        {w.placeCode && <span className="place-code"> {w.placeCode}</span>}
        {w.box && (
          <span data-testid="where-box">
            {' '}
            · {t('where.box')} <span className="mono">{w.box.code}</span>
          </span>
        )}
      </div>
      {w.history.length > 0 && (
        <details>
          <summary className="muted small">
            {t('where.history')}（{w.history.length}）
          </summary>
          <ol className="where-history" data-testid="where-history">
            {w.history.map((h) => (
              <li key={h.id}>
                {formatTime(h.movedAt)} · {MOVE_REASON_LABELS[h.reason]} · <span className="mono">{h.what}</span>：
                {h.fromPath ?? h.fromBox ?? '—'} → {h.toPath ?? h.toBox ?? '—'} · {h.movedByName}
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}
