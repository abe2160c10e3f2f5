import { useEffect, useState } from 'react';
import type { PlaceNode } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import { useCatalogue } from '../../stores/catalogue';
import { loadTree } from './actions';

/** The station's places, loaded once per picker; none when it has no places (or on an error). */
function usePlaceList(): PlaceNode[] {
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
  return places;
}

/**
 * A place picker (indented by level): a filter that then keeps what stands at that place or
 * under it. Hidden while the station has no places.
 */
export function PlaceSelect({
  id,
  value,
  onChange,
  testId,
}: {
  id?: string;
  value: string | null;
  onChange: (placeId: string | null) => void;
  testId: string;
}) {
  const places = usePlaceList();
  if (places.length === 0 && !value) return null;
  return (
    <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)} data-testid={testId}>
      <option value="">{t('where.filterAll')}</option>
      {places.map((p) => (
        <option key={p.id} value={p.id}>
          {'\u3000'.repeat(p.depth)}
          {p.name}（{p.code}）
        </option>
      ))}
    </select>
  );
}

/** The grid's 库位 filter. */
export function PlaceFilter() {
  const placeId = useCatalogue((s) => s.placeId);
  const setPlaceId = useCatalogue((s) => s.setPlaceId);
  return (
    <label className="place-filter">
      {t('where.filter')}
      <PlaceSelect value={placeId} onChange={setPlaceId} testId="place-filter" />
    </label>
  );
}
