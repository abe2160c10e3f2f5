import { useEffect, useState } from 'react';
import type { PlaceNode } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import { useCatalogue } from '../../stores/catalogue';
import { loadTree } from './actions';

/**
 * The grid's 库位 filter: a place picker (indented by level); the grid then shows what stands
 * at that place or under it. Hidden while the station has no places.
 */
export function PlaceFilter() {
  const placeId = useCatalogue((s) => s.placeId);
  const setPlaceId = useCatalogue((s) => s.setPlaceId);
  const [places, setPlaces] = useState<PlaceNode[]>([]);
  useEffect(() => {
    let alive = true;
    loadTree()
      .then((tree) => alive && setPlaces(tree.places))
      .catch(() => alive && setPlaces([]));
    return () => {
      alive = false;
    };
  }, []);
  if (places.length === 0 && !placeId) return null;
  return (
    <label className="place-filter">
      {t('where.filter')}
      <select value={placeId ?? ''} onChange={(e) => setPlaceId(e.target.value || null)} data-testid="place-filter">
        <option value="">{t('where.filterAll')}</option>
        {places.map((p) => (
          <option key={p.id} value={p.id}>
            {'\u3000'.repeat(p.depth)}
            {p.name}（{p.code}）
          </option>
        ))}
      </select>
    </label>
  );
}
