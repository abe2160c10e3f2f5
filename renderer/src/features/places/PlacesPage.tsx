import { useEffect, useState } from 'react';
import { t } from '../../i18n/zh-CN';
import { useSession } from '../../stores/session';
import * as api from './actions';
import { HoldingsPanel } from './HoldingsPanel';
import { PlaceEditor, type EditMode } from './PlaceEditor';
import { PlaceTree } from './PlaceTree';
import { usePlaces } from './store';
import './places.css';

/** 库位: the place tree with its levels, shelves set up in one go, and what stands where. */
export function PlacesPage() {
  const perms = useSession((s) => s.login?.permissions ?? []);
  const canWrite = perms.includes('catalogue.write');
  const canLevels = perms.includes('settings.manage');
  const { tree, selectedId, error, notice, load, run } = usePlaces();
  const [mode, setMode] = useState<EditMode | null>(null);
  const place = tree?.places.find((p) => p.id === selectedId) ?? null;
  const deepest = (tree?.levels.depth ?? 0) - 1;

  useEffect(() => {
    void load();
  }, [load]);

  const remove = () => {
    if (!place || !window.confirm(t('places.deleteConfirm', { path: place.path }))) return;
    void run(async () => {
      await api.deletePlace(place.id);
      return null;
    });
  };

  const button = (m: EditMode, label: string, show: boolean) =>
    show && (
      <button type="button" className="btn-flat" onClick={() => setMode(m)} data-testid={`place-${m}`}>
        {label}
      </button>
    );

  return (
    <div className="page places-page" data-testid="places-page">
      <div className="toolbar">
        <h1 className="page-title">{t('places.title')}</h1>
        {tree && <span className="muted">{tree.levels.names.join(' → ')}</span>}
        {button('levels', t('places.levels'), canLevels)}
        {button('root', t('places.addRoot'), canWrite)}
        {button('child', t('places.addChild'), canWrite && !!place && place.depth < deepest)}
        {button('generate', t('places.generate'), canWrite && !!place && place.depth + 3 <= deepest)}
        {button('rename', t('places.rename'), canWrite && !!place)}
        {canWrite && place && (
          <button type="button" className="btn-flat danger" onClick={remove} data-testid="place-delete">
            {t('places.delete')}
          </button>
        )}
      </div>
      {error && (
        <div className="form-error" role="alert" data-testid="places-error">
          {error}
        </div>
      )}
      {notice && (
        <div className="notice" role="status" data-testid="places-notice">
          {notice}
        </div>
      )}
      {mode && (
        <PlaceEditor
          key={`${mode}:${selectedId ?? ''}`}
          mode={mode}
          place={mode === 'root' ? null : place}
          onDone={() => setMode(null)}
        />
      )}
      {tree && tree.places.length === 0 && <p className="muted">{t('places.none')}</p>}
      <div className="places-body">
        <PlaceTree />
        {place && (
          <div className="place-detail" data-testid="place-detail">
            <h2 className="section-title">
              {place.path} <span className="place-code">{place.code}</span>
            </h2>
            <p className="muted">
              {t('places.counts', { b: place.boxes, v: place.volumes, bu: place.boxesUnder, vu: place.volumesUnder })}
            </p>
            <HoldingsPanel key={place.id} canWrite={canWrite} />
          </div>
        )}
      </div>
    </div>
  );
}
