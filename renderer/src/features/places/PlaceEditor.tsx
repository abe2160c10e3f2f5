import { useState } from 'react';
import type { PlaceNode } from '../../../../electron/contract';
import { t } from '../../i18n/zh-CN';
import * as api from './actions';
import { usePlaces } from './store';

export type EditMode = 'root' | 'child' | 'rename' | 'generate' | 'levels';

const num = (s: string): number | null => (s.trim() === '' ? null : Number(s));

/** The one form of the 库位 screen: a new place, a rename, a 密集架 generated, the level names. */
export function PlaceEditor({ mode, place, onDone }: { mode: EditMode; place: PlaceNode | null; onDone: () => void }) {
  const { tree, run } = usePlaces();
  const renaming = mode === 'rename' && place;
  const [code, setCode] = useState(renaming ? place.code : '');
  const [name, setName] = useState(renaming ? place.name : '');
  const [capacity, setCapacity] = useState(renaming && place.capacity ? String(place.capacity) : '');
  const [grid, setGrid] = useState({ columns: '2', sections: '5', shelves: '5' });
  const [levels, setLevels] = useState((tree?.levels.names ?? []).join('\n'));

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const ok = await run(async () => {
      if (mode === 'levels') {
        await api.setLevels(
          levels
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean),
        );
        return null;
      }
      if (mode === 'generate') {
        const r = await api.generateShelves({
          parentId: place!.id,
          columns: Number(grid.columns),
          sections: Number(grid.sections),
          shelves: Number(grid.shelves),
          capacity: num(capacity),
        });
        return t('places.generated', { n: r.created });
      }
      await api.savePlace({
        ...(renaming ? { id: place.id, expectedVersion: place.version, parentId: place.parentId } : {}),
        ...(mode === 'child' ? { parentId: place!.id } : {}),
        code,
        name,
        capacity: num(capacity),
      });
      return null;
    });
    if (ok) onDone();
  };

  const field = (label: string, value: string, set: (v: string) => void, testId: string, autoFocus = false) => (
    <label className="place-field">
      {label}
      <input value={value} onChange={(e) => set(e.target.value)} data-testid={testId} autoFocus={autoFocus} />
    </label>
  );

  return (
    <form className="place-editor" onSubmit={(e) => void submit(e)} data-testid="place-editor">
      {mode === 'levels' && (
        <label className="place-field">
          {t('places.levelsHint')}
          <textarea
            rows={6}
            value={levels}
            onChange={(e) => setLevels(e.target.value)}
            data-testid="place-levels"
            autoFocus
          />
        </label>
      )}
      {(mode === 'root' || mode === 'child' || mode === 'rename') && (
        <>
          {field(t('places.code'), code, setCode, 'place-code', true)}
          {field(t('places.name'), name, setName, 'place-name')}
          {field(t('places.capacity'), capacity, setCapacity, 'place-capacity')}
        </>
      )}
      {mode === 'generate' && (
        <>
          {field(t('places.columns'), grid.columns, (v) => setGrid({ ...grid, columns: v }), 'gen-columns', true)}
          {field(t('places.sections'), grid.sections, (v) => setGrid({ ...grid, sections: v }), 'gen-sections')}
          {field(t('places.shelves'), grid.shelves, (v) => setGrid({ ...grid, shelves: v }), 'gen-shelves')}
          {field(t('places.capacity'), capacity, setCapacity, 'gen-capacity')}
        </>
      )}
      <div className="place-editor-actions">
        <button type="submit" className="btn-primary" data-testid="place-submit">
          {mode === 'generate' ? t('places.generate') : t('places.save')}
        </button>
        <button type="button" className="btn-flat" onClick={onDone}>
          {t('places.cancel')}
        </button>
      </div>
    </form>
  );
}
